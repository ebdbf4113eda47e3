/**
 * Text an event may carry into the store: no NUL (PostgreSQL's text cannot hold one) and no lone
 * UTF-16 surrogate. JSON can spell a lone surrogate (`"\ud800"`), but it is not Unicode: both
 * stores write it as UTF-8 they do not read back as sent (PostgreSQL as U+FFFD, SQLite as bytes
 * read back as U+FFFD), so two distinct order ids became one and an order could not be
 * addressed again. Refused like NUL, naming the field.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export const isStorableText = (s: string): boolean =>
  !s.includes("\u0000") && !LONE_SURROGATE.test(s);

/** Why `s` (which `isStorableText` refused) cannot be stored, and the fix. */
export function unstorableMessage(field: string, s: string): string {
  return s.includes("\u0000")
    ? `${field} must not contain the NUL character (U+0000): send the value without it`
    : `${field} must not contain a lone UTF-16 surrogate (\\ud800-\\udfff without its pair): send valid Unicode text`;
}
