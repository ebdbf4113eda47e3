import { Readable, Writable } from "node:stream";
import fc from "fast-check";
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

  it("refuses a line that grows past the limit only in the chunk where it ends", async () => {
    // 15 characters pending at the boundary (under the limit), 10 more before the line feed.
    const { written } = await run([`a\n${"x".repeat(15)}`, `${"x".repeat(10)}\nb\n`], 20);
    expect(written).toBe("1:a\n2:TOO LONG\n3:b\n");
    const exact = await run([`a\n${"x".repeat(15)}`, `${"x".repeat(5)}\nb\n`], 20);
    expect(exact.written).toBe(`1:a\n2:${"x".repeat(20)}\n3:b\n`);
  });

  it("hands the same lines to onLineWithin, in place, as to onLine", async () => {
    const text = fc
      .array(
        fc.oneof(
          fc.constantFrom("", " ", "\r", "\ufeff", '{"a":1}', " \t", "\u00a0", "x\r"),
          fc.string({ maxLength: 12, unit: "binary" }),
        ),
        { maxLength: 8 },
      )
      .map((lines) => lines.map((l) => l.replaceAll("\n", "")).join("\n"));
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(40), { maxLength: 6 }), async (all, cuts) => {
        const bytes = Buffer.from(all);
        const chunks: Buffer[] = [];
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          if (cut > from && cut < bytes.length) chunks.push(bytes.subarray(from, cut));
          from = Math.max(from, Math.min(cut, bytes.length));
        }
        chunks.push(bytes.subarray(from));
        const options = { maxLineChars: 30, onTooLong: (line: number) => `${line}:TOO LONG\n` };
        const plain: [number, string][] = [];
        const within: [number, string][] = [];
        const linesPlain = await processJsonl({
          ...options,
          input: Readable.from(chunks),
          onLine: (t, line) => {
            plain.push([line, t]);
            return undefined;
          },
        });
        const linesWithin = await processJsonl({
          ...options,
          input: Readable.from(chunks),
          onLine: () => {
            throw new Error("onLine called with onLineWithin given");
          },
          onLineWithin: (t, start, end, line) => {
            expect(end === t.length || t.charCodeAt(end) === 0x0a).toBe(true);
            within.push([line, t.slice(start, end)]);
            return undefined;
          },
        });
        expect(within).toEqual(plain);
        expect(linesWithin).toBe(linesPlain);
      }),
      { numRuns: 500 },
    );
  });
});
