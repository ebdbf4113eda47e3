#!/usr/bin/env node
/**
 * `gala` — the command line. Each command lives in `./commands/<name>.ts` and registers itself;
 * this file only wires them together and maps usage errors to exit status 2 (docs/interfaces.md).
 */
import { existsSync, readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT_CANNOT_RUN } from "./exit-codes.js";

type Register = (program: Command) => void;

// Loaded on demand: `gala check` must not pay for Fastify, argon2 and the database drivers
// (start-up time and memory count in the bulk benchmarks). Help lists every command.
const COMMANDS: Record<string, () => Promise<Register>> = {
  check: async () => (await import("./commands/check.js")).registerCheckCommand,
  campaign: async () => (await import("./commands/campaign.js")).registerCampaignCommands,
  demo: async () => (await import("./commands/demo.js")).registerDemoCommand,
  replay: async () => (await import("./commands/replay.js")).registerReplayCommand,
  serve: async () => (await import("./commands/serve.js")).registerServeCommand,
  token: async () => (await import("./commands/token.js")).registerTokenCommands,
  user: async () => (await import("./commands/user.js")).registerUserCommands,
};

/** This build's version, from the package.json above this file (in src/ or in dist/src/). */
function packageVersion(): string {
  for (let dir = new URL("./", import.meta.url); dir.pathname !== "/"; dir = new URL("../", dir)) {
    const file = new URL("package.json", dir);
    if (existsSync(file))
      return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  }
  return "unknown";
}

const program = new Command()
  .name("gala")
  .description("Gala — campaign operations for drop-ship distribution (活动运营平台)")
  .version(packageVersion(), "-V, --version")
  .showHelpAfterError()
  .exitOverride();

const requested = process.argv[2];
const chosen =
  requested !== undefined && Object.hasOwn(COMMANDS, requested)
    ? [requested]
    : Object.keys(COMMANDS);
for (const name of chosen) (await COMMANDS[name]!())(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help asked for (--help, `gala help`) and --version exit 0 (commander says so with exitCode
    // 0); every other commander error, help shown for a missing subcommand included, is a bad
    // invocation.
    const benign = error.exitCode === 0;
    process.exit(benign ? 0 : EXIT_CANNOT_RUN);
  }
  throw error;
}
