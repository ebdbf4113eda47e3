/**
 * Multi-row statements for the fulfilment tables, written as SQL text with bound parameters: a
 * batch of 500 events writes a few hundred rows per table, and building them through the query
 * builder costs more than the database spends on them. Both dialects share the syntax except the
 * parameter marks.
 */
import { CompiledQuery, PostgresAdapter } from "kysely";
import { chunk, rowsPerInsert } from "../../chunk.js";
import type { Db } from "../../types.js";
import type { FulfilmentTables } from "./tables.js";

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export interface RowsSpec<T extends keyof FulfilmentTables> {
  table: T;
  columns: ReadonlyArray<keyof FulfilmentTables[T] & string>;
  /** Appended as is: `on conflict (…) do …`. */
  tail?: string;
}

/** The rows a `returning` in the tail gave, if any. */
export async function insertRows<T extends keyof FulfilmentTables>(
  db: Db,
  spec: RowsSpec<T>,
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
): Promise<Record<string, unknown>[]> {
  const returned: Record<string, unknown>[] = [];
  if (rows.length === 0) return returned;
  const width = spec.columns.length;
  const pg = isPostgres(db);
  const head = `insert into ${spec.table} (${spec.columns.join(", ")}) values `;
  const tail = spec.tail ? ` ${spec.tail}` : "";
  for (const slice of chunk(rows, rowsPerInsert(width))) {
    const params: unknown[] = [];
    let tuples = "";
    for (const row of slice) {
      let marks = "";
      for (let i = 0; i < width; i++) {
        params.push(row[i]);
        marks += i === 0 ? "" : ", ";
        marks += pg ? `$${params.length}` : "?";
      }
      tuples += tuples === "" ? `(${marks})` : `, (${marks})`;
    }
    const result = await db.executeQuery(CompiledQuery.raw(head + tuples + tail, params));
    for (const row of result.rows) returned.push(row as Record<string, unknown>);
  }
  return returned;
}

/** `on conflict (keys) do update set c = excluded.c, …`. */
export function upsert(keys: readonly string[], update: readonly string[]): string {
  const set = update.map((c) => `${c} = excluded.${c}`).join(", ");
  return `on conflict (${keys.join(", ")}) do update set ${set}`;
}

/** Runs `query` over slices of `ids` small enough for either database's parameter limit. */
export async function inSlices<T>(
  ids: readonly string[],
  query: (slice: string[]) => Promise<T[]>,
): Promise<T[]> {
  if (ids.length === 0) return [];
  const out: T[] = [];
  for (const slice of chunk([...new Set(ids)], 5_000)) out.push(...(await query(slice)));
  return out;
}
