/**
 * Bulk statements are cut into slices so no statement passes the bind-parameter limits
 * (SQLite 32,766; PostgreSQL 65,535) whatever the batch size a client sends.
 */
export const MAX_PARAMS = 30_000;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows per INSERT for a table of `columns` columns. */
export function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.floor(MAX_PARAMS / columns / 4));
}
