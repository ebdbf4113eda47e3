#!/usr/bin/env node
/**
 * `gala` — the command line. Each command lives in `./commands/<name>.ts` and registers itself;
 * this file only wires them together and maps usage errors to exit status 2 (contracts.md).
 */
import { Command, CommanderError } from "commander";
import { registerCampaignCommands } from "./commands/campaign.js";
import { registerCheckCommand } from "./commands/check.js";
import { registerReplayCommand } from "./commands/replay.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerTokenCommands } from "./commands/token.js";
import { registerUserCommands } from "./commands/user.js";
import { EXIT_CANNOT_RUN } from "./exit-codes.js";

const program = new Command()
  .name("gala")
  .description("Gala — campaign operations for drop-ship distribution (活动运营平台)")
  .showHelpAfterError()
  .exitOverride();

registerCheckCommand(program);
registerCampaignCommands(program);
registerReplayCommand(program);
registerServeCommand(program);
registerTokenCommands(program);
registerUserCommands(program);

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
