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
