/**
 * The floor for `gala check`: the same streaming reader and writer, but each line is only
 * parsed and written back (a JSON line of the same size). No program that must read every
 * merchant's JSON and write a JSON line for it can be much faster than this.
 *
 * Usage: node dist/bench/check/floor.js FILE > /dev/null
 */
import { createReadStream } from "node:fs";
import { processJsonl, READ_CHUNK_BYTES } from "../../src/cli/jsonl.js";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: floor.js FILE\n");
  process.exit(2);
}
await processJsonl({
  input: createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }),
  output: process.stdout,
  maxLineChars: 16 * 1024 * 1024,
  onLine: (text) => `${JSON.stringify(JSON.parse(text))}\n`,
  onTooLong: () => undefined,
});
