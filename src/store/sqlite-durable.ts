/**
 * Durable commits for a server's SQLite file without blocking the event loop on the fsync.
 *
 * With `synchronous = FULL` SQLite fsyncs the WAL inside every commit; better-sqlite3 is
 * synchronous, so the server's only thread waited on the disk (~28 % of its wall time under the
 * channel's refunds, bench:events) instead of reading and answering other requests. A server's
 * connection runs with `synchronous = NORMAL` instead (a commit only writes the WAL) and, after
 * every statement that ends outside a transaction having written (a COMMIT, an autocommit
 * write), waits for an `fdatasync` of the WAL file on libuv's thread pool before Kysely hands the
 * result back. So nothing is answered before it is on disk, as before; while the disk works the
 * event loop parses, answers and serves the venue from memory.
 *
 * The connection stays held by the statement that is syncing (Kysely's SQLite driver has one
 * connection behind a mutex), so no other statement runs between a commit and its sync.
 */
import { open } from "node:fs/promises";
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from "kysely";

/** Flushes the WAL file's data to disk. */
export type WalSync = () => Promise<void>;

/** An `fdatasync` of `<database>-wal`, opened on first use (SQLite creates it on first write). */
export function walFileSync(databasePath: string): { sync: WalSync; close(): Promise<void> } {
  let handle: ReturnType<typeof open> | undefined;
  return {
    sync: async () => {
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
 * `driver`'s connection, syncing the WAL after each statement that leaves no transaction open
 * and was not a read (`numAffectedRows` is set only for statements run, not read).
 */
export function syncAfterWrites(driver: Driver, inTransaction: () => boolean, sync: WalSync): void {
  const acquire = driver.acquireConnection.bind(driver);
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  driver.acquireConnection = async () => {
    const connection = await acquire();
    let syncing = wrapped.get(connection);
    if (!syncing) {
      syncing = {
        async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
          const result = await connection.executeQuery<R>(query);
          if (result.numAffectedRows !== undefined && !inTransaction()) await sync();
          return result;
        },
        streamQuery: connection.streamQuery.bind(connection),
      };
      wrapped.set(connection, syncing);
    }
    return syncing;
  };
}
