import { DateTime } from "luxon";
import type { Instant } from "../campaign/model.js";
import { daysFromCivil, daysInMonth } from "./civil.js";

/**
 * ISO-8601 text with an explicit offset → epoch milliseconds; `null` for anything else.
 *
 * A time without an offset is refused rather than read in some default zone: the contract says
 * every time carries its offset, and guessing the zone is how a deadline silently moves 8 hours.
 * The common `YYYY-MM-DDTHH:MM:SS(.fff)?(Z|±HH:MM)` form is read by hand (a replay parses one per
 * event); rarer spellings (no seconds, `+0800`) go through luxon.
 */
export function parseInstant(text: string): Instant | null {
  const fast = parseCommonForm(text);
  if (fast !== undefined) return fast;
  if (!HAS_OFFSET.test(text)) return null;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}

const HAS_OFFSET = /T.*(?:Z|[+-]\d\d(?::?\d\d)?)$/i;

function digit(text: string, at: number): number {
  const c = text.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

function digits2(text: string, at: number): number {
  return digit(text, at) * 10 + digit(text, at + 1);
}

/**
 * Events arrive in time order, so consecutive timestamps mostly share their date and hour: the
 * validated `YYYY-MM-DDTHH` prefix of the last one is remembered with its hour number, and only
 * minutes, seconds and offset are read for the next. A memo, not state: results never depend on it.
 */
let lastPrefix = "";
let lastHours = 0;

function hoursOfPrefix(text: string): number | null {
  if (text.startsWith(lastPrefix) && lastPrefix !== "") return lastHours;
  const year = digits2(text, 0) * 100 + digits2(text, 2);
  const month = digits2(text, 5);
  const day = digits2(text, 8);
  const hour = digits2(text, 11);
  // NaN fails every comparison below, so a stray letter in a field lands here as null.
  if (!(year >= 0 && month >= 1 && month <= 12 && hour >= 0 && hour <= 23)) return null;
  if (!(day >= 1 && day <= daysInMonth(year, month))) return null;
  lastPrefix = text.slice(0, 13);
  lastHours = daysFromCivil(year, month, day) * 24 + hour;
  return lastHours;
}

/** `undefined` = not the common form (try the slow path); `null` = the common form but impossible. */
function parseCommonForm(text: string): Instant | null | undefined {
  const n = text.length;
  if (n < 20 || text[4] !== "-" || text[7] !== "-" || text[10] !== "T") return undefined;
  if (text[13] !== ":" || text[16] !== ":") return undefined;
  const minute = digits2(text, 14);
  const second = digits2(text, 17);
  let i = 19;
  let ms = 0;
  if (text[i] === ".") {
    let scale = 100;
    i++;
    const start = i;
    for (; i < n && digit(text, i) >= 0; i++) {
      ms += digit(text, i) * scale; // digits past the millisecond are dropped (truncated)
      scale /= 10;
    }
    if (i === start) return undefined;
    ms = Math.floor(ms);
  }
  let offsetMinutes: number;
  const sign = text[i];
  if (sign === "Z" && i + 1 === n) offsetMinutes = 0;
  else if ((sign === "+" || sign === "-") && i + 6 === n && text[i + 3] === ":") {
    const oh = digits2(text, i + 1);
    const om = digits2(text, i + 4);
    if (!(oh <= 23 && om <= 59)) return null;
    offsetMinutes = (sign === "+" ? 1 : -1) * (oh * 60 + om);
  } else return undefined;
  if (!(minute <= 59 && second <= 59)) return null;
  const hours = hoursOfPrefix(text);
  if (hours === null) return null;
  return (hours * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + ms;
}
