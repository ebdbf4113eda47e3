import { type EventError, MAX_ID_LENGTH } from "./events.js";

/**
 * Field readers for raw events. Each returns the typed value, or records one structured error
 * naming the field and returns `undefined`. Hand-written rather than a schema library because a
 * replay reads a million events and validation must stay a small share of the cost.
 */
/** Free text in an event (a report's reason): generous, bounded. */
export const MAX_TEXT_LENGTH = 1_000;

export class FieldReader {
  error: EventError | null = null;

  constructor(private readonly raw: Record<string, unknown>) {}

  private fail(field: string, code: string, message: string): undefined {
    this.error ??= { code, message, field };
    return undefined;
  }

  private missing(field: string, value: unknown): boolean {
    if (value !== undefined) return false;
    this.fail(field, "missing_field", `${field} is required`);
    return true;
  }

  /** A non-empty string of at most MAX_ID_LENGTH characters (ids, tracking numbers, regions). */
  id(field: string, value: unknown = this.raw[field]): string | undefined {
    if (this.missing(field, value)) return undefined;
    if (typeof value === "string" && value.includes("\u0000")) return this.nul(field);
    if (typeof value === "string" && value.length > 0 && value.length <= MAX_ID_LENGTH) {
      return value;
    }
    return this.fail(
      field,
      "invalid_field",
      `${field} must be a non-empty string of at most ${MAX_ID_LENGTH} characters, got ${show(value)}`,
    );
  }

  /** A string, possibly empty, of at most `max` characters (free text such as a reason). */
  text(field: string, max = MAX_TEXT_LENGTH): string | undefined {
    const value = this.raw[field];
    if (this.missing(field, value)) return undefined;
    if (typeof value === "string" && value.includes("\u0000")) return this.nul(field);
    if (typeof value === "string" && value.length <= max) return value;
    if (typeof value === "string") {
      const message = `${field} must be at most ${max} characters, got ${value.length}`;
      return this.fail(field, "invalid_field", message);
    }
    return this.fail(field, "invalid_field", `${field} must be a string, got ${show(value)}`);
  }

  /** Text stored as is must not hold NUL: PostgreSQL cannot, and no channel means it. */
  private nul(field: string): undefined {
    const message = `${field} must not contain the NUL character (U+0000): send the value without it`;
    return this.fail(field, "invalid_field", message);
  }

  /** Money: a non-negative integer number of fen. */
  fen(field: string): number | undefined {
    const value = this.raw[field];
    if (this.missing(field, value)) return undefined;
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
    return this.fail(
      field,
      "invalid_field",
      `${field} must be a non-negative integer number of fen, got ${show(value)}`,
    );
  }

  /** One of a fixed set of strings. */
  oneOf<T extends string>(
    field: string,
    allowed: readonly T[],
    value: unknown = this.raw[field],
  ): T | undefined {
    if (this.missing(field, value)) return undefined;
    if (allowed.includes(value as T)) return value as T;
    return this.fail(
      field,
      "invalid_field",
      `${field} must be one of ${allowed.join(", ")}, got ${show(value)}`,
    );
  }

  /** Whole hours, or `null`/absent for "none recorded". */
  optionalHours(field: string): number | null | undefined {
    const value = this.raw[field];
    if (value === undefined || value === null) return null;
    if (typeof value === "number" && Number.isInteger(value) && value > 0 && value <= 8760)
      return value;
    return this.fail(
      field,
      "invalid_field",
      `${field} must be a whole number of hours (24, 48) or null, got ${show(value)}`,
    );
  }

  /** A nested object, read with its own reader; errors name the path (`buyer.risk`). */
  object(field: string): Record<string, unknown> | undefined {
    const value = this.raw[field];
    if (this.missing(field, value)) return undefined;
    if (isRecord(value)) return value;
    return this.fail(field, "invalid_field", `${field} must be an object, got ${show(value)}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const SHOWN = 60;

/**
 * A short rendering of a bad value for messages; long values are cut. The JSON text of the value,
 * but only its first characters are ever made: `JSON.stringify` of a whole value would walk all
 * of it, and overflow the stack on input nested a hundred thousand deep.
 */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const out = { text: "" };
  render(value, out);
  return out.text.length > SHOWN ? `${out.text.slice(0, SHOWN - 3)}...` : out.text;
}

/** Appends `value`'s JSON text until past the shown length (each level adds a character). */
function render(value: unknown, out: { text: string }): void {
  if (out.text.length > SHOWN) return;
  if (typeof value === "string") {
    // Enough characters to fill what is shown; an escape only makes the text longer.
    out.text += JSON.stringify(value.length > SHOWN ? value.slice(0, SHOWN + 1) : value);
  } else if (Array.isArray(value)) {
    out.text += "[";
    for (let i = 0; i < value.length && out.text.length <= SHOWN; i++) {
      if (i > 0) out.text += ",";
      render(value[i] ?? null, out);
    }
    out.text += "]";
  } else if (typeof value === "object" && value !== null) {
    out.text += "{";
    let first = true;
    for (const key in value) {
      if (out.text.length > SHOWN) break;
      out.text += `${first ? "" : ","}${JSON.stringify(key)}:`;
      first = false;
      render((value as Record<string, unknown>)[key], out);
    }
    out.text += "}";
  } else {
    out.text += JSON.stringify(value) ?? "null";
  }
}
