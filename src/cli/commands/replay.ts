/**
 * `gala replay --campaign FILE [INPUT]`: events through the fulfilment and enforcement engine
 * (docs/interfaces.md). The work is in `../replay/`; this file is the command's flags and help.
 */
import type { Command } from "commander";

const HELP = `
Input: one event per line, in any order, e.g.
  {"type": "order.paid", "at": "2024-02-10T09:00:00+08:00", "orderId": "o1", ...}
Output: every decision as one JSON line, in the order taken, "at" in the campaign's zone.
Time moves only with events. The watermark is the latest "at" seen minus the lateness (the
campaign's policy.lateness, or --lateness): a deadline fires once the watermark passes it, and
carries the deadline as "at". An event at most that late changes nothing; a later one corrects
what it contradicts (violation.revoked, claim.reversed, claim.withdrawn, listing.relisted,
listing.weight_changed, merchant.reinstated). When the input ends, time settles through its
last instant; nothing fires after it (add a {"type": "clock", "at": ...} line to move time on).
An event for an order not paid yet is refused (unknown_order): send it again later.
A line that cannot be used gets {"line": N, "error": {"code": "...", "message": "..."}} and
processing goes on.

What-if (--compare B.yaml): the same stream through the engine twice, under the --campaign file
(A) and under B, read once; instead of decisions it prints what differs at the end (--json: one
object whose "totals" holds each measure as {"a": ..., "b": ...}). Every measure is the net state
after the stream, as a replay under that file leaves it, not a count of decisions printed:
  orders            campaign orders (paid inside the activity window)
  violations        violations in force (recorded, not revoked), by kind
  claimsPaid(Fen)   claims paid that stand (not reversed), count and fen, by kind
  claimsHeld        claims held for a person that stand (not withdrawn)
  weightCuts        listings whose final weight is below 1 (delisted ones included)
  delistings        listings delisted at the end
  exits             merchants out of the campaign at the end, by reason
  instantRefunds    refund requests approved at once, count and fen (one a late fact
                    contradicted stays counted: it was paid)
  refused           lines refused under that file
with the merchants and products whose own figures differ (most affected first) and claims paid
per local day (the day of the deadline missed). A refused line is counted and the first 20 are
quoted ("errors": line, error, and "policy": a, b or both); it is not printed where it falls.

Exit status: 0 every line understood; 1 some line was not (under either file); 2 cannot run
(campaign file, input, flags).

Environment: GALA_REPLAY_THREADS=1 keeps the work on one thread (by default, standard input and
files of 4 MiB or more are read on a second thread; the output is the same); GALA_CACHE_DIR
(or off) for the compiled-campaign cache.

Examples:
  gala replay --campaign campaigns/spring-festival-2024.yaml examples/events/late-shipment.jsonl
  gala replay --campaign campaigns/spring-festival-2024.yaml - < examples/events/instant-refund.jsonl
  sed 's/rateBasisPoints: 500/rateBasisPoints: 800/' campaigns/spring-festival-2024.yaml > /tmp/rate8.yaml
  gala replay --campaign campaigns/spring-festival-2024.yaml --compare /tmp/rate8.yaml examples/events/late-shipment.jsonl`;

interface ReplayFlags {
  campaign: string;
  lateness?: string;
  compare?: string;
  json?: boolean;
}

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
    .option(
      "--lateness <duration>",
      "how late an event may arrive and change nothing (90s, 10m, 2h); default: the campaign's policy.lateness",
    )
    .option(
      "--compare <file>",
      "run the same events under a second campaign file (B) and print what differs, instead of decisions",
    )
    .option("--json", "with --compare: print one JSON object instead of a report")
    .argument("[input]", "JSONL file of events; - or absent reads standard input")
    .addHelpText("after", HELP)
    .action(async (input: string | undefined, flags: ReplayFlags) => {
      let lateness: number | undefined;
      if (flags.lateness !== undefined) {
        const { parseDuration } = await import("../duration.js");
        const parsed = parseDuration(flags.lateness);
        if (parsed === null) {
          process.stderr.write(
            `gala replay: --lateness ${JSON.stringify(flags.lateness)} is not a duration. Fix: give a whole number with a unit, such as 90s, 10m, 2h or 1d.\n`,
          );
          process.exitCode = 2;
          return;
        }
        lateness = parsed;
      }
      if (flags.json && flags.compare === undefined) {
        process.stderr.write(
          "gala replay: --json goes with --compare (a replay prints JSONL already). Fix: add --compare OTHER.yaml, or drop --json.\n",
        );
        process.exitCode = 2;
        return;
      }
      // Loaded on use: the engine and the campaign loader cost nothing to the other commands.
      const { replayThreads, runReplay } = await import("../replay/run.js");
      const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
      const options = { campaign: flags.campaign, input, threads: replayThreads(input), lateness };
      if (flags.compare !== undefined) {
        const { runCompare } = await import("../replay/compare.js");
        process.exitCode = await runCompare(
          { ...options, compare: flags.compare, json: flags.json === true },
          io,
        );
        return;
      }
      process.exitCode = await runReplay(options, io);
    });
}
