/**
 * SQLite settings and a prepared-statement cache shared by the server and the benchmark floor.
 *
 * Kysely prepares every statement it runs; a bulk call runs the same few statements (a slice of
 * rows per INSERT, an IN-list per lookup) many times, and preparing a 9,000-parameter INSERT
 * costs about as much as running it. better-sqlite3 statements are reusable and re-prepare
 * themselves after a schema change, and the Kysely SQLite driver runs one query at a time, so a
 * statement is never in use twice.
 */
import type SQLite from "better-sqlite3";

/** How long a statement waits for another connection's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/** WAL: readers (a second `gala` process) work beside the writer. busy_timeout: wait, don't fail. */
export const SQLITE_PRAGMAS = [
  "journal_mode = WAL",
  // The driver's default, stated: a commit is fsynced before it returns, so a batch is on disk
  // before its answer. NORMAL would answer from the OS's cache (a power cut could lose it).
  "synchronous = FULL",
  `busy_timeout = ${BUSY_TIMEOUT_MS}`,
  "foreign_keys = ON",
  // 64 MiB of page cache: bulk registration touches several indexes of large tables.
  "cache_size = -65536",
  // Checkpoint every 4,000 WAL pages (16 MiB) rather than SQLite's 1,000: a checkpoint writes
  // each page once however often it changed since the last one, and the event path rewrites the
  // same order and index pages batch after batch (bench:events, RESULTS.md: stop 9).
  "wal_autocheckpoint = 4000",
] as const;

export function applyPragmas(database: SQLite.Database): void {
  for (const pragma of SQLITE_PRAGMAS) database.pragma(pragma);
}

export function cachingStatements(database: SQLite.Database, max = 256) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string): SQLite.Statement {
      let statement = cache.get(sql);
      if (statement) {
        // Map order is insertion order: re-inserting keeps the most recent last.
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
    close(): void {
      cache.clear();
      database.close();
    },
  };
}
