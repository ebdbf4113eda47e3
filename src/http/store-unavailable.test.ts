/**
 * A database that cannot take writes — read-only (SQLite's query_only, a PostgreSQL session whose
 * transactions are read-only) or out of space (SQLite's max_page_count) — answers 503 with a
 * code, logs the real cause, and shows in `/readyz`; `/healthz` and reads go on.
 */
import { Writable } from "node:stream";
import { sql } from "kysely";
import pg from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshApi, type TestApi } from "../../test/support/api.js";
import { postgresUrl, schemaLocked } from "../../test/support/stores.js";
import { validMerchant } from "../domain/eligibility/fixtures.js";
import { openTarget, type Store } from "../store/open.js";
import { StoreReadiness } from "./readiness.js";
import { buildServer } from "./server.js";

/** Log lines the server wrote, parsed. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

/** `notes` (kept as sent) of 100,000 characters fills overflow pages of its own. */
const merchants = (n: number, notes = 0) =>
  Array.from({ length: n }, (_, i) => ({
    ...validMerchant(`m${i}`),
    ...(notes > 0 ? { notes: "备注".repeat(notes) } : {}),
  }));

describe("a SQLite store that cannot take writes", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await freshApi("sqlite");
  });

  const put = (n: number) =>
    api.call("platform", "PUT", "/api/v1/facts/merchants", { merchants: merchants(n) });

  it("read-only: writes answer 503 store_read_only, /readyz says so, reads and /healthz go on", async () => {
    expect((await put(1)).statusCode).toBe(200);
    expect((await api.call(null, "GET", "/readyz")).json()).toEqual({
      ready: true,
      store: "sqlite",
    });
    await sql`pragma query_only = 1`.execute(api.ctx.store.db);
    try {
      const refused = await put(5);
      expect(refused.statusCode).toBe(503);
      expect(refused.headers["retry-after"]).toBe("5");
      expect(refused.json()).toEqual({
        error: {
          code: "store_read_only",
          message: expect.stringContaining("read-only"),
          requestId: expect.any(String),
        },
      });
      const ready = await api.call(null, "GET", "/readyz");
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        ready: false,
        store: "sqlite",
        error: { code: "store_read_only" },
      });
      expect((await api.call(null, "GET", "/healthz")).statusCode).toBe(200);
      expect((await api.call("platform", "GET", "/api/v1/merchants/m0")).statusCode).toBe(200);
    } finally {
      await sql`pragma query_only = 0`.execute(api.ctx.store.db);
    }
    expect((await api.call(null, "GET", "/readyz")).statusCode).toBe(200);
    expect((await put(5)).statusCode).toBe(200);
  });

  it("full: answers 503 store_full, and /readyz says so", async () => {
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(api.ctx.store.db);
    await sql.raw(`pragma max_page_count = ${pages.rows[0]!.page_count}`).execute(api.ctx.store.db);
    try {
      const full = await put(2000);
      expect(full.statusCode).toBe(503);
      expect(full.json().error.code).toBe("store_full");
      const ready = await api.call(null, "GET", "/readyz");
      expect(ready.statusCode).toBe(503);
      expect(ready.json().error.code).toBe("store_full");
    } finally {
      await sql`pragma max_page_count = 4294967294`.execute(api.ctx.store.db);
    }
  });

  it("logs the cause of a refused write with the request id", async () => {
    const app = await freshApi("sqlite");
    const { logger, lines } = capturedLogger();
    const server = await buildServer({
      store: app.ctx.store,
      clock: app.clock,
      campaigns: app.ctx.campaigns,
      logger,
    });
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(app.ctx.store.db);
    await sql.raw(`pragma max_page_count = ${pages.rows[0]!.page_count}`).execute(app.ctx.store.db);
    const res = await server.inject({
      method: "PUT",
      url: "/api/v1/facts/merchants",
      headers: { authorization: `Bearer ${app.tokens.platform}`, "x-request-id": "full-1" },
      payload: { merchants: merchants(1, 100_000) },
    });
    expect(res.statusCode).toBe(503);
    const logged = lines.find((l) => l.reqId === "full-1" && l.level === 50);
    expect(logged).toMatchObject({
      store: { code: "store_full", cause: expect.stringContaining("SQLITE_FULL") },
      err: { message: "database or disk is full" },
    });
    expect(JSON.stringify(lines)).not.toContain("cannot rollback");
  });

  it("stays unready for a while after a full disk, then tries again", async () => {
    let now = 0;
    const readiness = new StoreReadiness(api.ctx.store, pino({ level: "silent" }), () => now, 1000);
    expect((await readiness.check()).ready).toBe(true);
    readiness.failed({ code: "store_full", cause: "SQLITE_FULL: database or disk is full" });
    now = 999;
    expect(await readiness.check()).toMatchObject({ ready: false, error: { code: "store_full" } });
    now = 1000;
    expect((await readiness.check()).ready).toBe(true);
    readiness.failed({ code: "store_read_only", cause: "seen by the probe instead" });
    expect((await readiness.check()).ready).toBe(true);
  });
});

const pgDescribe = postgresUrl ? describe : describe.skip;

pgDescribe("a PostgreSQL store whose sessions are read-only", () => {
  const role = `gala_ro_${process.pid}_${Date.now().toString(36)}`;
  const schema = `t_${role}`;
  let store: Store;
  let api: TestApi;

  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  /** New sessions of the role get `on`; the server's open ones are ended, so it reconnects. */
  const readOnly = async (on: boolean) => {
    await admin(
      on
        ? `alter role ${role} set default_transaction_read_only = on`
        : `alter role ${role} reset default_transaction_read_only`,
    );
    await admin(`select pg_terminate_backend(pid) from pg_stat_activity where usename = '${role}'`);
  };
  /** /readyz until it answers `status` (the first probes may meet an ended session). */
  const readyzUntil = async (status: number) => {
    for (let i = 0; i < 100; i++) {
      const res = await api.call(null, "GET", "/readyz");
      if (
        res.statusCode === status &&
        (status === 200 || res.json().error.code === "store_read_only")
      ) {
        return res;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`/readyz never answered ${status}`);
  };

  beforeAll(async () => {
    await admin(`create role ${role} login`);
    await admin(`grant create on database ${new URL(postgresUrl!).pathname.slice(1)} to ${role}`);
    const url = new URL(postgresUrl!);
    url.username = role;
    store = await openTarget({ kind: "postgres", connectionString: url.toString(), schema });
    api = await freshApi("postgres", undefined, store);
  });
  afterAll(async () => {
    await store?.close();
    await schemaLocked(postgresUrl!, async (client) => {
      await client.query(`drop schema if exists ${schema} cascade`);
    });
    await admin(`drop owned by ${role}`);
    await admin(`drop role if exists ${role}`);
  });

  it("answers writes 503 store_read_only and /readyz 503 until the sessions may write again", async () => {
    const put = (id: string) =>
      api.call("platform", "PUT", "/api/v1/facts/merchants", { merchants: [validMerchant(id)] });
    expect((await put("m1")).statusCode).toBe(200);
    await readOnly(true);
    const ready = await readyzUntil(503);
    expect(ready.json()).toMatchObject({
      ready: false,
      store: "postgres",
      error: { code: "store_read_only" },
    });
    const refused = await put("m2");
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe("store_read_only");
    expect((await api.call(null, "GET", "/healthz")).statusCode).toBe(200);
    expect((await api.call("platform", "GET", "/api/v1/merchants/m1")).statusCode).toBe(200);

    await readOnly(false);
    expect((await readyzUntil(200)).json()).toEqual({ ready: true, store: "postgres" });
    // The pool may still hand out a session ended above once: the client retries as told.
    let again = await put("m2");
    if (again.statusCode === 503) again = await put("m2");
    expect(again.statusCode).toBe(200);
  });
});
