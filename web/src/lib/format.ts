/**
 * Display formatting shared by every page. Money arrives as integer fen and is shown as yuan with
 * two decimals ("¥1,234.56"); integer arithmetic only, so no float ever rounds a cent away.
 * Instants are shown in the campaign's time zone whatever the browser's own zone is (Asia/Shanghai,
 * Beijing time, for the reference campaign, and until a campaign is loaded): windows and deadlines
 * are declared in it, and a merchant abroad must see the same clock as the rules.
 */

let displayTimeZone = "Asia/Shanghai";

/** Set once the console knows its campaign (`CampaignProvider`). */
export function setDisplayTimeZone(timeZone: string): void {
  if (timeZone === displayTimeZone) return;
  displayTimeZone = timeZone;
  dateTimeParts = partsFormatter(timeZone);
}

export function formatFen(fen: number): string {
  if (!Number.isFinite(fen)) return "—";
  const whole = Math.round(fen);
  const sign = whole < 0 ? "-" : "";
  const abs = Math.abs(whole);
  const yuan = Math.floor(abs / 100).toString();
  const cents = (abs % 100).toString().padStart(2, "0");
  const grouped = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}¥${grouped}.${cents}`;
}

type InstantInput = string | number | Date;

function toDate(value: InstantInput): Date {
  return value instanceof Date ? value : new Date(value);
}

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
}

let dateTimeParts = partsFormatter(displayTimeZone);

function parts(value: InstantInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of dateTimeParts.formatToParts(toDate(value))) out[part.type] = part.value;
  return out;
}

/** "2024-02-10 09:00:00" in the display zone; "—" for a missing or unparseable instant. */
export function formatInstant(value: InstantInput | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Number.isNaN(toDate(value).getTime())) return "—";
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "2024-02-10" in the display zone: the day an instant belongs to, for charts by day. */
export function displayDay(value: InstantInput): string {
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 0.8512 → "85.1%"; null stays visibly missing. */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";
  return `${(ratio * 100).toFixed(digits)}%`;
}

export interface DurationParts {
  negative: boolean;
  days: number;
  hours: number;
  minutes: number;
}

/** Splits a span of milliseconds for countdowns ("2天3小时" / "2d 3h"); wording is i18n's job. */
export function durationParts(ms: number): DurationParts {
  const negative = ms < 0;
  let minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  return { negative, days, hours, minutes };
}
