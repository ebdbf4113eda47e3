/** Settle keys (keys.ts): an event at t before a deadline at t, both before anything later. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "../../../test/support/runs.js";
import { deadlineKey, eventKey, instantOf, passed, through } from "./keys.js";

/** Instants from 1970 to the year 9999, the range keys stay exact in. */
const instant = fc.integer({ min: 0, max: Date.parse("9999-12-31T23:59:59.999Z") });

describe("settle keys", () => {
  it("order an instant's events before its deadlines, and both before the next instant", () => {
    fc.assert(
      fc.property(instant, (t) => {
        expect(eventKey(t)).toBeLessThan(deadlineKey(t));
        expect(deadlineKey(t)).toBeLessThan(eventKey(t + 1));
        expect(instantOf(eventKey(t))).toBe(t);
        expect(instantOf(deadlineKey(t))).toBe(t);
      }),
      { numRuns: runs(1_000) },
    );
  });

  it("passed(w) takes everything before w; through(t) also t's events, not its deadlines", () => {
    fc.assert(
      fc.property(instant, (t) => {
        expect(deadlineKey(t - 1)).toBeLessThan(passed(t));
        expect(eventKey(t)).toBeGreaterThanOrEqual(passed(t));
        expect(eventKey(t)).toBeLessThan(through(t));
        expect(deadlineKey(t)).toBeGreaterThanOrEqual(through(t));
      }),
      { numRuns: runs(1_000) },
    );
  });
});
