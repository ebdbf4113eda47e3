import type { Command } from "commander";
import { EXIT_CANNOT_RUN } from "../exit-codes.js";

// Placeholder until the command is built; it must not pretend to work.
export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description("(not built yet)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("gala check: not built yet\n");
      process.exit(EXIT_CANNOT_RUN);
    });
}
