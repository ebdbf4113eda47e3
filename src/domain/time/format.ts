import { IANAZone } from "luxon";
import type { Instant } from "../campaign/model.js";
import { civilFromDays } from "./civil.js";

/**
 * Instants → ISO-8601 text in a named zone, e.g. `2024-02-10T09:00:00+08:00`.
 *
 * The output format is fixed: seconds always, milliseconds only when not zero
 * (`2024-02-10T09:00:00.250+08:00`), and the zone's offset at that instant as `±HH:MM` (never
 * `Z`). Decisions are printed this way so one campaign's output reads in one wall clock.
 */
export type InstantFormatter = (instant: Instant) => string;

const DAY_MS = 86_400_000;

/**
 * The zone's offset is looked up once per UTC day and cached: a day whose two ends have the same
 * offset has it throughout (zones change offset at most twice a year, never twice in a day);
 * a day with a change is looked up per instant. Decisions jump between event times and older
 * deadlines, so a single-entry cache would miss constantly.
 */
export function instantFormatter(timeZone: string): InstantFormatter {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`unknown time zone ${timeZone}`);
  const byDay = new Map<number, number>();
  const offsetAt = (instant: Instant): number => {
    const day = Math.floor(instant / DAY_MS);
    let offset = byDay.get(day);
    if (offset === undefined) {
      const first = zone.offset(day * DAY_MS);
      offset = first === zone.offset(day * DAY_MS + DAY_MS - 1) ? first : Number.NaN;
      if (byDay.size > 10_000) byDay.clear(); // bounded: a long replay touches a few hundred days
      byDay.set(day, offset);
    }
    return Number.isNaN(offset) ? zone.offset(instant) : offset;
  };
  return (instant) => formatWithOffset(instant, offsetAt(instant));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * The pieces of an instant's text, each built once: a console page prints ~300 instants, and
 * joining a dozen pieces for each left ~150 kB per page for the collector (a page of 50 orders
 * allocated ~850 kB in all), whose pauses, with a few operators' pages in flight, are the tail of
 * the reads' latency. Now an instant is four joins of cached pieces.
 */
const PAD2 = Array.from({ length: 60 }, (_, n) => pad2(n));
/** `HH:MM:` of each minute of a day. */
const MINUTES = Array.from(
  { length: 1440 },
  (_, m) => `${PAD2[Math.floor(m / 60)]}:${PAD2[m % 60]}:`,
);
/** `YYYY-MM-DDT` by days since 1970-01-01 (bounded: pages touch a few days each). */
const DATES = new Map<number, string>();
/** `±HH:MM` by offset in minutes. */
const OFFSETS = new Map<number, string>();

function dateOf(days: number): string {
  let date = DATES.get(days);
  if (date === undefined) {
    const { year, month, day } = civilFromDays(days);
    const y = year >= 0 && year <= 9999 ? String(year).padStart(4, "0") : String(year);
    date = `${y}-${pad2(month)}-${pad2(day)}T`;
    if (DATES.size > 10_000) DATES.clear();
    DATES.set(days, date);
  }
  return date;
}

function offsetOf(offsetMinutes: number): string {
  let zone = OFFSETS.get(offsetMinutes);
  if (zone === undefined) {
    const abs = Math.abs(offsetMinutes);
    zone = `${offsetMinutes < 0 ? "-" : "+"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
    if (OFFSETS.size > 1_000) OFFSETS.clear();
    OFFSETS.set(offsetMinutes, zone);
  }
  return zone;
}

/** `offsetMinutes` east of UTC, e.g. 480 for Asia/Shanghai. */
export function formatWithOffset(instant: Instant, offsetMinutes: number): string {
  // Whole milliseconds and whole minutes, as every stored instant and zone offset is; anything
  // else is printed the long way, as it always was.
  if (!Number.isSafeInteger(instant) || !Number.isSafeInteger(offsetMinutes)) {
    return formatPiecewise(instant, offsetMinutes);
  }
  const local = instant + offsetMinutes * 60_000;
  const days = Math.floor(local / 86_400_000);
  const msOfDay = local - days * 86_400_000;
  const ms = msOfDay % 1000;
  const time = MINUTES[Math.floor(msOfDay / 60_000)]! + PAD2[Math.floor(msOfDay / 1000) % 60]!;
  const head = dateOf(days) + time;
  return (ms === 0 ? head : `${head}.${String(ms).padStart(3, "0")}`) + offsetOf(offsetMinutes);
}

function formatPiecewise(instant: Instant, offsetMinutes: number): string {
  const local = instant + offsetMinutes * 60_000;
  const days = Math.floor(local / 86_400_000);
  const msOfDay = local - days * 86_400_000;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(msOfDay / 3_600_000);
  const minute = Math.floor(msOfDay / 60_000) % 60;
  const second = Math.floor(msOfDay / 1000) % 60;
  const ms = msOfDay % 1000;
  const fraction = ms === 0 ? "" : `.${String(ms).padStart(3, "0")}`;
  const abs = Math.abs(offsetMinutes);
  const zone = `${offsetMinutes < 0 ? "-" : "+"}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  const y = year >= 0 && year <= 9999 ? String(year).padStart(4, "0") : String(year);
  return `${y}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}${fraction}${zone}`;
}
