/**
 * Values read back from the database are checked, not cast: a row that does not have the shape
 * Gala wrote (a hand edit, a half-applied migration, a bug in an old version) fails loudly here,
 * naming the table, the column and the row's key, rather than deciding wrongly later. It is our
 * data that is wrong, not the caller's request, so the HTTP layer answers it 500 and logs this
 * message; the operator fixes or restores the row it names.
 */
import { z } from "zod";

export class StoreCorruption extends Error {
  readonly code = "store_corrupt";

  constructor(
    readonly table: string,
    readonly column: string,
    readonly key: string,
    problem: string,
  ) {
    super(`store corruption: ${table}.${column} of ${key} ${problem}`);
    this.name = "StoreCorruption";
  }
}

/** Where a stored value came from, for the error: `{table, column, key}`. */
export interface StoredAt {
  table: string;
  column: string;
  key: string;
}

export function corrupt(at: StoredAt, problem: string): StoreCorruption {
  return new StoreCorruption(at.table, at.column, at.key, problem);
}

/** JSON text from a column; a text that is not JSON is a corrupt row. */
export function storedJson(at: StoredAt, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw corrupt(at, "is not JSON");
  }
}

/** JSON text from a column, checked against its schema. For reads off the hot path. */
export function storedValue<T>(at: StoredAt, schema: z.ZodType<T>, text: string): T {
  const parsed = schema.safeParse(storedJson(at, text));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.length === 0 ? "" : ` at ${issue.path.join(".")}`;
  throw corrupt(at, `is not what Gala writes${path}: ${issue.message}`);
}

const JsonObject = z.record(z.string(), z.unknown());
const Strings = z.array(z.string());
const List = z.array(z.unknown());

/** A JSON object (facts: `merchants.facts`, `products.facts`, snapshot bodies; decisions). */
export function storedObject(at: StoredAt, text: string): Record<string, unknown> {
  return storedValue(at, JsonObject, text);
}

/** A JSON list of strings (rule codes, ids). */
export function storedStrings(at: StoredAt, text: string): string[] {
  return storedValue(at, Strings, text);
}

/** A JSON list of anything (failures kept to be shown as they were). */
export function storedList(at: StoredAt, text: string): unknown[] {
  return storedValue(at, List, text);
}
