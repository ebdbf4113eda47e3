import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { processJsonl } from "./jsonl.js";

async function run(chunks: (string | Buffer)[], maxLineChars = 1000) {
  const seen: [number, string][] = [];
  let written = "";
  const output = new Writable({
    write(chunk, _enc, done) {
      written += chunk.toString();
      done();
    },
  });
  const lines = await processJsonl({
    input: Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c))),
    output,
    maxLineChars,
    onLine: (text, line) => {
      seen.push([line, text]);
      return `${line}:${text}\n`;
    },
    onTooLong: (line) => `${line}:TOO LONG\n`,
  });
  return { seen, written, lines };
}

describe("processJsonl", () => {
  it("splits lines across chunk boundaries and keeps order", async () => {
    const { seen, lines } = await run(['{"a":', '1}\n{"b"', ":2}\n", '{"c":3}']);
    expect(seen).toEqual([
      [1, '{"a":1}'],
      [2, '{"b":2}'],
      [3, '{"c":3}'],
    ]);
    expect(lines).toBe(3);
  });

  it("skips blank lines but counts them", async () => {
    const { seen } = await run(["a\n\n  \n\r\nb\n"]);
    expect(seen).toEqual([
      [1, "a"],
      [5, "b"],
    ]);
  });

  it("keeps a multi-byte character split between chunks whole", async () => {
    const bytes = Buffer.from('{"name":"义乌"}\n');
    const { seen } = await run([bytes.subarray(0, 10), bytes.subarray(10)]);
    expect(seen).toEqual([[1, '{"name":"义乌"}']]);
  });

  it("drops a byte-order mark on the first line", async () => {
    const { seen } = await run(["\uFEFF{}\n{}\n"]);
    expect(seen.map(([, t]) => t)).toEqual(["{}", "{}"]);
  });

  it("answers for a line that is too long without keeping it, and goes on", async () => {
    const long = "x".repeat(30);
    const { written } = await run(["a\n", long.slice(0, 15), long.slice(15), "yyy\nb\n"], 20);
    expect(written).toBe("1:a\n2:TOO LONG\n3:b\n");
  });

  it("also catches a too-long line inside one chunk", async () => {
    const { written } = await run([`a\n${"x".repeat(50)}`, "\nb"], 20);
    expect(written).toBe("1:a\n2:TOO LONG\n3:b\n");
  });
});
