/**
 * `where column in (…thousands of ids…)` without one query-builder node per id: the query is
 * built and typed with Kysely as usual, with a marker where the list goes; the marker becomes
 * bound placeholders when the query runs. The list must be the query's last parameter (SQLite
 * numbers `?` by position).
 */
import {
  type Compilable,
  CompiledQuery,
  type InferResult,
  PostgresAdapter,
  type RawBuilder,
  sql,
} from "kysely";
import type { Db } from "./types.js";

const MARK = "__gala_id_list__";

/** Put this where the list goes: `.where("id", "in", idList())`. */
export function idList(): RawBuilder<string> {
  return sql<string>`${sql.raw(MARK)}`;
}

export async function executeWithIdList<Q extends Compilable>(
  db: Db,
  query: Q,
  ids: readonly string[],
): Promise<InferResult<Q>> {
  const compiled = query.compile();
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const base = compiled.parameters.length;
  const marks = postgres ? ids.map((_, i) => `$${base + i + 1}`) : ids.map(() => "?");
  const text = compiled.sql.replace(MARK, `(${marks.join(", ")})`);
  const result = await db.executeQuery(CompiledQuery.raw(text, [...compiled.parameters, ...ids]));
  return result.rows as InferResult<Q>;
}
