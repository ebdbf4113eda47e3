/** Campaign windows: declared as wall-clock times in a zone, held as UTC instants. */
import { DateTime, IANAZone } from "luxon";
import type { Instant, Window } from "./model.js";

export function isKnownTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** `2024-02-09 00:00:00` in `Asia/Shanghai` → epoch ms; null when the text is not a real time. */
export function wallClockToInstant(wallClock: string, timeZone: string): Instant | null {
  const parsed = DateTime.fromFormat(wallClock.replace("T", " "), "yyyy-MM-dd HH:mm:ss", {
    zone: timeZone,
  });
  return parsed.isValid ? parsed.toMillis() : null;
}

/**
 * Windows are inclusive to the second: an end of `23:59:59` admits everything up to
 * 23:59:59.999, and the next second is outside.
 */
export function isWithin(window: Pick<Window, "start" | "end">, at: Instant): boolean {
  return at >= window.start && at < window.end + 1000;
}
