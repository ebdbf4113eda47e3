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

/** Offsets change on quarter-hour UTC boundaries in every zone in use, so one cached bucket suffices. */
const BUCKET_MS = 15 * 60_000;

export function instantFormatter(timeZone: string): InstantFormatter {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`unknown time zone ${timeZone}`);
  let bucket = Number.NaN;
  let offset = 0;
  return (instant) => {
    const b = Math.floor(instant / BUCKET_MS);
    if (b !== bucket) {
      bucket = b;
      offset = zone.offset(instant);
    }
    return formatWithOffset(instant, offset);
  };
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
