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

/** Rows per multi-row INSERT: large enough to amortise a call, small enough to cache few texts. */
const ROWS_PER_STATEMENT = 64;

/** `insert into T (cols) values (…), (…) TAIL` for any number of rows, with cached statements. */
export function insertRaw(
  database: SQLite.Database,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
  tail = "",
): void {
  if (rows.length === 0) return;
  const width = columns.length;
  const text = (count: number) => {
    const tuple = `(${new Array(width).fill("?").join(",")})`;
    return `insert into ${table} (${columns.join(",")}) values ${new Array(count).fill(tuple).join(",")} ${tail}`;
  };
  let i = 0;
  if (rows.length >= ROWS_PER_STATEMENT) {
    const many = statement(database, text(ROWS_PER_STATEMENT));
    const params = new Array<unknown>(ROWS_PER_STATEMENT * width);
    for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
      for (let r = 0; r < ROWS_PER_STATEMENT; r++) {
        const row = rows[i + r]!;
        for (let c = 0; c < width; c++) params[r * width + c] = row[c];
      }
      many.run(params);
    }
  }
  if (i < rows.length) {
    const one = statement(database, text(1));
    for (; i < rows.length; i++) one.run(rows[i] as unknown[]);
  }
}
