import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyBasisPoints, clampFen } from "./rounding.js";

describe("applyBasisPoints", () => {
  it("rounds half up to the fen", () => {
    expect(applyBasisPoints(10_010, 500)).toBe(501); // 500.5
    expect(applyBasisPoints(10_009, 500)).toBe(500); // 500.45
    expect(applyBasisPoints(30_000, 500)).toBe(1_500);
    expect(applyBasisPoints(1, 5_000)).toBe(1); // 0.5
    expect(applyBasisPoints(1, 4_999)).toBe(0);
    expect(applyBasisPoints(0, 500)).toBe(0);
  });

  it("mirrors negative amounts (half away from zero)", () => {
    expect(applyBasisPoints(-10_010, 500)).toBe(-501);
  });

  it("refuses floats instead of producing them", () => {
    expect(() => applyBasisPoints(10.5, 500)).toThrow(RangeError);
    expect(() => applyBasisPoints(100, 2.5)).toThrow(RangeError);
  });

  it("stays exact for amounts far beyond 2^53 / 10^4", () => {
    const big = 9_000_000_000_000; // 90 billion yuan
    expect(applyBasisPoints(big, 500)).toBe(450_000_000_000);
  });

  it("always returns an integer equal to the exact rational rounded half up", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, bp) => {
          const got = applyBasisPoints(a, bp);
          const exact = (BigInt(a) * BigInt(bp) * 2n + 10_000n) / 20_000n; // floor(x + 1/2)
          expect(Number.isInteger(got)).toBe(true);
          expect(BigInt(got)).toBe(exact);
        },
      ),
    );
  });
});

describe("clampFen", () => {
  it("bounds to [min, max] inclusive", () => {
    expect(clampFen(499, 500, 10_000)).toBe(500);
    expect(clampFen(500, 500, 10_000)).toBe(500);
    expect(clampFen(10_000, 500, 10_000)).toBe(10_000);
    expect(clampFen(10_001, 500, 10_000)).toBe(10_000);
  });

  it("refuses crossed bounds and floats", () => {
    expect(() => clampFen(1, 10, 5)).toThrow(RangeError);
    expect(() => clampFen(1.5, 0, 5)).toThrow(RangeError);
  });
});
