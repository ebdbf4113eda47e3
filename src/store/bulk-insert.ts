/**
 * Multi-row INSERT for the bulk paths (registration, audit), written as SQL text with bound
 * parameters and run through Kysely's executor. The query builder makes a frozen AST node per
 * value; at 100,000 rows × 19 columns that, and the garbage it leaves, cost more than SQLite
 * spends writing the rows. Column names are checked against the table type at compile time.
 */
import { CompiledQuery, PostgresAdapter } from "kysely";
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
  const perStatement = Math.floor(MAX_PARAMS_PER_STATEMENT / width);
  for (let start = 0; start < rows.length; start += perStatement) {
    const count = Math.min(perStatement, rows.length - start);
    const params = new Array<unknown>(count * width);
    for (let r = 0; r < count; r++) {
      const row = rows[start + r]!;
      if (row.length !== width) {
        throw new Error(`${spec.table}: row has ${row.length} values, not ${width}`);
      }
      for (let c = 0; c < width; c++) params[r * width + c] = row[c];
    }
    await db.executeQuery(CompiledQuery.raw(statementText(spec, count, postgres), params));
  }
}

/**
 * The statement text for `count` rows, made once: full slices repeat the same text, so the
 * prepared-statement cache finds it by an already-hashed string.
 */
const texts = new WeakMap<object, Map<string, string>>();

function statementText<T extends keyof Database>(
  spec: BulkInsert<T>,
  count: number,
  postgres: boolean,
): string {
  let bySize = texts.get(spec);
  if (!bySize) {
    bySize = new Map();
    texts.set(spec, bySize);
  }
  const key = `${postgres ? "pg" : "sqlite"}:${count}`;
  let text = bySize.get(key);
  if (text === undefined) {
    const width = spec.columns.length;
    const tuples = new Array<string>(count);
    for (let r = 0; r < count; r++) {
      const marks = new Array<string>(width);
      for (let c = 0; c < width; c++) marks[c] = postgres ? `$${r * width + c + 1}` : "?";
      tuples[r] = `(${marks.join(", ")})`;
    }
    const columns = spec.columns.map((c) => `"${c}"`).join(", ");
    const tail = spec.onConflict ? ` ${spec.onConflict}` : "";
    text = `insert into "${spec.table}" (${columns}) values ${tuples.join(", ")}${tail}`;
    if (bySize.size > 64) bySize.clear();
    bySize.set(key, text);
  }
  return text;
}

/** `on conflict (keys) do update set c = excluded.c, …` in the syntax both databases share. */
export function upsertClause(keys: readonly string[], update: readonly string[]): string {
  const set = update.map((c) => `"${c}" = excluded."${c}"`).join(", ");
  return `on conflict (${keys.map((k) => `"${k}"`).join(", ")}) do update set ${set}`;
}
