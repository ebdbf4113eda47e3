import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { show } from "./fields.js";

/** What `show` gave before it was bounded: the whole JSON text, cut. */
const cutJson = (value: unknown) => {
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

describe("show", () => {
  it("is the value's JSON text, cut to 60 characters", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(show(value)).toBe(cutJson(value));
      }),
      { numRuns: 2000 },
    );
    expect(show(undefined)).toBe("nothing");
    expect(show("x".repeat(100))).toBe(`"${"x".repeat(56)}...`);
  });

  it("renders input nested a hundred thousand deep without walking all of it", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(show(deep)).toBe(`${"[".repeat(57)}...`);
    const wide = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect(show(wide)).toBe(cutJson(wide.slice(0, 40)));
  });
});
