/** Opens `gala replay`'s input: a file, or standard input for `-` / nothing. */
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";

export class InputError extends Error {}

export async function openEventInput(path: string | undefined, stdin: Readable): Promise<Readable> {
  if (path === undefined || path === "-") return stdin;
  const fix =
    "Fix: pass a JSONL file of events (see examples/events/), or - to read standard input.";
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "the file does not exist" : (error as Error).message;
    throw new InputError(`cannot read input ${path}: ${reason}. ${fix}`);
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new InputError(`cannot read input ${path}: it is a directory. ${fix}`);
  }
  return handle.createReadStream({ highWaterMark: 1024 * 1024 });
}
