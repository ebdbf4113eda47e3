/**
 * `gala token create --db URL --role ROLE [--merchant ID] [--label TEXT]`: prints a new token
 * and nothing else on stdout (docs/interfaces.md). The secret is shown once; only its hash is stored.
 * `gala token list` shows every token without its secret; `gala token revoke ID…` revokes.
 */
import Table from "cli-table3";
import type { Command } from "commander";
import { ROLES } from "../../app/actor.js";
import { createToken, revokeToken, type TokenSummary, tokenSummaries } from "../../app/tokens.js";
import { formatWithOffset } from "../../domain/time/index.js";
import { DbUrlError, DEFAULT_DB_URL, openStore, type Store } from "../../store/index.js";
import { EXIT_CANNOT_RUN } from "../exit-codes.js";

interface CreateFlags {
  db: string;
  role: string;
  merchant?: string;
  label?: string;
}

export function registerTokenCommands(program: Command): void {
  const token = program.command("token").description("API tokens");
  token
    .command("create")
    .description("create a token and print it (only) on stdout")
    .option("--db <url>", "sqlite:PATH or postgres://…", DEFAULT_DB_URL)
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option(
      "--merchant <id>",
      "the merchant a merchant token acts for (required for --role merchant)",
    )
    .option("--label <text>", "a note to recognise the token by")
    .action((flags: CreateFlags) =>
      withStore("create", flags.db, async (store) => {
        const r = await createToken(
          store.db,
          { role: flags.role, merchantId: flags.merchant ?? null, label: flags.label ?? null },
          Date.now(),
        );
        if (!r.ok) return cannotRun("create", `${r.failure.message}.`);
        process.stdout.write(`${r.value.secret}\n`);
        // stdout is the token alone (scripts capture it); where it went is worth saying.
        process.stderr.write(
          `gala token create: ${flags.role} token ${r.value.id} in ${flags.db}\n`,
        );
      }),
    );
  token
    .command("list")
    .description("list every token: id, role, merchant, label, created, revoked (never secrets)")
    .option("--db <url>", "sqlite:PATH or postgres://…", DEFAULT_DB_URL)
    .option("--json", "one JSON object per line instead of a table")
    .action((flags: { db: string; json?: boolean }) =>
      withStore("list", flags.db, async (store) => {
        const tokens = await tokenSummaries(store.db);
        process.stdout.write(flags.json ? jsonLines(tokens) : tokenTable(tokens));
      }),
    );
  token
    .command("revoke")
    .description("revoke tokens by id (see token list); servers refuse them within 5 s")
    .argument("<id...>", "token ids, like tok_0123456789ab")
    .option("--db <url>", "sqlite:PATH or postgres://…", DEFAULT_DB_URL)
    .action((ids: string[], flags: { db: string }) =>
      withStore("revoke", flags.db, async (store) => {
        let refused = 0;
        for (const id of ids) {
          const r = await revokeToken(store.db, id, Date.now());
          if (r.ok) process.stdout.write(`revoked ${id} (${r.value.role})\n`);
          else {
            refused++;
            process.stderr.write(`gala token revoke: ${r.failure.message}.\n`);
          }
        }
        // Every id was looked at; a wrong one makes the whole call fail, so scripts notice.
        if (refused > 0) process.exitCode = EXIT_CANNOT_RUN;
      }),
    );
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
    return cannotRun(command, `cannot open database ${db}: ${why}.`);
  }
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

const when = (at: number | null) => (at === null ? "" : formatWithOffset(at, 480));

function tokenTable(tokens: readonly TokenSummary[]): string {
  if (tokens.length === 0) return "no tokens (create one with: gala token create --role ROLE)\n";
  const table = new Table({
    head: ["id", "role", "merchant", "label", "created (+08:00)", "revoked (+08:00)"],
    style: { head: [], border: [] },
  });
  for (const t of tokens) {
    table.push([
      t.id,
      t.role,
      t.merchantId ?? "",
      t.label ?? "",
      when(t.createdAt),
      when(t.revokedAt),
    ]);
  }
  return `${table.toString()}\n`;
}

/** Instants as ISO with +08:00, as in the table (and the API). */
function jsonLines(tokens: readonly TokenSummary[]): string {
  return tokens
    .map((t) => {
      const times = { createdAt: when(t.createdAt), revokedAt: t.revokedAt && when(t.revokedAt) };
      return `${JSON.stringify({ ...t, ...times })}\n`;
    })
    .join("");
}

function cannotRun(command: string, message: string): never {
  process.stderr.write(`gala token ${command}: ${message}\n`);
  process.exit(EXIT_CANNOT_RUN);
}
