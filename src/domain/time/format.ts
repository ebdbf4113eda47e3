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

/** `offsetMinutes` east of UTC, e.g. 480 for Asia/Shanghai. */
export function formatWithOffset(instant: Instant, offsetMinutes: number): string {
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
