/**
 * Multi-row INSERT for the bulk paths (registration, audit), written as SQL text with bound
 * parameters and run through Kysely's executor. The query builder makes a frozen AST node per
 * value; at 100,000 rows × 19 columns that, and the garbage it leaves, cost more than SQLite
 * spends writing the rows. Column names are checked against the table type at compile time.
 */
import { CompiledQuery, PostgresAdapter } from "kysely";
import { chunk } from "./chunk.js";
import type { Database } from "./schema.js";
import type { Db } from "./types.js";

/** SQLite's bound-parameter limit is 32,766: stay well below with any column count. */
const MAX_PARAMS_PER_STATEMENT = 30_000;

export interface BulkInsert<T extends keyof Database> {
  table: T;
  columns: ReadonlyArray<keyof Database[T] & string>;
  /** Appended as is, e.g. `on conflict ("a", "b") do update set …`. */
  onConflict?: string;
}

export async function bulkInsert<T extends keyof Database>(
  db: Db,
  spec: BulkInsert<T>,
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
): Promise<void> {
  if (rows.length === 0) return;
  const width = spec.columns.length;
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const head = `insert into "${spec.table}" (${spec.columns.map((c) => `"${c}"`).join(", ")}) values `;
  const tail = spec.onConflict ? ` ${spec.onConflict}` : "";
  for (const slice of chunk(rows, Math.floor(MAX_PARAMS_PER_STATEMENT / width))) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of slice) {
      if (row.length !== width)
        throw new Error(`${spec.table}: row has ${row.length} values, not ${width}`);
      const marks = new Array<string>(width);
      for (let i = 0; i < width; i++) {
        params.push(row[i]);
        marks[i] = postgres ? `$${params.length}` : "?";
      }
      tuples.push(`(${marks.join(", ")})`);
    }
    await db.executeQuery(CompiledQuery.raw(head + tuples.join(", ") + tail, params));
  }
}

/** `on conflict (keys) do update set c = excluded.c, …` in the syntax both databases share. */
export function upsertClause(keys: readonly string[], update: readonly string[]): string {
  const set = update.map((c) => `"${c}" = excluded."${c}"`).join(", ");
  return `on conflict (${keys.map((k) => `"${k}"`).join(", ")}) do update set ${set}`;
}
