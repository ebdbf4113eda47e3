/**
 * Runs a store-backed suite on both databases. SQLite gets a temp file per store; PostgreSQL
 * (127.0.0.1:5432, database `test`, trust auth) gets a fresh schema per store, so test files run
 * in parallel without seeing each other. When PostgreSQL is unreachable its half is skipped and
 * says so, unless GALA_REQUIRE_PG=1 (as `.ci/run` sets), which makes the absence a failure.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe } from "vitest";
import { MIGRATION_LOCK_KEY, openTarget, type Store } from "../../src/store/open.js";

export type StoreKind = "sqlite" | "postgres";

const PG_CANDIDATES = process.env.GALA_TEST_PG_URL
  ? [process.env.GALA_TEST_PG_URL]
  : ["postgres://postgres@127.0.0.1:5432/test", "postgres://127.0.0.1:5432/test"];

async function probePostgres(): Promise<{ url: string } | { error: string }> {
  let lastError = "";
  for (const url of PG_CANDIDATES) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("select 1");
      return { url };
    } catch (error) {
      lastError = `${url}: ${(error as Error).message}`;
    } finally {
      await client.end().catch(() => {});
    }
  }
  return { error: lastError };
}

const probe = await probePostgres();
const requirePg = process.env.GALA_REQUIRE_PG === "1";
if ("error" in probe) {
  if (requirePg) {
    throw new Error(`GALA_REQUIRE_PG=1 but PostgreSQL is unreachable (${probe.error})`);
  }
  console.warn(`PostgreSQL unreachable (${probe.error}): PostgreSQL store tests are SKIPPED`);
}

let counter = 0;

/** Where each fresh store's database is, so a test can open a second handle on it. */
const targets = new WeakMap<Store, Parameters<typeof openTarget>[0]>();

/**
 * Another handle on the same database as `store` (another connection or pool, as a second
 * `gala serve` process has): for tests of what one process sees of another's writes. Closed
 * after the file, before the database is removed.
 */
export async function sameDatabase(store: Store): Promise<Store> {
  const target = targets.get(store);
  if (!target) throw new Error("sameDatabase: not a store made by freshStore");
  const other = await openTarget(target);
  cleanups.unshift(() => other.close());
  return other;
}

/** The reachable PostgreSQL URL, or undefined (tests that need it skip, as describeStores does). */
export const postgresUrl: string | undefined = "url" in probe ? probe.url : undefined;

/** Opens a fresh, migrated, empty store of the given kind; closed and removed after the file. */
export async function freshStore(kind: StoreKind): Promise<Store> {
  counter += 1;
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "gala-test-"));
    const target = { kind: "sqlite" as const, path: join(dir, "gala.db") };
    const store = await openTarget(target);
    targets.set(store, target);
    cleanups.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return store;
  }
  if ("error" in probe) throw new Error(`PostgreSQL unreachable: ${probe.error}`);
  const url = probe.url;
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
  // openTarget creates and migrates the schema under the store's migration lock.
  const target = { kind: "postgres" as const, connectionString: url, schema };
  const store = await openTarget(target);
  targets.set(store, target);
  cleanups.push(async () => {
    await store.close();
    await schemaLocked(url, async (admin) => {
      await admin.query(`drop schema if exists ${schema} cascade`);
    });
  });
  return store;
}

/**
 * A fresh store migrated only up to `upTo` (a migration's name), and how to open the same
 * database again with every migration: for testing what a migration does to existing rows.
 * Stores opened either way are closed (and the database removed) after the file.
 */
export async function freshStoreAt(
  kind: StoreKind,
  upTo: string,
): Promise<{ store: Store; reopen: () => Promise<Store> }> {
  counter += 1;
  const opened: Store[] = [];
  const track = (store: Store) => {
    opened.push(store);
    return store;
  };
  const closeAll = async () => {
    for (const s of opened.splice(0)) await s.close().catch(() => {});
  };
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "gala-test-"));
    const target = { kind: "sqlite" as const, path: join(dir, "gala.db") };
    cleanups.push(async () => {
      await closeAll();
      rmSync(dir, { recursive: true, force: true });
    });
    return {
      store: track(await openTarget(target, { upTo })),
      reopen: async () => track(await openTarget(target)),
    };
  }
  if ("error" in probe) throw new Error(`PostgreSQL unreachable: ${probe.error}`);
  const url = probe.url;
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
  const target = { kind: "postgres" as const, connectionString: url, schema };
  cleanups.push(async () => {
    await closeAll();
    await schemaLocked(url, async (admin) => {
      await admin.query(`drop schema if exists ${schema} cascade`);
    });
  });
  return {
    store: track(await openTarget(target, { upTo })),
    reopen: async () => track(await openTarget(target)),
  };
}

/**
 * Dropping a test schema takes its turn with every process creating or migrating one (the
 * store's MIGRATION_LOCK_KEY; `gala serve` processes in tests take it too): Kysely's migrator
 * lists the tables of every schema, and a schema dropped in the middle of that listing fails it
 * ("schema … does not exist"). Never wrap openTarget in it: it takes the same lock itself.
 */
export async function schemaLocked<T>(
  url: string,
  work: (admin: pg.Client) => Promise<T>,
): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    return await work(admin);
  } finally {
    await admin.end(); // ending the session releases the lock
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** `describe` once per database; the PostgreSQL half is skipped (loudly) when it is unreachable. */
export function describeStores(name: string, body: (kind: StoreKind) => void): void {
  describe(`${name} [sqlite]`, () => body("sqlite"));
  const pgDescribe = "error" in probe ? describe.skip : describe;
  pgDescribe(`${name} [postgres]`, () => body("postgres"));
}
