/**
 * The floor for `gala replay`: the same input path (`openEventInput`: a 1 MiB FileHandle stream)
 * and line reader (`processJsonl`), and JSON.parse of each line, nothing else.
 * Replay cannot be faster than this; the benchmark reports replay as a share of it.
 * Usage: node dist/bench/events/floor.js FILE
 */
import { processJsonl } from "../../src/cli/jsonl.js";
import { openEventInput } from "../../src/cli/replay/input.js";

const path = process.argv[2];
if (path === undefined) throw new Error("usage: floor.js FILE");
let parsed = 0;
await processJsonl({
  input: await openEventInput(path, process.stdin),
  onLine: (text) => {
    if (JSON.parse(text) !== null) parsed++;
    return undefined;
  },
  maxLineChars: 1024 * 1024,
  onTooLong: () => undefined,
});
process.stderr.write(`${parsed}\n`);
