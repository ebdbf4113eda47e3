#!/usr/bin/env node
/**
 * `gala` — the command line. Each command lives in `./commands/<name>.ts` and registers itself;
 * this file only wires them together and maps usage errors to exit status 2 (contracts.md).
 */
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

const program = new Command()
  .name("gala")
  .description("Gala — campaign operations for drop-ship distribution (活动运营平台)")
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
    // --help and --version are not failures; every other commander error is a bad invocation.
    const benign = error.code === "commander.helpDisplayed" || error.code === "commander.version";
    process.exit(benign ? 0 : EXIT_CANNOT_RUN);
  }
  throw error;
}
