/**
 * `gala check`: campaign file(s) + JSONL of merchants → JSONL of decisions, or one summary /
 * comparison object. Returns the exit status; never writes anything but JSON to stdout.
 */
import type { Readable, Writable } from "node:stream";
import { readCampaignFile } from "../../app/campaign-file.js";
import type { Campaign } from "../../domain/campaign/model.js";
import { compileEligibility, type Eligibility } from "../../domain/eligibility/index.js";
import { CannotRun, reportCannotRun } from "../cannot-run.js";
import { EXIT_OK, EXIT_SOME_LINES_BAD } from "../exit-codes.js";
import { openJsonlInput } from "../input.js";
import { processJsonl, READ_CHUNK_BYTES } from "../jsonl.js";
import { lineTooLong } from "./line.js";
import { compareMode, decisionsMode, type Mode, summaryMode } from "./modes.js";
import { startProgress } from "./progress.js";

export interface CheckOptions {
  campaign: string;
  input?: string;
  summary?: boolean;
  compare?: string;
}

export interface CheckIo {
  stdin: Readable;
  stdout: Writable;
  stderr: NodeJS.WriteStream;
}

/** Longest line read into memory (~50,000 products for one merchant). */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export async function runCheck(options: CheckOptions, io: CheckIo): Promise<number> {
  try {
    return await run(options, io);
  } catch (error) {
    return reportCannotRun("gala check", io.stderr, error);
  }
}

async function run(options: CheckOptions, io: CheckIo): Promise<number> {
  const base = await load(options.campaign);
  const other = options.compare === undefined ? undefined : await load(options.compare);
  const input = await openInput(options.input, io.stdin);

  const mode: Mode = other
    ? compareMode(base, other)
    : options.summary
      ? summaryMode(base)
      : decisionsMode(base.engine);

  // The reader went away (`gala check … | head`): stop reading, exit quietly.
  let gone = false;
  io.stdout.on("error", () => {
    gone = true;
    input.destroy();
  });

  const progress = startProgress(io.stderr);
  try {
    await processJsonl({
      input,
      ...(mode.streams ? { output: io.stdout } : {}),
      ...(mode.bytes ? { bytes: mode.bytes } : {}),
      onLine: mode.onLine,
      maxLineChars: MAX_LINE_CHARS,
      onTooLong: (line) => mode.onError(line, lineTooLong(MAX_LINE_CHARS)),
      onProgress: progress.update,
    });
  } catch (error) {
    if (!gone) {
      const where = options.input ?? "standard input";
      throw new CannotRun(`reading ${where} failed: ${(error as Error).message}`);
    }
  } finally {
    progress.done();
  }
  if (!mode.streams && !gone) io.stdout.write(`${JSON.stringify(mode.result())}\n`);
  return mode.badLines() > 0 ? EXIT_SOME_LINES_BAD : EXIT_OK;
}

export interface LoadedCampaign {
  file: string;
  campaign: Campaign;
  engine: Eligibility;
}

async function load(file: string): Promise<LoadedCampaign> {
  const campaign = await readCampaignFile(file);
  try {
    return { file, campaign, engine: compileEligibility(campaign) };
  } catch (error) {
    throw new CannotRun(
      `campaign file ${file} cannot be used: ${(error as Error).message}. Fix: correct that check in the campaign file.`,
    );
  }
}

function openInput(path: string | undefined, stdin: Readable): Promise<Readable> {
  const fix = "Fix: pass a JSONL file of merchants, or - to read standard input.";
  return openJsonlInput(path, stdin, fix, READ_CHUNK_BYTES);
}
