/** Opens a command's JSONL input: a file, or standard input for `-` / nothing. */
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { CannotRun } from "./cannot-run.js";

/** A missing file, an unreadable one or a directory is a `CannotRun` that ends with `fix`. */
export async function openJsonlInput(
  path: string | undefined,
  stdin: Readable,
  fix: string,
  highWaterMark: number,
): Promise<Readable> {
  if (path === undefined || path === "-") return stdin;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "the file does not exist" : (error as Error).message;
    throw new CannotRun(`cannot read input ${path}: ${reason}. ${fix}`);
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new CannotRun(`cannot read input ${path}: it is a directory. ${fix}`);
  }
  return handle.createReadStream({ highWaterMark });
}
