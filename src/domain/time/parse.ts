import { DateTime } from "luxon";
import type { Instant } from "../campaign/model.js";
import { daysFromCivil, daysInMonth } from "./civil.js";

/**
 * The one reader of ISO-8601 times in Gala: text with an explicit offset → epoch milliseconds;
 * `null` for anything else.
 *
 * A time without an offset is refused rather than read in some default zone: the contract says
 * every time carries its offset, and guessing the zone is how a deadline silently moves 8 hours.
 * The common `YYYY-MM-DDTHH:MM:SS(.fff)?(Z|±HH:MM)` form is read by hand (`readCommonForm`, which
 * the replay's line scanner also calls in place); rarer spellings (no seconds, `+0800`) go
 * through luxon.
 */
export function parseInstant(text: string): Instant | null {
  const t = readCommonForm(text, 0);
  // NaN: not the common form. Past the form's end there is more text: not it either.
  if (!Number.isNaN(t) && ended === text.length) return t === IMPOSSIBLE ? null : t;
  if (!HAS_OFFSET.test(text)) return null;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}

const HAS_OFFSET = /T.*(?:Z|[+-]\d\d(?::?\d\d)?)$/i;

/** `readCommonForm`'s answer for the common form spelling a time that does not exist. */
export const IMPOSSIBLE = Number.POSITIVE_INFINITY;

/** Where the last form `readCommonForm` recognised ended (the index after it). */
let ended = 0;

/** The index just after the form the last `readCommonForm` call recognised. */
export function commonFormEnd(): number {
  return ended;
}

/** Two decimal digits at `at` as a number, or -1 if either is not a digit. */
function two(s: string, at: number): number {
  const a = s.charCodeAt(at) - 0x30;
  const b = s.charCodeAt(at + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Events arrive in time order, so consecutive timestamps mostly share their date and hour: the
 * last `YYYY-MM-DDTHH` read (as one number) is remembered with its hours since the epoch. A memo,
 * not state: results never depend on it.
 */
let lastDateHour = -1;
let lastHours = 0;

/**
 * The common form `YYYY-MM-DDTHH:MM:SS(.f+)?(Z|±HH:MM)` read where it stands in `s`, from
 * `start`, without slicing: the instant (fraction digits past the millisecond are dropped), with
 * `commonFormEnd()` the index after it; `NaN` when the text there does not have the form (the
 * caller then tries `parseInstant`'s general path); `IMPOSSIBLE` when it has the form but no such
 * time exists (month 13, minute 60, offset +24:00). What follows the form is the caller's to
 * check. Reading past the end of `s` is harmless: `charCodeAt` is NaN, which matches nothing.
 */
export function readCommonForm(s: string, start: number): number {
  if (s.charCodeAt(start + 4) !== 0x2d || s.charCodeAt(start + 7) !== 0x2d) return Number.NaN;
  if (s.charCodeAt(start + 10) !== 0x54) return Number.NaN; // T
  if (s.charCodeAt(start + 13) !== 0x3a || s.charCodeAt(start + 16) !== 0x3a) return Number.NaN;
  let i = start + 19;
  let ms = 0;
  if (s.charCodeAt(i) === 0x2e) {
    let scale = 100;
    i++;
    const first = i;
    for (;;) {
      const d = s.charCodeAt(i) - 0x30;
      if (!(d >= 0 && d <= 9)) break;
      ms += d * scale; // digits past the millisecond are dropped (truncated)
      scale /= 10;
      i++;
    }
    if (i === first) return Number.NaN;
    ms = Math.floor(ms);
  }
  let offsetMinutes = 0;
  const sign = s.charCodeAt(i);
  if (sign === 0x5a)
    ended = i + 1; // Z
  else if ((sign === 0x2b || sign === 0x2d) && s.charCodeAt(i + 3) === 0x3a) {
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    ended = i + 6;
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return IMPOSSIBLE;
    offsetMinutes = (sign === 0x2b ? 1 : -1) * (oh * 60 + om);
  } else return Number.NaN;
  const minute = two(s, start + 14);
  const second = two(s, start + 17);
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return IMPOSSIBLE;
  const century = two(s, start);
  const yy = two(s, start + 2);
  const month = two(s, start + 5);
  const day = two(s, start + 8);
  const hour = two(s, start + 11);
  if (century < 0 || yy < 0 || month < 0 || day < 0 || hour < 0) return IMPOSSIBLE;
  const year = century * 100 + yy;
  const dateHour = ((year * 100 + month) * 100 + day) * 100 + hour;
  let hours: number;
  if (dateHour === lastDateHour) hours = lastHours;
  else {
    if (month < 1 || month > 12 || hour > 23) return IMPOSSIBLE;
    if (day < 1 || day > daysInMonth(year, month)) return IMPOSSIBLE;
    hours = daysFromCivil(year, month, day) * 24 + hour;
    lastDateHour = dateHour;
    lastHours = hours;
  }
  return (hours * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + ms;
}
