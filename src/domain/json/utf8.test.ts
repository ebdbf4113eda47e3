import { isUtf8 } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstInvalidUtf8, lineAndColumn } from "./utf8.js";

describe("firstInvalidUtf8", () => {
  it("agrees with node's isUtf8, and everything before the place it names is UTF-8", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 24 }),
      // Mostly valid text with a stray byte: the place matters.
      fc
        .tuple(fc.string({ unit: "grapheme", maxLength: 8 }), fc.integer({ min: 0x80, max: 0xff }))
        .map(([s, b]) => new Uint8Array([...Buffer.from(s), b, ...Buffer.from(s)])),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const at = firstInvalidUtf8(b);
        expect(at === -1).toBe(isUtf8(b));
        if (at !== -1) expect(isUtf8(b.subarray(0, at))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("refuses overlong forms, surrogates and code points past U+10FFFF", () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xe4, 0xb8],
    ]) {
      expect(firstInvalidUtf8(new Uint8Array([0x61, ...bad]))).toBe(1);
    }
    expect(firstInvalidUtf8(Buffer.from("活动 🧧 ok"))).toBe(-1);
  });

  it("says where a byte is by line and column", () => {
    const b = Buffer.from('{\n  "a": "\xff"}', "latin1");
    const at = firstInvalidUtf8(b);
    expect(at).toBe(10);
    expect(lineAndColumn(b, at)).toEqual({ line: 2, column: 9 });
  });
});
