import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FailureWindow, SignInThrottle } from "./sign-in-throttle.js";

const MIN = 60_000;

describe("FailureWindow", () => {
  it("refuses the attempt after maxFailures until the oldest failure leaves the window", () => {
    const w = new FailureWindow({ maxFailures: 3, windowMs: 10 * MIN });
    for (const t of [0, MIN, 2 * MIN]) {
      expect(w.waitMs("k", t)).toBe(0);
      w.fail("k", t);
    }
    expect(w.waitMs("k", 2 * MIN)).toBe(8 * MIN);
    expect(w.waitMs("k", 10 * MIN - 1)).toBe(1);
    expect(w.waitMs("k", 10 * MIN)).toBe(0); // the failure at 0 is exactly a window old: gone
    expect(w.waitMs("other", 2 * MIN)).toBe(0);
    w.clear("k");
    expect(w.waitMs("k", 3 * MIN)).toBe(0);
  });

  it("never lets more than maxFailures failures into any window (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 200 }),
        (max, windowMs, gaps) => {
          const w = new FailureWindow({ maxFailures: max, windowMs });
          const recorded: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            const wait = w.waitMs("k", now);
            expect(wait).toBeGreaterThanOrEqual(0);
            if (wait > 0) continue; // refused: no password is checked, nothing recorded
            w.fail("k", now);
            recorded.push(now);
          }
          for (const t of recorded) {
            const inWindow = recorded.filter((u) => u > t - windowMs && u <= t).length;
            expect(inWindow).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });

  it("keeps at most maxKeys keys, dropping the least recently failed", () => {
    const w = new FailureWindow({ maxFailures: 1, windowMs: MIN }, 2);
    w.fail("a", 0);
    w.fail("b", 1);
    w.fail("a", 2);
    w.fail("c", 3);
    expect(w.waitMs("b", 4)).toBe(0); // dropped
    expect(w.waitMs("a", 4)).toBeGreaterThan(0);
    expect(w.waitMs("c", 4)).toBeGreaterThan(0);
  });
});

describe("SignInThrottle", () => {
  it("locks a username out at one address only, and an address across usernames", () => {
    const t = new SignInThrottle();
    for (let i = 0; i < 5; i++) t.failed("operator", "10.0.0.1", i);
    expect(t.waitMs("operator", "10.0.0.1", 5)).toBeGreaterThan(0);
    expect(t.waitMs("operator", "10.0.0.2", 5)).toBe(0);
    expect(t.waitMs("merchant", "10.0.0.1", 5)).toBe(0);
    for (let i = 0; i < 45; i++) t.failed(`user${i}`, "10.0.0.1", 10 + i);
    expect(t.waitMs("someone-else", "10.0.0.1", 100)).toBeGreaterThan(0);
    t.succeeded("operator", "10.0.0.2");
    expect(t.waitMs("operator", "10.0.0.2", 100)).toBe(0);
  });
});
