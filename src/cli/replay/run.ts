/**
 * `gala replay`: campaign file + JSONL events → JSONL decisions, in the order taken, through the
 * same engine the server uses, held in memory. Streaming: input is read chunk by chunk and
 * output written with backpressure, so memory follows the engine's state (open orders), not the
 * input's size. Returns the exit status; nothing but JSONL goes to stdout.
 */
import { statSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { readCampaignFile } from "../../app/campaign-file.js";
import type { Campaign } from "../../domain/campaign/model.js";
import { errorLine, ReplaySession } from "../../domain/fulfilment/index.js";
import { reportCannotRun } from "../cannot-run.js";
import { EXIT_CANNOT_RUN, EXIT_OK, EXIT_SOME_LINES_BAD } from "../exit-codes.js";
import { processJsonl, writeOut } from "../jsonl.js";
import { openEventInput } from "./input.js";
import { replayOnTwoThreads, startReader } from "./read-thread.js";

export interface ReplayOptions {
  campaign: string;
  input?: string;
  /**
   * 2: scan the input on a reader thread (read-thread.ts) while this one replays; 1: all on this
   * thread. The command picks by input size (`replayThreads`); the output is the same either way.
   */
  threads?: 1 | 2;
  /** Milliseconds (`--lateness`); absent = the campaign's `policy.lateness`. */
  lateness?: number;
}

/** Below this, a reader thread's start (~70 ms) costs more than it saves. */
const TWO_THREADS_FROM_BYTES = 4 * 1024 * 1024;

/**
 * Threads for `gala replay` on `input` (a path, `-` or nothing): `GALA_REPLAY_THREADS` (1 or 2)
 * when set, else 2 for standard input (its size is unknown) and for files of 4 MiB or more.
 */
export function replayThreads(input: string | undefined, env = process.env): 1 | 2 {
  if (env.GALA_REPLAY_THREADS === "1" || env.GALA_REPLAY_THREADS === "2") {
    return Number(env.GALA_REPLAY_THREADS) as 1 | 2;
  }
  if (input === undefined || input === "-") return 2;
  try {
    return statSync(input).size >= TWO_THREADS_FROM_BYTES ? 2 : 1;
  } catch {
    return 1; // opening it reports the problem
  }
}

export interface ReplayIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** An event is a few hundred bytes; a line this long is refused without being held in memory. */
export const MAX_EVENT_LINE_CHARS = 1024 * 1024;

export async function runReplay(options: ReplayOptions, io: ReplayIo): Promise<number> {
  // The reader thread starts while this one loads the campaign and opens the input.
  const reader = options.threads === 2 ? startReader(MAX_EVENT_LINE_CHARS) : undefined;
  let campaign: Campaign;
  let input: Readable;
  try {
    campaign = await readCampaignFile(options.campaign);
    input = await openEventInput(options.input, io.stdin);
  } catch (error) {
    await reader?.stop();
    return reportCannotRun("gala replay", io.stderr, error);
  }
  const session = new ReplaySession(campaign, undefined, options.lateness);
  let tooLong = 0;

  // The reader went away (`gala replay … | head`): stop reading, exit quietly.
  let gone = false;
  io.stdout.on("error", () => {
    gone = true;
    input.destroy();
  });
  const onTooLong = (line: number) => {
    tooLong++;
    const message = `the line is longer than ${MAX_EVENT_LINE_CHARS} characters; an event is one short JSON object`;
    return `${errorLine(line, { code: "line_too_long", message })}\n`;
  };
  try {
    if (reader !== undefined) {
      await replayOnTwoThreads(reader, { input, output: io.stdout, session, onTooLong });
    } else {
      await processJsonl({
        input,
        output: io.stdout,
        onLine: (text, line) => session.line(text, line),
        onLineWithin: (text, start, end, line) => session.lineWithin(text, start, end, line),
        maxLineChars: MAX_EVENT_LINE_CHARS,
        onTooLong,
      });
    }
    // The input has ended: nothing can come late any more.
    await writeOut(io.stdout, session.finish());
  } catch (error) {
    if (gone) return EXIT_OK;
    io.stderr.write(
      `gala replay: reading ${options.input ?? "standard input"} failed: ${(error as Error).message}\n`,
    );
    return EXIT_CANNOT_RUN;
  }
  return session.errors + tooLong > 0 ? EXIT_SOME_LINES_BAD : EXIT_OK;
}
