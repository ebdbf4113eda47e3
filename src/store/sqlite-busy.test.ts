/** A server's SQLite connection waits for another's write lock by timer, never asleep in SQLite. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type Store } from "./open.js";
import { retryWhileBusy } from "./sqlite-busy.js";

let dir: string;
let path: string;
let store: Store;
/** Another connection to the file: a checkpoint's RESTART, or a second process. */
let other: SQLite.Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "gala-busy-"));
  path = join(dir, "server.db");
  store = await openStore(`sqlite:${path}`, { backgroundCheckpoints: true });
  await sql`create table t (n integer)`.execute(store.db);
  other = new SQLite(path);
});

afterEach(async () => {
  if (other.inTransaction) other.exec("rollback");
  other.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `other` holds the write lock for `ms`. */
function holdWriteLock(ms: number): Promise<void> {
  other.exec("begin immediate");
  return new Promise((resolve) =>
    setTimeout(() => {
      other.exec("commit");
      resolve();
    }, ms),
  );
}

/** The work's result, and how many 1 ms timers the event loop ran meanwhile. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    return { result: await work, ticks };
  } finally {
    clearInterval(timer);
  }
}

const rows = async () => (await sql<{ n: number }>`select n from t`.execute(store.db)).rows;

describe("a server's connection beside another connection's write lock", () => {
  it("begins its transaction once the lock is free, the event loop running meanwhile", async () => {
    const released = holdWriteLock(60);
    const started = performance.now();
    const { ticks } = await ticksDuring(
      store.db.transaction().execute(async (trx) => {
        await sql`insert into t (n) values (1)`.execute(trx);
      }),
    );
    await released;
    // It waited for the lock, and timers ran meanwhile: SQLite's busy handler would have slept
    // the thread through them.
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(ticks).toBeGreaterThan(10);
    expect(await rows()).toEqual([{ n: 1 }]);
  });

  it("waits the same way with a write outside a transaction", async () => {
    const released = holdWriteLock(40);
    const { ticks } = await ticksDuring(sql`insert into t (n) values (2)`.execute(store.db));
    await released;
    expect(ticks).toBeGreaterThan(5);
    expect(await rows()).toEqual([{ n: 2 }]);
  });

  it("has no busy timeout of its own (SQLite would sleep in it)", async () => {
    const timeout = await sql<Record<string, number>>`pragma busy_timeout`.execute(store.db);
    expect(Object.values(timeout.rows[0]!)).toEqual([0]);
  });
});

describe("retryWhileBusy", () => {
  const busy = () => Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });

  it("gives up after the timeout with SQLite's own error", async () => {
    let tries = 0;
    const started = performance.now();
    const failure = await retryWhileBusy(
      async () => {
        tries++;
        throw busy();
      },
      () => true,
      30,
    ).catch((e: unknown) => e);
    expect((failure as { code: string }).code).toBe("SQLITE_BUSY");
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    expect(tries).toBeGreaterThan(1);
  });

  it("tries once when the failure is not a busy database, or a transaction is open", async () => {
    for (const [error, retryable] of [
      [Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" }), true],
      [busy(), false],
    ] as const) {
      let tries = 0;
      const failure = await retryWhileBusy(
        async () => {
          tries++;
          throw error;
        },
        () => retryable,
      ).catch((e: unknown) => e);
      expect(failure).toBe(error);
      expect(tries).toBe(1);
    }
  });

  it("answers with the statement's result once it goes through", async () => {
    let tries = 0;
    const result = await retryWhileBusy(
      async () => {
        if (++tries < 3) throw busy();
        return "done";
      },
      () => true,
    );
    expect([result, tries]).toEqual(["done", 3]);
  });
});
