/**
 * `gala replay --campaign FILE [INPUT]`: events through the fulfilment and enforcement engine
 * (contracts.md). The work is in `../replay/`; this file is the command's flags and help.
 */
import type { Command } from "commander";

const HELP = `
Input: one event per line, in time order, e.g.
  {"type": "order.paid", "at": "2024-02-10T09:00:00+08:00", "orderId": "o1", ...}
Output: every decision as one JSON line, in the order taken, "at" in the campaign's zone.
Time moves only with events: before an event at T, every deadline earlier than T fires; nothing
fires after the last event (add a {"type": "clock", "at": ...} line to move time on).
A line that cannot be used gets {"line": N, "error": {"code": "...", "message": "..."}} and
processing goes on.

Exit status: 0 every line understood; 1 some line was not; 2 cannot run (campaign file, input, flags).

Environment: GALA_REPLAY_THREADS=1 keeps the work on one thread (by default, standard input and
files of 4 MiB or more are read on a second thread; the output is the same); GALA_CACHE_DIR
(or off) for the compiled-campaign cache.

Examples:
  gala replay --campaign campaigns/spring-festival-2024.yaml examples/events/late-shipment.jsonl
  gala replay --campaign campaigns/spring-festival-2024.yaml - < examples/events/instant-refund.jsonl`;

export function registerReplayCommand(program: Command): void {
  program
    .command("replay")
    .description(
      "feed channel events through the fulfilment and enforcement engine (JSONL in, JSONL out)",
    )
    .requiredOption(
      "--campaign <file>",
      "campaign file (YAML), e.g. campaigns/spring-festival-2024.yaml",
    )
    .argument("[input]", "JSONL file of events; - or absent reads standard input")
    .addHelpText("after", HELP)
    .action(async (input: string | undefined, flags: { campaign: string }) => {
      // Loaded on use: the engine and the campaign loader cost nothing to the other commands.
      const { replayThreads, runReplay } = await import("../replay/run.js");
      process.exitCode = await runReplay(
        { campaign: flags.campaign, input, threads: replayThreads(input) },
        { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
      );
    });
}
