/** The WAL checkpointed on a worker thread: bounded, intact, and a safe fallback if it fails. */
import { mkdtempSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openStore } from "./open.js";
import { type CheckpointPass, SqliteCheckpointer } from "./sqlite-checkpointer.js";
import { applyPragmas } from "./sqlite-statements.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "gala-checkpoint-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function database(name = "db.sqlite"): SQLite.Database {
  const db = new SQLite(join(dir, name));
  applyPragmas(db);
  db.exec("create table t (id integer primary key, v text not null)");
  return db;
}

/** Writes `n` transactions of 20 rows of 1 kB each (a few pages per commit). */
function write(db: SQLite.Database, n: number, from = 0): void {
  const insert = db.prepare("insert into t (id, v) values (?, ?)");
  for (let i = 0; i < n; i++) {
    db.transaction(() => {
      for (let j = 0; j < 20; j++) insert.run(from + i * 20 + j, "x".repeat(1_000));
    })();
  }
}

it("turns the connection's automatic checkpoint off and restarts the log past its bound", async () => {
  const db = database();
  const checkpointer = new SqliteCheckpointer(db, { intervalMs: 10, restartFrames: 200 });
  try {
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    write(db, 100);
    // Past the bound: ~700 pages in the log.
    expect(statSync(join(dir, "db.sqlite-wal")).size).toBeGreaterThan(200 * 4_096);
    // Once the worker has copied the log and restarted it, the next writer starts the log over.
    // The latest pass is looked at (under load the worker's reports can queue up).
    let restarted: CheckpointPass | undefined;
    for (let i = 0; i < 500 && !restarted; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const pass = checkpointer.last;
      if (pass?.mode === "RESTART" && pass.busy === 0) write(db, 1, 10_000 + i * 20);
      else if (pass && pass.log < 50) restarted = pass;
    }
    expect(restarted).toBeDefined();
    expect(restarted!.checkpointed).toBe(restarted!.log);
  } finally {
    await checkpointer.stop();
    db.close();
  }
  const again = new SQLite(join(dir, "db.sqlite"));
  const { n } = again.prepare("select count(*) as n from t").get() as { n: number };
  expect(n).toBeGreaterThan(100 * 20);
  expect(again.prepare("select count(*) as n from t where id < 2000").get()).toEqual({ n: 2_000 });
  again.close();
});

it("keeps the log bounded while commits keep coming", async () => {
  const db = database();
  const checkpointer = new SqliteCheckpointer(db, { intervalMs: 2, restartFrames: 300 });
  let most = 0;
  const seen = (p: CheckpointPass) => {
    most = Math.max(most, p.log);
  };
  try {
    for (let round = 0; round < 40; round++) {
      write(db, 10, round * 1_000);
      seen(await checkpointer.nextPass());
    }
    // 40 rounds wrote ~10,000 pages; a log never restarted would hold them all.
    expect(most).toBeLessThan(3_000);
  } finally {
    await checkpointer.stop();
    db.close();
  }
});

it("turns the automatic checkpoint back on when the worker cannot work", async () => {
  const db = database();
  // The worker opens the file by name: moved away, it fails at once.
  renameSync(join(dir, "db.sqlite"), join(dir, "moved.sqlite"));
  const errors: unknown[] = [];
  const checkpointer = new SqliteCheckpointer(db, {
    fallbackAutocheckpoint: 1_234,
    onError: (e) => errors.push(e),
  });
  await vitestWait(() => errors.length > 0);
  expect(errors).toHaveLength(1);
  expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1_234);
  await checkpointer.stop();
  db.close();
});

it("is started by a store opened for a server, and stopped by its close", async () => {
  const url = `sqlite:${join(dir, "store.db")}`;
  const served = await openStore(url, { backgroundCheckpoints: true });
  expect(served.checkpointer).toBeDefined();
  await served.checkpointer!.nextPass();
  await served.close();
  const plain = await openStore(url);
  expect(plain.checkpointer).toBeUndefined();
  await plain.close();
});

it("lets the store's transactions that read, then write, wait out a log restart", async () => {
  const store = await openStore(`sqlite:${join(dir, "busy.db")}`, {
    backgroundCheckpoints: { intervalMs: 1, restartFrames: 20 },
  });
  try {
    await sql`create table t (id integer primary key, v text not null)`.execute(store.db);
    let restarts = 0;
    const counting = (async () => {
      for (let i = 0; i < 400 && restarts < 5; i++) {
        if ((await store.checkpointer!.nextPass()).mode === "RESTART") restarts++;
      }
    })();
    for (let i = 0; i < 300; i++) {
      await store.db.transaction().execute(async (trx) => {
        // A read first: a deferred transaction would now hold a snapshot and fail to write.
        await sql`select count(*) from t`.execute(trx);
        for (let j = 0; j < 10; j++) {
          await sql`insert into t (v) values (${"x".repeat(1_000)})`.execute(trx);
        }
      });
      await new Promise((r) => setImmediate(r));
    }
    await counting;
    expect(restarts).toBeGreaterThan(0);
    const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(store.db);
    expect(rows[0]!.n).toBe(3_000);
  } finally {
    await store.close();
  }
});

async function vitestWait(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
}
