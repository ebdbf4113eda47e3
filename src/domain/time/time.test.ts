import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Window } from "../campaign/model.js";
import { formatWithOffset, instantFormatter, inWindow, parseInstant } from "./index.js";

const T = Date.UTC(2024, 1, 10, 1, 0, 0); // 2024-02-10T09:00:00+08:00

describe("parseInstant", () => {
  it("reads the common form with an offset or Z", () => {
    expect(parseInstant("2024-02-10T09:00:00+08:00")).toBe(T);
    expect(parseInstant("2024-02-10T01:00:00Z")).toBe(T);
    expect(parseInstant("2024-02-09T20:00:00-05:00")).toBe(T);
    expect(parseInstant("2024-02-10T09:00:00.250+08:00")).toBe(T + 250);
    expect(parseInstant("2024-02-10T09:00:00.1+08:00")).toBe(T + 100);
    expect(parseInstant("2024-02-10T09:00:00.123999+08:00")).toBe(T + 123);
  });

  it("reads rarer spellings with an offset through the slow path", () => {
    expect(parseInstant("2024-02-10T09:00+08:00")).toBe(T);
    expect(parseInstant("2024-02-10T09:00:00+0800")).toBe(T);
  });

  it("refuses times without an offset", () => {
    expect(parseInstant("2024-02-10T09:00:00")).toBeNull();
    expect(parseInstant("2024-02-10T09:00:00.000")).toBeNull();
    expect(parseInstant("2024-02-10")).toBeNull();
  });

  it("refuses impossible or malformed times", () => {
    for (const bad of [
      "2024-02-30T09:00:00+08:00",
      "2023-02-29T09:00:00+08:00",
      "2024-13-01T09:00:00+08:00",
      "2024-02-10T24:00:00+08:00",
      "2024-02-10T09:60:00+08:00",
      "2024-02-10T09:00:60+08:00",
      "2024-02-10T09:00:00+24:00",
      "2024-0a-10T09:00:00+08:00",
      "next tuesday",
      "",
    ]) {
      expect(parseInstant(bad), bad).toBeNull();
    }
    expect(parseInstant("2024-02-29T09:00:00+08:00")).not.toBeNull();
  });

  it("agrees with luxon on the common form", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(0, 480, -300, 330, 345),
        (ms, offset) => {
          const text = formatWithOffset(ms, offset);
          const luxon = DateTime.fromISO(text, { setZone: true }).toMillis();
          expect(parseInstant(text)).toBe(ms);
          expect(luxon).toBe(ms);
        },
      ),
    );
  });
});

describe("formatWithOffset", () => {
  // The text as it was built before its pieces were cached: field by field, for every instant.
  const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  const reference = (instant: number, offsetMinutes: number) => {
    const d = new Date(instant + offsetMinutes * 60_000);
    const ms = d.getUTCMilliseconds();
    const abs = Math.abs(offsetMinutes);
    const y = d.getUTCFullYear();
    return `${y >= 0 && y <= 9999 ? String(y).padStart(4, "0") : String(y)}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${ms === 0 ? "" : `.${String(ms).padStart(3, "0")}`}${offsetMinutes < 0 ? "-" : "+"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  };

  it("prints every instant as field-by-field formatting does", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(-50, 0, 1), max: Date.UTC(10_100, 0, 1) }),
        fc.constantFrom(0, 480, -300, 330, 345, -570, 840, -720),
        (ms, offset) => {
          expect(formatWithOffset(ms, offset)).toBe(reference(ms, offset));
        },
      ),
      { numRuns: 2_000 },
    );
    expect(formatWithOffset(Date.UTC(2024, 1, 9, 15, 59, 59, 999), 480)).toBe(
      "2024-02-09T23:59:59.999+08:00",
    );
    expect(formatWithOffset(-1, 0)).toBe("1969-12-31T23:59:59.999+00:00");
  });
});

describe("instantFormatter", () => {
  const shanghai = instantFormatter("Asia/Shanghai");

  it("prints the campaign zone's offset, seconds always, milliseconds only when set", () => {
    expect(shanghai(T)).toBe("2024-02-10T09:00:00+08:00");
    expect(shanghai(T + 250)).toBe("2024-02-10T09:00:00.250+08:00");
    expect(shanghai(Date.UTC(2024, 1, 8, 16, 0, 0))).toBe("2024-02-09T00:00:00+08:00");
  });

  it("follows daylight saving in zones that have it", () => {
    const ny = instantFormatter("America/New_York");
    expect(ny(Date.UTC(2024, 0, 15, 12))).toBe("2024-01-15T07:00:00-05:00");
    expect(ny(Date.UTC(2024, 6, 15, 12))).toBe("2024-07-15T08:00:00-04:00");
    // The change itself (07:00 UTC on 2024-03-10), both sides within one UTC day.
    expect(ny(Date.UTC(2024, 2, 10, 6, 59, 59))).toBe("2024-03-10T01:59:59-05:00");
    expect(ny(Date.UTC(2024, 2, 10, 7))).toBe("2024-03-10T03:00:00-04:00");
    expect(ny(Date.UTC(2024, 2, 10, 1))).toBe("2024-03-09T20:00:00-05:00");
  });

  it("refuses unknown zones", () => {
    expect(() => instantFormatter("Mars/Olympus")).toThrow(RangeError);
  });
});

describe("inWindow", () => {
  const w: Window = {
    start: Date.UTC(2024, 1, 8, 16),
    end: Date.UTC(2024, 1, 16, 15, 59, 59),
    declared: { start: "", end: "", timeZone: "Asia/Shanghai" },
  };
  it("includes both ends to the second", () => {
    expect(inWindow(w, w.start)).toBe(true);
    expect(inWindow(w, w.start - 1)).toBe(false);
    expect(inWindow(w, w.end)).toBe(true);
    expect(inWindow(w, w.end + 999)).toBe(true);
    expect(inWindow(w, w.end + 1000)).toBe(false);
  });
});
