import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "./depth.js";

/** The depth of a parsed value, for comparison. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (typeof value === "object" && value !== null) {
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  }
  return 0;
}

describe("nestsDeeperThan", () => {
  it("agrees with the parsed value's depth for any JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, max) => {
        const text = JSON.stringify(value);
        expect(nestsDeeperThan(text, max)).toBe(depthOf(value) > max);
      }),
      { numRuns: 2000 },
    );
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(nestsDeeperThan('["[[[[", "\\"[[[[", {"k{": "}}}{{{"}]', 2)).toBe(false);
    expect(nestsDeeperThan('[[["\\\\"], [[1]]]]', 3)).toBe(true);
  });

  it("reads a slice of a longer text", () => {
    const text = `xx[[[1]]]yy`;
    expect(nestsDeeperThan(text, 2, 2, 9)).toBe(true);
    expect(nestsDeeperThan(text, 3, 2, 9)).toBe(false);
  });

  it("stops early on text nested a million deep", () => {
    expect(nestsDeeperThan("[".repeat(1_000_000), 64)).toBe(true);
  });
});
