import { fail } from "./result.js";

/** Opaque page cursors: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** `undefined` when the cursor is not one this server wrote (the caller answers 400). */
export function decodeCursor<T>(cursor: string, valid: (v: unknown) => v is T): T | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return valid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The one answer to a cursor this server did not give (400 `bad_cursor`), on every paged read. */
export function badCursor() {
  return fail(
    "invalid",
    "bad_cursor",
    "the cursor is not one this server gave: pass nextCursor from the previous page as it came, or none for the first page",
  );
}
