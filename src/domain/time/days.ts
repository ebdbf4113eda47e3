/**
 * Calendar days of a campaign's zone, for figures counted "per day": which day an instant falls
 * on, where each day begins, and counts gathered in fixed UTC buckets folded into those days.
 *
 * Databases group by a bucket number (`instant / BUCKET_MS`, integer division, the same in
 * SQLite and PostgreSQL); a zone's days are cut here. A quarter of an hour is fine enough: every
 * zone in use keeps an offset of whole quarter hours and changes it on one (India +05:30, Nepal
 * +05:45, Chatham +12:45), so no bucket straddles two local days.
 */
import { DateTime, IANAZone } from "luxon";
import type { Instant } from "../campaign/model.js";

export const BUCKET_MS = 15 * 60_000;

export interface ZoneDays {
  /** The local day an instant falls on, `YYYY-MM-DD`. */
  dayOf(instant: Instant): string;
  /** The first instant of a local day (midnight, or the first hour a clock change leaves). */
  startOf(day: string): Instant;
  /** The day after, `YYYY-MM-DD`. */
  next(day: string): string;
}

/** `YYYY-MM-DD` naming a day that exists (not `2024-02-30`, not `2024-13-01`). */
export function isCalendarDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && DateTime.fromISO(day, { zone: "UTC" }).isValid;
}

export function zoneDays(timeZone: string): ZoneDays {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`unknown time zone ${timeZone}`);
  const local = (day: string) => DateTime.fromISO(day, { zone });
  return {
    dayOf: (instant) => DateTime.fromMillis(instant, { zone }).toISODate()!,
    startOf: (day) => local(day).startOf("day").toMillis(),
    next: (day) => local(day).plus({ days: 1 }).toISODate()!,
  };
}

/**
 * Rows counted per UTC bucket, summed per local day in day order. `add` folds one row into its
 * day's total (created by `empty`), so any counts can be carried.
 */
export function foldBucketsIntoDays<R, T>(
  rows: Iterable<R>,
  bucketOf: (row: R) => number,
  days: ZoneDays,
  empty: () => T,
  add: (total: T, row: R) => void,
): Array<{ day: string; total: T }> {
  const byDay = new Map<string, T>();
  for (const row of rows) {
    const day = days.dayOf(bucketOf(row) * BUCKET_MS);
    let total = byDay.get(day);
    if (total === undefined) {
      total = empty();
      byDay.set(day, total);
    }
    add(total, row);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, total]) => ({ day, total }));
}
