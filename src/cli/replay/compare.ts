/**
 * `gala replay --campaign A.yaml --compare B.yaml [--json] [INPUT]`: the events read once, each
 * given to the engine under both policies (src/domain/whatif), and what differs printed at the
 * end — a report for people, or one JSON object with `--json`. Same input paths, threads, exit
 * statuses and error codes as `gala replay`; a refused line is counted and quoted (the first
 * few) instead of being printed where it falls.
 */
import type { Readable } from "node:stream";
import { readCampaignFile } from "../../app/campaign-file.js";
import type { Campaign } from "../../domain/campaign/model.js";
import { StreamComparison } from "../../domain/whatif/index.js";
import { reportCannotRun } from "../cannot-run.js";
import { EXIT_CANNOT_RUN, EXIT_OK, EXIT_SOME_LINES_BAD } from "../exit-codes.js";
import { processJsonl } from "../jsonl.js";
import { comparisonJson, comparisonText } from "./compare-report.js";
import { openEventInput } from "./input.js";
import { replayOnTwoThreads, startReader } from "./read-thread.js";
import { MAX_EVENT_LINE_CHARS, type ReplayIo, type ReplayOptions } from "./run.js";

export interface CompareOptions extends ReplayOptions {
  /** The second campaign file: policy B. */
  compare: string;
  json?: boolean;
}

export async function runCompare(options: CompareOptions, io: ReplayIo): Promise<number> {
  const reader = options.threads === 2 ? startReader(MAX_EVENT_LINE_CHARS) : undefined;
  let a: Campaign;
  let b: Campaign;
  let input: Readable;
  try {
    a = await readCampaignFile(options.campaign);
    b = await readCampaignFile(options.compare);
    input = await openEventInput(options.input, io.stdin);
  } catch (error) {
    await reader?.stop();
    return reportCannotRun("gala replay", io.stderr, error);
  }
  const session = new StreamComparison(a, b, options.lateness);
  const onTooLong = (line: number) => {
    const message = `the line is longer than ${MAX_EVENT_LINE_CHARS} characters; an event is one short JSON object`;
    return session.refuse(line, { code: "line_too_long", message });
  };
  try {
    if (reader !== undefined) {
      await replayOnTwoThreads(reader, { input, output: io.stdout, session, onTooLong });
    } else {
      await processJsonl({
        input,
        onLine: (text, line) => session.line(text, line),
        onLineWithin: (text, start, end, line) => session.lineWithin(text, start, end, line),
        maxLineChars: MAX_EVENT_LINE_CHARS,
        onTooLong,
      });
    }
    session.finish();
  } catch (error) {
    io.stderr.write(
      `gala replay: reading ${options.input ?? "standard input"} failed: ${(error as Error).message}\n`,
    );
    return EXIT_CANNOT_RUN;
  }
  const files = { a: options.campaign, b: options.compare };
  const report = options.json
    ? `${JSON.stringify(comparisonJson(session, files))}\n`
    : comparisonText(session, files);
  // A reader that went away (`… | head`) is not an error; the rest is not wanted.
  io.stdout.on("error", () => {});
  io.stdout.write(report);
  return session.badLines > 0 ? EXIT_SOME_LINES_BAD : EXIT_OK;
}
