import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUCKET_MS, foldBucketsIntoDays, zoneDays } from "./days.js";

const ZONES = [
  "Asia/Shanghai",
  "America/New_York",
  "Asia/Kathmandu",
  "Australia/Lord_Howe", // a half-hour daylight-saving shift
  "Pacific/Chatham",
  "America/Sao_Paulo", // used to skip midnight itself
  "UTC",
];
const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) });

describe("zoneDays", () => {
  const shanghai = zoneDays("Asia/Shanghai");

  it("cuts Beijing days at local midnight, inclusive to the millisecond", () => {
    const midnight = Date.parse("2024-02-10T00:00:00+08:00");
    expect(shanghai.dayOf(midnight - 1)).toBe("2024-02-09");
    expect(shanghai.dayOf(midnight)).toBe("2024-02-10");
    expect(shanghai.startOf("2024-02-10")).toBe(midnight);
    expect(shanghai.next("2024-02-29")).toBe("2024-03-01");
  });

  it("follows clock changes: a 23-hour day, and a day whose midnight did not happen", () => {
    const ny = zoneDays("America/New_York");
    expect(ny.startOf("2024-03-11") - ny.startOf("2024-03-10")).toBe(23 * 3_600_000);
    const sp = zoneDays("America/Sao_Paulo");
    // 2018-11-04 00:00 jumped to 01:00 in São Paulo.
    expect(sp.startOf("2018-11-04")).toBe(Date.parse("2018-11-04T01:00:00-02:00"));
    expect(sp.dayOf(sp.startOf("2018-11-04") - 1)).toBe("2018-11-03");
  });

  it("refuses an unknown zone", () => {
    expect(() => zoneDays("Mars/Olympus")).toThrow(/unknown time zone/);
  });

  it("puts every instant between its day's start and the next day's", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instants, (zone, t) => {
        const days = zoneDays(zone);
        const day = days.dayOf(t);
        expect(days.startOf(day)).toBeLessThanOrEqual(t);
        expect(days.startOf(days.next(day))).toBeGreaterThan(t);
        expect(days.dayOf(days.startOf(day))).toBe(day);
      }),
    );
  });

  it("never lets a quarter-hour bucket straddle two local days", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instants, (zone, t) => {
        const days = zoneDays(zone);
        expect(days.dayOf(Math.floor(t / BUCKET_MS) * BUCKET_MS)).toBe(days.dayOf(t));
      }),
    );
  });
});

describe("foldBucketsIntoDays", () => {
  it("sums each bucket into its local day, days in order, nothing lost", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(fc.record({ t: instants, n: fc.integer({ min: 0, max: 1000 }) }), {
          maxLength: 200,
        }),
        (zone, rows) => {
          const days = zoneDays(zone);
          const buckets = rows.map((r) => ({ bucket: Math.floor(r.t / BUCKET_MS), n: r.n }));
          const folded = foldBucketsIntoDays(
            buckets,
            (r) => r.bucket,
            days,
            () => ({ n: 0 }),
            (total, r) => {
              total.n += r.n;
            },
          );
          const sum = (xs: { n: number }[]) => xs.reduce((a, x) => a + x.n, 0);
          expect(sum(folded.map((f) => f.total))).toBe(sum(rows));
          const names = folded.map((f) => f.day);
          expect(names).toEqual([...new Set(names)].sort());
          for (const { day, total } of folded) {
            expect(total.n).toBe(sum(rows.filter((r) => days.dayOf(r.t) === day)));
          }
        },
      ),
    );
  });
});
