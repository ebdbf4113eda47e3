/** Opens `gala replay`'s input: a file, or standard input for `-` / nothing. */
import type { Readable } from "node:stream";
import { openJsonlInput } from "../input.js";

export async function openEventInput(path: string | undefined, stdin: Readable): Promise<Readable> {
  return openJsonlInput(
    path,
    stdin,
    "Fix: pass a JSONL file of events (see examples/events/), or - to read standard input.",
    1024 * 1024,
  );
}
