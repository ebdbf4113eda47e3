/**
 * `gala user create --role ROLE [--merchant ID] --username U --password P [--db URL]`: a console
 * account (people sign in to the web console; machines use `gala token create`). Creating an
 * existing username resets its password, role and merchant. Prints the account as JSON.
 */
import type { Command } from "commander";
import { createUser } from "../../app/users.js";
import { DEFAULT_DB_URL, openStore } from "../../store/index.js";
import { EXIT_CANNOT_RUN } from "../exit-codes.js";

interface CreateOptions {
  db: string;
  role: string;
  merchant?: string;
  username: string;
  password?: string;
}

export function registerUserCommands(program: Command): void {
  const user = program
    .command("user")
    .description("console accounts (people; machines use tokens)");
  user
    .command("create")
    .description("create a console account, or reset an existing one")
    .requiredOption("--role <role>", "merchant | operator | admin")
    .option("--merchant <id>", "the merchant a merchant account acts for")
    .requiredOption("--username <name>", "sign-in name")
    .option("--password <password>", "sign-in password (or GALA_PASSWORD)")
    .option("--db <url>", "sqlite:PATH or postgres://…", DEFAULT_DB_URL)
    .action(async (options: CreateOptions) => {
      const password = options.password ?? process.env.GALA_PASSWORD;
      if (!password) {
        process.stderr.write("gala user create: give --password or set GALA_PASSWORD\n");
        process.exit(EXIT_CANNOT_RUN);
      }
      let store: Awaited<ReturnType<typeof openStore>> | undefined;
      try {
        store = await openStore(options.db);
        const outcome = await createUser(
          store.db,
          {
            username: options.username,
            password,
            role: options.role,
            merchantId: options.merchant ?? null,
          },
          Date.now(),
        );
        if (!outcome.ok) {
          process.stderr.write(`gala user create: ${outcome.failure.message}\n`);
          process.exitCode = EXIT_CANNOT_RUN;
          return;
        }
        process.stdout.write(`${JSON.stringify(outcome.value)}\n`);
      } catch (error) {
        process.stderr.write(`gala user create: ${(error as Error).message}\n`);
        process.exitCode = EXIT_CANNOT_RUN;
      } finally {
        await store?.close();
      }
    });
}
