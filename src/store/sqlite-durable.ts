/**
 * Durable commits for a server's SQLite file, with the disk's wait off the event loop and off
 * the connection.
 *
 * With `synchronous = FULL` SQLite fsyncs the WAL inside every COMMIT, and better-sqlite3 is
 * synchronous: the server's one thread waited on the disk (~20 % of its wall time under the
 * channel's refunds, bench:events) and the one connection stayed held meanwhile. A server's
 * connection runs at `synchronous = NORMAL` instead (a COMMIT only writes the WAL; SQLite still
 * syncs it before each checkpoint) and:
 *
 * - a transaction's COMMIT releases the connection at once, then waits for an `fdatasync` of the
 *   WAL begun after it (`WalSync.durable`), on libuv's thread pool; only then does the
 *   transaction's promise resolve, so nothing is answered before it is on disk, as with FULL,
 *   while the next transaction runs beside the sync;
 * - a write outside a transaction (autocommit) waits for such a sync before its result is handed
 *   back, holding the connection (rare; simple);
 * - syncs are shared: every commit made while one runs waits for the next one, which covers all
 *   of them (group commit at the disk).
 *
 * Another transaction may read what a commit wrote before it is on disk; its own answer waits
 * for a later sync, which covers the earlier commit too (the WAL is one file, synced whole).
 * A failed sync is final, as PostgreSQL's PANIC on fsync failure: Linux may drop the unwritten
 * pages and report a later sync clean, so every later wait fails too (503, `store_unavailable`)
 * until the server is restarted and SQLite recovers from what the file really holds.
 */
import { type FileHandle, open } from "node:fs/promises";
import type SQLite from "better-sqlite3";
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from "kysely";

/** Flushes the WAL file's data to disk. */
type Flush = () => Promise<void>;

/** Shared, ordered syncs of the log, and which writes each one covers. */
export class WalSync {
  /** Writes counted so far (each commit that changed rows, each autocommit write). */
  #written = 0;
  /** Every write up to this one is on disk. */
  #synced = 0;
  #running: { covers: number; done: Promise<void> } | undefined;
  #queued: Promise<void> | undefined;
  #failed: Error | undefined;

  constructor(private readonly flush: Flush) {}

  /** A write has been made (committed); its number, for `durable`. */
  wrote(): number {
    return ++this.#written;
  }

  /** The latest write's number: what a commit that changed nothing must still see on disk. */
  get latest(): number {
    return this.#written;
  }

  /** Resolves once write `n` (and every earlier one) is on disk; rejects once a sync failed. */
  durable(n: number): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    if (n <= this.#synced) return Promise.resolve();
    const running = this.#running;
    if (running === undefined) return this.#start();
    if (running.covers >= n) return running.done;
    // The running sync began before this write: the next one covers it, and every write made
    // until it begins.
    this.#queued ??= running.done
      .catch(() => {})
      .then(() => {
        this.#queued = undefined;
        return this.#start();
      });
    return this.#queued;
  }

  /** Waits for the sync in flight, if any (closing). */
  async settled(): Promise<void> {
    await this.#queued?.catch(() => {});
    await this.#running?.done.catch(() => {});
  }

  #start(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    const covers = this.#written;
    const done = this.flush().then(
      () => {
        this.#synced = Math.max(this.#synced, covers);
        if (this.#running?.done === done) this.#running = undefined;
      },
      (error: unknown) => {
        this.#failed = syncFailure(error);
        if (this.#running?.done === done) this.#running = undefined;
        throw this.#failed;
      },
    );
    this.#running = { covers, done };
    return done;
  }
}

/** Classified as the store being unavailable (failure.ts), so the HTTP answer is a 503. */
function syncFailure(error: unknown): Error {
  const failure = new Error(
    `the database's log could not be synced to disk (${String(error)}): nothing written since is known to be on disk; restart the server`,
    { cause: error },
  );
  (failure as Error & { code: string }).code = "SQLITE_IOERR_FSYNC";
  return failure;
}

/** An `fdatasync` of `<database>-wal`, opened on first use (SQLite creates it on first write). */
export function walFileFlush(databasePath: string): { flush: Flush; close(): Promise<void> } {
  let handle: Promise<FileHandle> | undefined;
  return {
    flush: async () => {
      handle ??= open(`${databasePath}-wal`, "r");
      await (await handle).datasync();
    },
    close: async () => {
      const h = handle;
      handle = undefined;
      if (h) await (await h.catch(() => undefined))?.close();
    },
  };
}

/**
 * One acquisition of the single connection: released at COMMIT (before the sync) or at the end,
 * whichever is first, and refusing use after that — the connection is someone else's then.
 */
class Lease implements DatabaseConnection {
  released = false;

  constructor(
    readonly connection: DatabaseConnection,
    private readonly onRelease: () => Promise<void>,
    private readonly afterStatement: (result: QueryResult<unknown>) => Promise<void>,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.released) throw new Error("a statement ran on a released SQLite connection");
    const result = await this.connection.executeQuery<R>(query);
    await this.afterStatement(result);
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.released) throw new Error("a statement ran on a released SQLite connection");
    return this.connection.streamQuery<R>(query, chunkSize);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.onRelease();
  }
}

/**
 * Makes `driver` (Kysely's SQLite driver over `database`, at `synchronous = NORMAL`) durable
 * through `sync`: see the top of this file.
 */
export function syncCommits(driver: Driver, database: SQLite.Database, sync: WalSync): void {
  // Rows changed by this connection since it opened: a COMMIT that leaves it unchanged wrote
  // nothing (a read-only transaction) and needs no sync of its own.
  const totalChanges = database.prepare("select total_changes()").pluck();
  let seenChanges = totalChanges.get() as number;
  const changed = (): boolean => {
    const now = totalChanges.get() as number;
    if (now === seenChanges) return false;
    seenChanges = now;
    return true;
  };
  const acquire = driver.acquireConnection.bind(driver);
  const release = driver.releaseConnection.bind(driver);
  const rollback = driver.rollbackTransaction.bind(driver);

  driver.acquireConnection = async () => {
    const connection = await acquire();
    return new Lease(
      connection,
      () => release(connection),
      async (result) => {
        // An autocommit write (a statement run, not read, with no transaction left open).
        if (result.numAffectedRows === undefined || database.inTransaction || !changed()) return;
        await sync.durable(sync.wrote());
      },
    );
  };
  driver.releaseConnection = (lease) => (lease as Lease).release();
  driver.commitTransaction = async (lease) => {
    const held = lease as Lease;
    await held.connection.executeQuery(CompiledQuery.raw("commit"));
    const n = changed() ? sync.wrote() : sync.latest;
    await held.release();
    await sync.durable(n);
  };
  // After its COMMIT the transaction is over: a failed sync must not roll back whatever
  // transaction holds the connection by then.
  driver.rollbackTransaction = async (lease) => {
    if (!(lease as Lease).released) await rollback(lease);
  };
}
