/**
 * `gala token create --db URL --role ROLE [--merchant ID] [--label TEXT]`: prints a new token
 * and nothing else on stdout (contracts.md). The secret is shown once; only its hash is stored.
 */
import type { Command } from "commander";
import { ROLES } from "../../app/actor.js";
import { createToken } from "../../app/tokens.js";
import { DbUrlError, DEFAULT_DB_URL, openStore } from "../../store/index.js";
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
    .action(async (flags: CreateFlags) => {
      let store: Awaited<ReturnType<typeof openStore>>;
      try {
        store = await openStore(flags.db);
      } catch (error) {
        const why = error instanceof DbUrlError ? error.message : (error as Error).message;
        return cannotRun(`cannot open database ${flags.db}: ${why}.`);
      }
      try {
        const r = await createToken(
          store.db,
          { role: flags.role, merchantId: flags.merchant ?? null, label: flags.label ?? null },
          Date.now(),
        );
        if (!r.ok) return cannotRun(`${r.failure.message}.`);
        process.stdout.write(`${r.value.secret}\n`);
      } finally {
        await store.close();
      }
    });
}

function cannotRun(message: string): never {
  process.stderr.write(`gala token create: ${message}\n`);
  process.exit(EXIT_CANNOT_RUN);
}
