/** A server's commits synced off the event loop: nothing handed back before its sync. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeFailure } from "./failure.js";
import { openStore, type Store } from "./open.js";
import { WalSync } from "./sqlite-durable.js";

/**
 * A flush the test finishes (or fails) by hand once `held` (before that, at once), counting how
 * many were begun while held.
 */
function heldFlush() {
  const pending: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  let held = false;
  return {
    flush: () =>
      held
        ? new Promise<void>((resolve, reject) => {
            pending.push({ resolve, reject });
          })
        : Promise.resolve(),
    hold() {
      held = true;
    },
    get begun() {
      return pending.length;
    },
    /** Finishes the oldest unfinished flush. */
    finish(error?: Error) {
      const next = pending.find((p) => !("done" in p));
      if (!next) throw new Error("no flush is running");
      Object.assign(next, { done: true });
      if (error) next.reject(error);
      else next.resolve();
    },
  };
}

/** Whether `promise` has settled after the current microtasks (and a macrotask) ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await new Promise((r) => setImmediate(r));
  return done;
}

describe("WalSync", () => {
  it("covers a write only with a sync begun after it, and shares syncs between writes", async () => {
    const f = heldFlush();
    f.hold();
    const sync = new WalSync(f.flush);
    const first = sync.durable(sync.wrote());
    expect(f.begun).toBe(1);
    // Made while the first sync runs: that sync may have missed them.
    const second = sync.durable(sync.wrote());
    const third = sync.durable(sync.wrote());
    expect(f.begun).toBe(1);
    f.finish();
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(false);
    // One sync for both.
    expect(f.begun).toBe(2);
    f.finish();
    await Promise.all([second, third]);
    // Nothing written since: on disk already.
    expect(await settled(sync.durable(sync.latest))).toBe(true);
    expect(f.begun).toBe(2);
  });

  it("fails every later wait once a sync failed, as a store that is unavailable", async () => {
    const f = heldFlush();
    f.hold();
    const sync = new WalSync(f.flush);
    const waiting = sync.durable(sync.wrote());
    const next = sync.durable(sync.wrote());
    f.finish(Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" }));
    await expect(waiting).rejects.toThrow(/could not be synced to disk/);
    await expect(next).rejects.toThrow(/restart the server/);
    const later = sync.durable(sync.wrote());
    await expect(later).rejects.toThrow(/could not be synced/);
    expect(f.begun).toBe(1);
    const error = await later.catch((e: unknown) => e);
    expect(storeFailure(error)?.code).toBe("store_unavailable");
  });
});

describe("a server's SQLite store", () => {
  let dir: string;
  let store: Store | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "gala-durable-"));
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A server's store with table `t`, its syncs held from now on. */
  async function open(f: ReturnType<typeof heldFlush>) {
    store = await openStore(`sqlite:${join(dir, "server.db")}`, {
      backgroundCheckpoints: true,
      walFlush: f.flush,
    });
    await sql`create table t (id integer primary key)`.execute(store.db);
    f.hold();
    return store;
  }
  const ids = async (s: Store) =>
    (await sql<{ id: number }>`select id from t order by id`.execute(s.db)).rows.map((r) => r.id);

  it("answers a transaction after its sync, with the connection free meanwhile", async () => {
    const f = heldFlush();
    const s = await open(f);
    const first = s.db.transaction().execute(async (trx) => {
      await sql`insert into t (id) values (1)`.execute(trx);
    });
    expect(await settled(first)).toBe(false);
    expect(f.begun).toBe(1);
    // The next transaction runs and commits while the first one's sync is on the disk.
    const second = s.db.transaction().execute(async (trx) => {
      await sql`insert into t (id) values (2)`.execute(trx);
    });
    expect(await settled(second)).toBe(false);
    expect(await ids(s)).toEqual([1, 2]);
    f.finish();
    expect(await settled(first)).toBe(true);
    // Committed during the first sync: the second needs the next one.
    expect(await settled(second)).toBe(false);
    f.finish();
    await second;
  });

  it("syncs an autocommit write before handing back its result, and never a read", async () => {
    const f = heldFlush();
    const s = await open(f);
    const write = sql`insert into t (id) values (3)`.execute(s.db);
    expect(await settled(write)).toBe(false);
    expect(f.begun).toBe(1);
    f.finish();
    await write;
    await sql`select * from t`.execute(s.db);
    // A transaction that changed nothing needs no sync of its own.
    await s.db.transaction().execute(async (trx) => {
      await sql`select * from t`.execute(trx);
    });
    expect(f.begun).toBe(1);
  });

  it("never rolls back another transaction when a sync after a commit fails", async () => {
    const f = heldFlush();
    const s = await open(f);
    const first = s.db.transaction().execute(async (trx) => {
      await sql`insert into t (id) values (1)`.execute(trx);
    });
    let goOn: () => void = () => {};
    const paused = new Promise<void>((r) => {
      goOn = r;
    });
    // Holds the connection (mid-transaction) when the first commit's sync fails.
    const second = s.db.transaction().execute(async (trx) => {
      await sql`insert into t (id) values (2)`.execute(trx);
      await paused;
      await sql`insert into t (id) values (3)`.execute(trx);
    });
    await settled(second);
    f.finish(new Error("EIO"));
    await expect(first).rejects.toThrow(/could not be synced/);
    goOn();
    // Committed, but never reported on disk.
    await expect(second).rejects.toThrow(/could not be synced/);
    expect(await ids(s)).toEqual([1, 2, 3]);
  });

  it("runs at synchronous NORMAL and keeps what it answered across a reopen", async () => {
    const file = join(dir, "kept.db");
    const server = await openStore(`sqlite:${file}`, { backgroundCheckpoints: true });
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(server.db);
    expect(rows[0]!.synchronous).toBe(1);
    expect(server.walSync).toBeDefined();
    await sql`create table t (id integer primary key)`.execute(server.db);
    await server.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 10; i++) await sql`insert into t (id) values (${i})`.execute(trx);
    });
    await sql`insert into t (id) values (10)`.execute(server.db);
    await server.close();
    const again = new SQLite(file, { readonly: true });
    expect(again.prepare("select count(*) as n from t").get()).toEqual({ n: 11 });
    again.close();
    // A command's store keeps SQLite's FULL sync inside each commit.
    const command = await openStore(`sqlite:${file}`);
    const plain = await sql<{ synchronous: number }>`pragma synchronous`.execute(command.db);
    expect(plain.rows[0]!.synchronous).toBe(2);
    expect(command.walSync).toBeUndefined();
    await command.close();
  });
});
