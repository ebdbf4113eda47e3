/**
 * Console accounts (people sign in to the web console; machines use `gala token create`):
 * - `gala user create --role ROLE [--merchant ID] --username U --password P`: creates an account,
 *   or resets an existing one's password, role and merchant, ending its sessions at once;
 * - `gala user list`: every account, whether it may sign in, its live sessions;
 * - `gala user disable U --reason TEXT`: sign-in refused, sessions ended at once;
 * - `gala user enable U`: may sign in again;
 * - `gala user end-sessions U`: signs the account out everywhere.
 * Each change is in the audit log, by actor `cli`. Results print as JSON, one line each.
 */
import Table from "cli-table3";
import type { Command } from "commander";
import type { Result } from "../../app/result.js";
import {
  type AccountChange,
  CLI_MANAGER,
  disableUser,
  enableUser,
  endUserSessions,
  listManagedUsers,
  type ManagedUser,
} from "../../app/user-admin.js";
import { createUser } from "../../app/users.js";
import { formatWithOffset } from "../../domain/time/index.js";
import { DbUrlError, DEFAULT_DB_URL, openStore, type Store } from "../../store/index.js";
import { EXIT_CANNOT_RUN } from "../exit-codes.js";

interface CreateOptions {
  db: string;
  role: string;
  merchant?: string;
  username: string;
  password?: string;
}

const DB_OPTION = ["--db <url>", "sqlite:PATH or postgres://…", DEFAULT_DB_URL] as const;

export function registerUserCommands(program: Command): void {
  const user = program
    .command("user")
    .description("console accounts (people; machines use tokens)");
  user
    .command("create")
    .description("create a console account, or reset an existing one (its sessions end at once)")
    .requiredOption("--role <role>", "merchant | operator | admin")
    .option("--merchant <id>", "the merchant a merchant account acts for")
    .requiredOption("--username <name>", "sign-in name")
    .option("--password <password>", "sign-in password (or GALA_PASSWORD)")
    .option(...DB_OPTION)
    .action(async (options: CreateOptions) => {
      const password = options.password ?? process.env.GALA_PASSWORD;
      if (!password) cannotRun("create", "give --password or set GALA_PASSWORD");
      await withStore("create", options.db, async (store) => {
        const outcome = await createUser(
          store.db,
          {
            username: options.username,
            password,
            role: options.role,
            merchantId: options.merchant ?? null,
          },
          Date.now(),
          CLI_MANAGER.actor,
        );
        if (!outcome.ok) cannotRun("create", outcome.failure.message);
        process.stdout.write(`${JSON.stringify(outcome.value)}\n`);
      });
    });
  user
    .command("list")
    .description("every console account: role, merchant, disabled since, live sessions")
    .option(...DB_OPTION)
    .option("--json", "one JSON object per line instead of a table")
    .action((flags: { db: string; json?: boolean }) =>
      withStore("list", flags.db, async (store) => {
        const users = await listManagedUsers(store.db, Date.now());
        process.stdout.write(
          flags.json ? users.map((u) => `${JSON.stringify(present(u))}\n`).join("") : table(users),
        );
      }),
    );
  user
    .command("disable")
    .description("refuse the account's sign-in and end its sessions at once")
    .argument("<username>")
    .requiredOption("--reason <text>", "why (kept in the audit log)")
    .option(...DB_OPTION)
    .action((username: string, flags: { db: string; reason: string }) =>
      withStore("disable", flags.db, async (store) =>
        report(
          "disable",
          await disableUser(store.db, CLI_MANAGER, username, flags.reason, Date.now()),
        ),
      ),
    );
  user
    .command("enable")
    .description("let a disabled account sign in again")
    .argument("<username>")
    .option("--reason <text>", "why (kept in the audit log)")
    .option(...DB_OPTION)
    .action((username: string, flags: { db: string; reason?: string }) =>
      withStore("enable", flags.db, async (store) =>
        report(
          "enable",
          await enableUser(store.db, CLI_MANAGER, username, flags.reason ?? null, Date.now()),
        ),
      ),
    );
  user
    .command("end-sessions")
    .description("sign the account out everywhere at once (it may sign in again)")
    .argument("<username>")
    .option("--reason <text>", "why (kept in the audit log)")
    .option(...DB_OPTION)
    .action((username: string, flags: { db: string; reason?: string }) =>
      withStore("end-sessions", flags.db, async (store) =>
        report(
          "end-sessions",
          await endUserSessions(store.db, CLI_MANAGER, username, flags.reason ?? null, Date.now()),
        ),
      ),
    );
}

function report(command: string, r: Result<AccountChange>): void {
  if (!r.ok) cannotRun(command, r.failure.message);
  const { user, sessionsEnded } = r.value;
  process.stdout.write(`${JSON.stringify({ ...present(user), sessionsEnded })}\n`);
}

const when = (at: number | null) => (at === null ? null : formatWithOffset(at, 480));

const present = (u: ManagedUser) => ({ ...u, disabledAt: when(u.disabledAt) });

function table(users: readonly ManagedUser[]): string {
  if (users.length === 0) return "no accounts (create one with: gala user create)\n";
  const t = new Table({
    head: ["username", "role", "merchant", "disabled (+08:00)", "live sessions"],
    style: { head: [], border: [] },
  });
  for (const u of users) {
    t.push([u.username, u.role, u.merchantId ?? "", when(u.disabledAt) ?? "", u.liveSessions]);
  }
  return `${t.toString()}\n`;
}

async function withStore(
  command: string,
  db: string,
  work: (store: Store) => Promise<void>,
): Promise<void> {
  let store: Store;
  try {
    store = await openStore(db);
  } catch (error) {
    const why = error instanceof DbUrlError ? error.message : (error as Error).message;
    return cannotRun(command, `cannot open database ${db}: ${why}`);
  }
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

function cannotRun(command: string, message: string): never {
  process.stderr.write(`gala user ${command}: ${message}.\n`);
  process.exit(EXIT_CANNOT_RUN);
}
