import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { shiftCrc32 } from "./crc32-shift.js";

describe("shiftCrc32", () => {
  it("gives the CRC-32 of a concatenation from its parts' CRCs", () => {
    for (const [a, b] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [3, 7],
      [120, 15_000],
      [65_535, 1],
      [200, 70_000],
    ] as const) {
      for (let trial = 0; trial < 5; trial++) {
        const head = randomBytes(a);
        const tail = randomBytes(b);
        const whole = crc32(Buffer.concat([head, tail])) >>> 0;
        expect((shiftCrc32(b)(crc32(head)) ^ crc32(tail)) >>> 0, `${a} + ${b}`).toBe(whole);
      }
    }
  });

  it("is the identity for an empty tail", () => {
    const shift = shiftCrc32(0);
    for (const crc of [0, 1, 0x80000000, 0xffffffff, 0x12345678]) expect(shift(crc)).toBe(crc);
  });
});
