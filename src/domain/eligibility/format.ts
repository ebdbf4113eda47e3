/**
 * How a value looks inside a message, per language. The `actual` and `required` fields of a
 * failure stay raw data; only the rendered `message` uses these.
 */
import type { DisplayFormat } from "../campaign/model.js";

export type Lang = "zh" | "en";

const MISSING: Record<Lang, string> = { zh: "未提供", en: "not provided" };
const YES: Record<Lang, string> = { zh: "是", en: "yes" };
const NO: Record<Lang, string> = { zh: "否", en: "no" };
const LIST_SEPARATOR: Record<Lang, string> = { zh: "、", en: ", " };
/** Beyond this many elements a list is cut, saying how many there are in all. */
const LIST_LIMIT = 8;
/** A wrongly typed value (an object, a long string) is shown cut to this many characters. */
const TEXT_LIMIT = 80;

export function display(value: unknown, format: DisplayFormat, lang: Lang): string {
  if (value === null || value === undefined) return MISSING[lang];
  if (typeof value === "boolean") return value ? YES[lang] : NO[lang];
  if (typeof value === "number") return displayNumber(value, format, lang);
  if (typeof value === "string") return cut(value);
  if (Array.isArray(value)) return displayList(value, format, lang);
  return cut(safeJson(value));
}

const BELOW: Record<Lang, string> = { zh: "低于 ", en: "below " };
const ABOVE: Record<Lang, string> = { zh: "高于 ", en: "above " };
/** Most decimals a percentage is shown with before "below"/"above" takes over. */
const MAX_PERCENT_DECIMALS = 15;

/**
 * `actual` as a message shows it beside the requirement: a number that is not the required one
 * never reads as it (0.849999999 against 0.85 is not "85%, needs 85%"). Shown with more decimals
 * until it differs, or, when even that cannot tell them apart, as "below 85%" / "above 85%".
 */
export function displayBeside(
  actual: unknown,
  required: unknown,
  format: DisplayFormat,
  lang: Lang,
  requiredShown: string = display(required, format, lang),
): string {
  const shown = display(actual, format, lang);
  if (shown !== requiredShown || typeof actual !== "number" || typeof required !== "number") {
    return shown;
  }
  if (actual === required) return shown;
  // Stryker disable next-line ConditionalExpression: only percentages round; other formats of two different numbers never read alike
  if (format === "percent") {
    for (let decimals = 5; decimals <= MAX_PERCENT_DECIMALS; decimals++) {
      const precise = `${Number((actual * 100).toFixed(decimals))}%`;
      if (precise !== requiredShown) return precise;
    }
  }
  // Stryker disable next-line EqualityOperator: the two are never equal here
  return (actual < required ? BELOW[lang] : ABOVE[lang]) + requiredShown;
}

function displayNumber(n: number, format: DisplayFormat, lang: Lang): string {
  if (!Number.isFinite(n)) return String(n);
  switch (format) {
    case "percent":
      // toFixed(4) then Number() drops binary noise (0.8499 * 100 = 84.99000000000001).
      return `${Number((n * 100).toFixed(4))}%`;
    case "yuan":
      return Number.isSafeInteger(n) ? yuan(n) : String(n);
    case "hours":
      return lang === "zh" ? `${n}小时` : `${n} h`;
    default:
      return String(n);
  }
}

/** Integer fen → `¥2,500.00`; exact (integer arithmetic, no rounding). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cents = (abs % 100).toString().padStart(2, "0");
  return `${sign}¥${whole}.${cents}`;
}

function displayList(list: readonly unknown[], format: DisplayFormat, lang: Lang): string {
  const shown = list.slice(0, LIST_LIMIT).map((v) => display(v, format, lang));
  const text = shown.join(LIST_SEPARATOR[lang]);
  if (list.length <= LIST_LIMIT) return text;
  return lang === "zh" ? `${text}等${list.length}项` : `${text}, … (${list.length} in all)`;
}

function cut(text: string): string {
  return text.length <= TEXT_LIMIT ? text : `${text.slice(0, TEXT_LIMIT - 1)}…`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Not reachable from JSON input; a cyclic or BigInt-holding object handed in by code.
    return Object.prototype.toString.call(value);
  }
}
