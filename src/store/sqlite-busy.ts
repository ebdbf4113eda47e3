/**
 * A server's SQLite connection waits for another connection's write lock by timer, never asleep.
 *
 * SQLite waits out a busy database in its busy handler, which sleeps the calling thread between
 * tries (1, 2, 5, 10, 15 … ms). On a server that thread is the event loop, and the checkpoint
 * thread's RESTART (sqlite-checkpointer.ts) holds the write lock for a few milliseconds while it
 * copies the log's last pages and syncs the file, about once a second under the channel's
 * refunds: at 3,500 refunds/s, 19 BEGINs in 10 s slept 1–9 ms each, and every request in flight
 * waited with them (the open loop's p99, bench:events). So a server's connection has no busy
 * timeout (SQLite answers SQLITE_BUSY at once) and a statement that found the database busy
 * outside a transaction — a BEGIN IMMEDIATE, or an autocommit write — is tried again a
 * millisecond later from a timer: meanwhile the event loop reads the next requests (they join the
 * next transaction) and answers reads. It gives up after `BUSY_TIMEOUT_MS`, as the busy timeout
 * would have, with SQLite's own error. Inside a transaction nothing is retried: it began
 * IMMEDIATE, so it holds the write lock, and a statement that failed there is the caller's to
 * handle.
 */
import type SQLite from "better-sqlite3";
import type { DatabaseConnection, Driver } from "kysely";
import { BUSY_TIMEOUT_MS } from "./sqlite-statements.js";

const RETRY_MS = 1;

/**
 * Runs `statement` until it does not fail for a busy database, or `timeoutMs` passed. `retryable`
 * is asked after each failure: whether the statement left nothing behind (no transaction open).
 */
export async function retryWhileBusy<T>(
  statement: () => Promise<T>,
  retryable: () => boolean,
  timeoutMs: number = BUSY_TIMEOUT_MS,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return await statement();
    } catch (error) {
      if (!isBusy(error) || !retryable() || performance.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/**
 * Turns the connection's busy timeout off and retries its statements as above: for a server's
 * connection (`openStore` with `backgroundCheckpoints`), before `syncCommits` wraps the driver.
 */
export function waitForLocksByTimer(driver: Driver, database: SQLite.Database): void {
  database.pragma("busy_timeout = 0");
  const acquire = driver.acquireConnection.bind(driver);
  const outsideTransaction = () => !database.inTransaction;
  // One connection (Kysely's SQLite driver has one), wrapped once.
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  driver.acquireConnection = async () => {
    const connection = await acquire();
    let retrying = wrapped.get(connection);
    if (retrying === undefined) {
      retrying = {
        executeQuery: (query) =>
          retryWhileBusy(() => connection.executeQuery(query), outsideTransaction),
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
      };
      wrapped.set(connection, retrying);
    }
    return retrying;
  };
}
