/** Commits synced off the event loop: nothing written is handed back before its sync. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { type CompiledQuery, type DatabaseConnection, type Driver, sql } from "kysely";
import { expect, it } from "vitest";
import { openStore } from "./open.js";
import { syncAfterWrites } from "./sqlite-durable.js";

/** A driver whose one connection answers `read` statements with rows and the rest as run. */
function fakeDriver(log: string[]) {
  const connection: DatabaseConnection = {
    async executeQuery(query: CompiledQuery) {
      log.push(query.sql);
      return query.sql.startsWith("select")
        ? { rows: [] }
        : { rows: [], numAffectedRows: BigInt(query.sql.startsWith("insert") ? 1 : 0) };
    },
    // biome-ignore lint/correctness/useYield: never streamed here
    async *streamQuery() {
      throw new Error("not streamed");
    },
  };
  return { acquireConnection: async () => connection } as unknown as Driver;
}

const raw = (text: string) => ({ sql: text, parameters: [] }) as unknown as CompiledQuery;

it("waits for the sync after a commit and an autocommit write, never after reads or inside", async () => {
  const log: string[] = [];
  const driver = fakeDriver(log);
  let inTransaction = false;
  let release: () => void = () => {};
  syncAfterWrites(
    driver,
    () => inTransaction,
    () => {
      log.push("sync");
      return new Promise<void>((r) => {
        release = r;
      });
    },
  );
  const c = await driver.acquireConnection();

  await c.executeQuery(raw("select 1"));
  inTransaction = true;
  await c.executeQuery(raw("begin immediate"));
  await c.executeQuery(raw("insert into t values (1)"));
  inTransaction = false;
  let committed = false;
  const commit = c.executeQuery(raw("commit")).then(() => {
    committed = true;
  });
  await new Promise((r) => setTimeout(r, 10));
  expect(committed).toBe(false);
  release();
  await commit;
  expect(committed).toBe(true);

  const write = c.executeQuery(raw("insert into t values (2)"));
  await new Promise((r) => setTimeout(r, 0));
  release();
  await write;
  await c.executeQuery(raw("select 2"));
  expect(log).toEqual([
    "select 1",
    "begin immediate",
    "insert into t values (1)",
    "commit",
    "sync",
    "insert into t values (2)",
    "sync",
    "select 2",
  ]);
});

it("runs a server's store at synchronous NORMAL, its writes kept across a reopen", async () => {
  const dir = mkdtempSync(join(tmpdir(), "gala-durable-"));
  try {
    const file = join(dir, "server.db");
    const store = await openStore(`sqlite:${file}`, { backgroundCheckpoints: true });
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
    expect(rows[0]!.synchronous).toBe(1);
    await sql`create table t (id integer primary key)`.execute(store.db);
    await store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 10; i++) await sql`insert into t (id) values (${i})`.execute(trx);
    });
    await sql`insert into t (id) values (10)`.execute(store.db);
    await store.close();
    const again = new SQLite(file, { readonly: true });
    expect(again.prepare("select count(*) as n from t").get()).toEqual({ n: 11 });
    again.close();
    // A command's store keeps SQLite's FULL sync.
    const command = await openStore(`sqlite:${file}`);
    const plain = await sql<{ synchronous: number }>`pragma synchronous`.execute(command.db);
    expect(plain.rows[0]!.synchronous).toBe(2);
    await command.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
