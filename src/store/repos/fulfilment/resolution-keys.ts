/**
 * A person's resolution of a held claim is a row of `ff_decisions` whose effect key is the held
 * claim's prefixed with `resolve:` (held-claims.ts); the counts (counts.ts) count them by it.
 */
export const RESOLVED_PREFIX = "resolve:";
/** The first key after every `resolve:…` key (`;` follows `:`). */
export const RESOLVED_END = "resolve;";
