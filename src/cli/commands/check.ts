/**
 * `gala check --campaign FILE [INPUT]`: eligibility for every line of a JSONL input (docs/interfaces.md).
 * The work is in `../check/`; this file is the command's flags and help.
 */
import type { Command } from "commander";
import { runCheck } from "../check/run.js";

const HELP = `
Input: one JSON object per line, {"merchant": {...facts}, "products": [{...facts}, ...]}.
Output: one decision per input line, in input order. Blank lines are skipped (but counted, so an
error line's "line" is the line number an editor shows). A line that cannot be used gets
{"line": N, "error": {"code": "...", "message": "..."}} instead.

Exit status: 0 every line understood; 1 some line was not; 2 cannot run (campaign file, input, flags).

Examples:
  gala check --campaign campaigns/spring-festival-2024.yaml examples/merchants.jsonl
  gala check --campaign campaigns/spring-festival-2024.yaml --summary < merchants.jsonl
  gala check --campaign campaigns/spring-festival-2024.yaml --compare pickup-80.yaml merchants.jsonl`;

interface Flags {
  campaign: string;
  summary?: boolean;
  compare?: string;
}

export function registerCheckCommand(program: Command): void {
  program
    .command("check")
    .description(
      "eligibility of merchants and their products against a campaign (JSONL in, JSONL out)",
    )
    .requiredOption(
      "--campaign <file>",
      "campaign file (YAML), e.g. campaigns/spring-festival-2024.yaml",
    )
    .option("--summary", "print one JSON object: eligibility totals and failures per rule")
    .option(
      "--compare <file>",
      "evaluate a second campaign file on the same input; print which merchants and products change eligibility, and through which rules",
    )
    .argument("[input]", "JSONL file; - or absent reads standard input")
    .addHelpText("after", HELP)
    .action(async (input: string | undefined, flags: Flags) => {
      process.exitCode = await runCheck(
        {
          campaign: flags.campaign,
          input,
          summary: flags.summary === true,
          compare: flags.compare,
        },
        { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
      );
    });
}
