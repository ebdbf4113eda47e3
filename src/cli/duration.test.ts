import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration.js";

describe("parseDuration", () => {
  it("reads a whole number with a unit", () => {
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("10m")).toBe(600_000);
    expect(parseDuration("2h")).toBe(7_200_000);
    expect(parseDuration("1d")).toBe(86_400_000);
    expect(parseDuration("0m")).toBe(0);
  });

  it("refuses anything else", () => {
    for (const bad of ["", "10", "m", "1.5h", "-5m", "10 minutes", "5w", "9999999s"]) {
      expect(parseDuration(bad)).toBeNull();
    }
  });
});
