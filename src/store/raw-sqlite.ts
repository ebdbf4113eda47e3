/**
 * The better-sqlite3 handle behind a SQLite store, reachable from a Kysely transaction, so the
 * fulfilment hot path can run cached prepared statements directly: Kysely compiles every query
 * anew and goes through an async mutex per statement, which on a batch of events cost more than
 * SQLite spends executing it. A plugin is the carrier because transactions inherit their
 * parent's plugins; it changes no query. PostgreSQL stores never have one.
 */
import type SQLite from "better-sqlite3";
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import type { Db } from "./types.js";

export class RawSqlite implements KyselyPlugin {
  constructor(readonly database: SQLite.Database) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * The handle, only inside a transaction: there Kysely holds SQLite's single connection for us,
 * so a raw statement is part of that transaction and never of someone else's.
 */
export function rawSqlite(db: Db): SQLite.Database | undefined {
  if (!db.isTransaction) return undefined;
  for (const plugin of db.getExecutor().plugins) {
    if (plugin instanceof RawSqlite) return plugin.database;
  }
  return undefined;
}

const caches = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** A prepared statement for this text, made once per database (the hot path uses a few dozen). */
export function statement(database: SQLite.Database, text: string): SQLite.Statement {
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  let s = cache.get(text);
  if (!s) {
    s = database.prepare(text);
    cache.set(text, s);
  }
  return s;
}

/**
 * `insert into T (cols) values (…) TAIL` once per row, with one cached statement per table. One
 * row per statement on purpose: a multi-row INSERT into a table with a unique key may fail after
 * writing some of its rows, so SQLite keeps a statement journal of every page it touches (to undo
 * just that statement), and past 64 KiB that journal is written to a temporary file. For the
 * event log's batch (500 rows, a key and an index on random ids) that was ~400 MB of writes per
 * 100,000 events and ~10 % of ingestion's CPU; a one-row statement needs no such journal, and a
 * call of a prepared statement costs a microsecond or two.
 */
export function insertRaw(
  database: SQLite.Database,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
  tail = "",
): void {
  if (rows.length === 0) return;
  const marks = new Array(columns.length).fill("?").join(",");
  const one = statement(
    database,
    `insert into ${table} (${columns.join(",")}) values (${marks}) ${tail}`,
  );
  for (const row of rows) one.run(row as unknown[]);
}
