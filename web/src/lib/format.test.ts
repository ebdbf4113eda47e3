import { describe, expect, it } from "vitest";
import {
  displayDay,
  durationParts,
  formatFen,
  formatInstant,
  formatPercent,
  setDisplayTimeZone,
} from "./format.js";

describe("formatFen", () => {
  it("shows yuan with two decimals and thousands separators", () => {
    expect(formatFen(123456)).toBe("¥1,234.56");
    expect(formatFen(0)).toBe("¥0.00");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(30000)).toBe("¥300.00");
    expect(formatFen(123456789012)).toBe("¥1,234,567,890.12");
    expect(formatFen(-1050)).toBe("-¥10.50");
  });
});

describe("formatInstant", () => {
  it("shows Beijing time whatever the offset of the input", () => {
    expect(formatInstant("2024-02-10T01:00:00Z")).toBe("2024-02-10 09:00:00");
    expect(formatInstant("2024-02-16T23:59:59+08:00")).toBe("2024-02-16 23:59:59");
    expect(formatInstant(Date.UTC(2024, 1, 8, 16, 0, 0))).toBe("2024-02-09 00:00:00");
  });
  it("shows a dash for missing values", () => {
    expect(formatInstant(null)).toBe("—");
    expect(formatInstant("not a date")).toBe("—");
  });
  it("puts an instant on its Beijing day", () => {
    expect(displayDay("2024-02-09T16:30:00Z")).toBe("2024-02-10");
  });
  it("shows a campaign declared in another zone in that zone's clock", () => {
    setDisplayTimeZone("America/New_York");
    try {
      expect(formatInstant("2024-02-10T01:00:00Z")).toBe("2024-02-09 20:00:00");
      expect(displayDay("2024-02-10T01:00:00Z")).toBe("2024-02-09");
    } finally {
      setDisplayTimeZone("Asia/Shanghai");
    }
    expect(formatInstant("2024-02-10T01:00:00Z")).toBe("2024-02-10 09:00:00");
  });
});

describe("formatPercent and durations", () => {
  it("formats ratios", () => {
    expect(formatPercent(0.85)).toBe("85.0%");
    expect(formatPercent(null)).toBe("—");
  });
  it("splits durations", () => {
    expect(durationParts(((2 * 24 + 3) * 60 + 5) * 60_000)).toEqual({
      negative: false,
      days: 2,
      hours: 3,
      minutes: 5,
    });
    expect(durationParts(-90 * 60_000)).toEqual({ negative: true, days: 0, hours: 1, minutes: 30 });
  });
});
