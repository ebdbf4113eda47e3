/** Campaign windows: declared as wall-clock times in a zone, held as UTC instants. */
import { DateTime, IANAZone } from "luxon";
import type { Instant } from "./model.js";

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
