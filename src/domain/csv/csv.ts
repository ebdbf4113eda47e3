/**
 * CSV as Excel and every spreadsheet read it (RFC 4180): fields separated by commas, records by
 * CRLF, a field quoted when it holds a comma, a quote or a line break, quotes inside doubled.
 * A file starts with a UTF-8 byte order mark so Excel reads Chinese as UTF-8, not as the
 * system's code page.
 *
 * Text that a spreadsheet would take for a formula — starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return — gets a leading `'` (OWASP's advice against CSV injection): a product title
 * or a rejection reason is data from outside and must never run as `=HYPERLINK(…)`. Numbers are
 * written as numbers (a negative amount stays `-500`): only text is neutralised.
 */

export type Cell = string | number | boolean | null | undefined;

export const BOM = "\uFEFF";
export const RECORD_END = "\r\n";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Text as a spreadsheet will show it: with a `'` before anything that would start a formula. */
export function neutralised(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = neutralised(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: readonly Cell[]): string {
  let out = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ",";
    out += csvField(values[i]);
  }
  return out + RECORD_END;
}
