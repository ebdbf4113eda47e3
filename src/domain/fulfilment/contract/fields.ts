import { z } from "zod";
import { MAX_ID_LENGTH, MAX_TEXT_LENGTH } from "./limits.js";
import { isStorableText, unstorableMessage } from "./storable-text.js";

/**
 * The kinds of field an event has, as Zod types that refuse with the words Gala has always used:
 * each names the field, says what it must be and shows what came. `schema.ts` builds every event
 * type from these. A missing field is told apart by the validator (`validate.ts`), which reads the
 * code (`missing_field`, `invalid_field`, `invalid_time`) off the issue.
 */

type Issue = { input?: unknown };
const required = (field: string) => `${field} is required`;
const missingOr = (field: string, message: (input: unknown) => string) => (iss: Issue) =>
  iss.input === undefined ? required(field) : message(iss.input);

/** Text stored as is must not hold NUL or a lone surrogate (`storable-text.ts`). */
const storable = (field: string) => ({
  error: (iss: Issue) => unstorableMessage(field, iss.input as string),
  abort: true,
});

/** A non-empty string of at most MAX_ID_LENGTH characters (ids, tracking numbers, regions). */
export function idField(field: string) {
  const message = (input: unknown) =>
    `${field} must be a non-empty string of at most ${MAX_ID_LENGTH} characters, got ${show(input)}`;
  const error = missingOr(field, message);
  return z
    .string({ error })
    .refine(isStorableText, storable(field))
    .min(1, { error })
    .max(MAX_ID_LENGTH, { error });
}

/** A string, possibly empty, of at most `max` characters (free text such as a reason). */
export function textField(field: string, max = MAX_TEXT_LENGTH) {
  return z
    .string({ error: missingOr(field, (input) => `${field} must be a string, got ${show(input)}`) })
    .refine(isStorableText, storable(field))
    .max(max, {
      error: (iss) =>
        `${field} must be at most ${max} characters, got ${(iss.input as string).length}`,
    });
}

/** Money: a non-negative integer number of fen. */
export function fenField(field: string) {
  const error = missingOr(
    field,
    (input) => `${field} must be a non-negative integer number of fen, got ${show(input)}`,
  );
  return z.number({ error }).int({ error }).min(0, { error });
}

/** One of a fixed set of strings. */
export function oneOfField<const T extends readonly [string, ...string[]]>(
  field: string,
  allowed: T,
) {
  const message = (input: unknown) =>
    `${field} must be one of ${allowed.join(", ")}, got ${show(input)}`;
  return z.enum(allowed, { error: missingOr(field, message) });
}

/** Whole hours, or `null`/absent for "none recorded" (read as `null`). */
export function optionalHoursField(field: string) {
  const error = (iss: Issue) =>
    `${field} must be a whole number of hours (24, 48) or null, got ${show(iss.input)}`;
  return z
    .number({ error })
    .int({ error })
    .min(1, { error })
    .max(8760, { error })
    .nullish()
    .transform((hours) => hours ?? null);
}

/** A nested object; its fields' errors name the path (`buyer.risk`). */
export function objectField<S extends z.ZodRawShape>(field: string, shape: S) {
  const message = (input: unknown) => `${field} must be an object, got ${show(input)}`;
  return z.object(shape, { error: missingOr(field, message) });
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
