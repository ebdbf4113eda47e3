/**
 * Opens the database named by a `--db` URL, applies every pending migration and hands back the
 * typed query layer. The same `Kysely<Database>` serves both dialects; repositories never ask
 * which one they are on, except through `Store.dialect` for the rare lock that differs.
 */
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  type Driver,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
} from "kysely";
import pg from "pg";
import type { DialectName } from "./migrations/context.js";
import { migrationProvider } from "./migrations/index.js";
import { ensureDirectory, explainSqliteOpen } from "./open-error.js";
import { RawSqlite } from "./raw-sqlite.js";
import type { Database } from "./schema.js";
import { waitForLocksByTimer } from "./sqlite-busy.js";
import { type CheckpointerOptions, SqliteCheckpointer } from "./sqlite-checkpointer.js";
import { syncCommits, WalSync, walFileFlush } from "./sqlite-durable.js";
import { applyPragmas, cachingStatements } from "./sqlite-statements.js";
import { type DbTarget, parseDbUrl } from "./url.js";

export interface Store {
  dialect: DialectName;
  db: Kysely<Database>;
  /** SQLite opened with `backgroundCheckpoints`: the thread checkpointing its log. */
  checkpointer?: SqliteCheckpointer | undefined;
  /** SQLite opened with `backgroundCheckpoints`: commits synced off the event loop. */
  walSync?: WalSync | undefined;
  close(): Promise<void>;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export async function openStore(url: string, options: OpenOptions = {}): Promise<Store> {
  return openTarget(parseDbUrl(url), options);
}

export interface OpenOptions {
  /** Migrate only up to this migration (tests of a migration); default: every one. */
  upTo?: string;
  /**
   * SQLite files: checkpoint the WAL on a worker thread instead of inside commits
   * (sqlite-checkpointer.ts). For a server, whose event loop must not stall on a checkpoint;
   * a short CLI command needs no thread.
   */
  backgroundCheckpoints?: boolean | CheckpointerOptions;
  /**
   * With `backgroundCheckpoints`: what puts the log on disk (default: an `fdatasync` of the WAL
   * file, sqlite-durable.ts). Tests hold it to see what waits for the disk.
   */
  walFlush?: () => Promise<void>;
}

export async function openTarget(target: DbTarget, options: OpenOptions = {}): Promise<Store> {
  if (target.kind === "sqlite") {
    try {
      return await openAndMigrate(target, options);
    } catch (error) {
      // An unusable file or directory: one paragraph naming the path and the fix.
      throw explainSqliteOpen(target.path, error) ?? error;
    }
  }
  return openAndMigrate(target, options);
}

async function openAndMigrate(target: DbTarget, options: OpenOptions): Promise<Store> {
  const store = target.kind === "sqlite" ? openSqlite(target.path, options) : openPostgres(target);
  try {
    if (target.kind === "postgres") {
      const schema = target.schema;
      await migrationTurn(store, async () => {
        if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(store.db);
        await migrate(store, await currentSchema(store), options.upTo);
      });
    } else {
      await migrate(store, undefined, options.upTo);
      // A migration may change only the schema, which commits do not count as a write: sync
      // once, so the server starts on a schema that is on disk.
      if (store.walSync) await store.walSync.durable(store.walSync.wrote());
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function openSqlite(path: string, options: OpenOptions): Store {
  const { backgroundCheckpoints } = options;
  if (path !== ":memory:") ensureDirectory(dirname(path));
  const database = new SQLite(path);
  try {
    applyPragmas(database);
  } catch (error) {
    database.close();
    throw error;
  }
  // A server's file: checkpoints on a thread, commits synced off the event loop (both files say
  // why). A command's, or one in memory: SQLite's own checkpoints and FULL syncs.
  const server = Boolean(backgroundCheckpoints) && path !== ":memory:";
  const wal = server ? walFileFlush(path) : undefined;
  const walSync = wal ? new WalSync(options.walFlush ?? wal.flush) : undefined;
  if (walSync) database.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({
    dialect: new SqliteCausesDialect(database, Boolean(backgroundCheckpoints), walSync),
    // Carries the handle to transactions for the fulfilment hot path (raw-sqlite.ts).
    plugins: [new RawSqlite(database)],
  });
  // The worker needs only the file; the store's close stops it before the connection closes.
  const checkpointer = server
    ? new SqliteCheckpointer(
        database,
        typeof backgroundCheckpoints === "object" ? backgroundCheckpoints : {},
      )
    : undefined;
  return {
    dialect: "sqlite",
    db,
    checkpointer,
    walSync,
    close: async () => {
      await checkpointer?.stop();
      await walSync?.settled();
      await db.destroy();
      await wal?.close();
    },
  };
}

/**
 * SQLite ends a transaction by itself when a write fails for want of space or I/O (SQLITE_FULL,
 * SQLITE_IOERR): Kysely's ROLLBACK then fails with "cannot rollback - no transaction is active",
 * and that error replaced the real one in the log and in the HTTP answer (a 500 instead of 503).
 * Rolling back here is skipped when SQLite has already done it, so the cause is what is thrown.
 */
class SqliteCausesDialect extends SqliteDialect {
  constructor(
    private readonly database: SQLite.Database,
    private readonly immediate: boolean,
    private readonly walSync?: WalSync,
  ) {
    super({ database: cachingStatements(database) });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    if (this.immediate) {
      // Beside the checkpoint thread (which takes the write lock for a moment to restart the
      // log) a transaction must ask for the write lock when it begins: SQLite waits (busy
      // timeout) for a lock asked for by BEGIN, but a deferred transaction that has read and
      // then writes while the lock is held fails at once with SQLITE_BUSY.
      driver.beginTransaction = async (connection) => {
        await connection.executeQuery(CompiledQuery.raw("begin immediate"));
      };
    }
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.database.inTransaction) await rollback(connection);
    };
    if (this.walSync) {
      // A server's: waiting for a lock by timer, not asleep in SQLite (sqlite-busy.ts says why).
      waitForLocksByTimer(driver, this.database);
      syncCommits(driver, this.database, this.walSync);
    }
    return driver;
  }
}

// int8 (bigint) comes back from pg as a string by default; every bigint here is an epoch-ms
// instant, a count or fen, all well inside Number.MAX_SAFE_INTEGER.
const INT8_OID = 20;
const parseInt8 = (value: string) => Number(value);
const pgTypes = {
  // Asked for every field of every result: hand out one parser, not a new closure each time.
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID) return parseInt8;
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads do not accept a union format
    return pg.types.getTypeParser(oid, format as any);
  },
};

function openPostgres(target: Extract<DbTarget, { kind: "postgres" }>): Store {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    types: pgTypes,
    max: 10,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { dialect: "postgres", db, close: () => db.destroy() };
}

/**
 * The advisory lock under which schemas of one PostgreSQL database are created, migrated (and, by
 * the tests, dropped). Processes starting together (two `gala serve`, a CLI beside a server)
 * would otherwise race: two `create schema if not exists` can both try to create it, and the
 * migrator lists the tables of every schema while another schema may be mid-drop.
 */
export const MIGRATION_LOCK_KEY = 20240209;

async function migrationTurn(store: Store, work: () => Promise<void>): Promise<void> {
  await store.db.connection().execute(async (session) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(session);
    try {
      await work();
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(session);
    }
  });
}

async function currentSchema(store: Store): Promise<string> {
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(store.db);
  return rows[0]?.s ?? "public";
}

async function migrate(
  store: Store,
  schema: string | undefined,
  upTo: string | undefined,
): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider({ dialect: store.dialect }),
    // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await (upTo === undefined
    ? migrator.migrateToLatest()
    : migrator.migrateTo(upTo));
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "(unknown)";
    throw new MigrationError(`migration ${failed} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
