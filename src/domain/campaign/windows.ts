/** Campaign windows: declared as wall-clock times in a zone, held as UTC instants. */
import { DateTime, IANAZone } from "luxon";
import type { Instant } from "./model.js";

export function isKnownTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * `2024-02-09 00:00:00` in `Asia/Shanghai` → epoch ms; null when the text is not a real time, or
 * names a time the zone skips (clocks moved forward: 02:30 on a spring-forward night in New York
 * never happens, and luxon would quietly read it as 03:30).
 */
export function wallClockToInstant(wallClock: string, timeZone: string): Instant | null {
  const parsed = parseWallClock(wallClock, timeZone);
  return parsed.isValid && !skipped(parsed, wallClock) ? parsed.toMillis() : null;
}

/** True when `wallClock` is a well-formed date and time that `timeZone` skips. */
export function isSkippedInZone(wallClock: string, timeZone: string): boolean {
  const parsed = parseWallClock(wallClock, timeZone);
  return parsed.isValid && skipped(parsed, wallClock);
}

const FORMAT = "yyyy-MM-dd HH:mm:ss";

function parseWallClock(wallClock: string, timeZone: string): DateTime {
  return DateTime.fromFormat(wallClock.replace("T", " "), FORMAT, { zone: timeZone });
}

function skipped(parsed: DateTime, wallClock: string): boolean {
  return parsed.toFormat(FORMAT) !== wallClock.replace("T", " ");
}
