import { describe, expect, it } from "vitest";
import { FixedClock, rehearsalClock } from "./clock.js";

describe("rehearsalClock", () => {
  it("starts at the given instant and runs at the given speed", () => {
    const real = new FixedClock(1_000_000);
    const clock = rehearsalClock(5_000, 60, real);
    expect(clock.now()).toBe(5_000);
    real.advance(1_000);
    expect(clock.now()).toBe(65_000);
  });

  it("stands still at speed 0 and refuses a negative speed", () => {
    const real = new FixedClock(0);
    const clock = rehearsalClock(7, 0, real);
    real.advance(10_000);
    expect(clock.now()).toBe(7);
    expect(() => rehearsalClock(0, -1, real)).toThrow(RangeError);
  });
});
