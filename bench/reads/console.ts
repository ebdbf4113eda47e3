/**
 * The console's reads with 1,000,000 orders (issue 17, "Reads": p99 < 50 ms on SQLite and
 * PostgreSQL). A store of its own per database: the reference campaign, 1,000 merchants with
 * facts, 5,000 products registered and waiting for review, and N orders with the decisions the
 * engine takes on such a campaign (a late shipment and its claim on ~5 %, an instant refund on
 * ~6 %), written straight into the tables (through the engine a million orders would take minutes
 * and measure ingestion), then counted into `ff_counts` as migration 0014 counts a store. Then `gala serve` on it, and each read under a steady load of a few
 * operators (8 connections; the console is not the channel), the latencies recorded.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { sql } from "kysely";
import { CampaignCatalog } from "../../src/app/campaigns/catalog.js";
import { FixedClock } from "../../src/app/clock.js";
import { upsertMerchants, upsertProducts } from "../../src/app/facts/upsert.js";
import { registerProducts } from "../../src/app/registration/register.js";
import { createToken } from "../../src/app/tokens.js";
import { validMerchant, validProduct } from "../../src/domain/eligibility/fixtures.js";
import type { OrderRecord } from "../../src/domain/fulfilment/index.js";
import { openStore } from "../../src/store/index.js";
import { recountCampaign } from "../../src/store/repos/fulfilment/counts.js";
import { DECISION_COLUMNS } from "../../src/store/repos/fulfilment/log.js";
import { ORDER_FIELDS, orderRow } from "../../src/store/repos/fulfilment/orders.js";
import { insertRows, isPostgres } from "../../src/store/repos/fulfilment/rows.js";

const HOUR = 3_600_000;
const CAMPAIGN = "spring-festival-2024";
const START = Date.parse("2024-02-09T00:00:00+08:00");

/** A few operators at once: the console is not the channel. */
export const CONSOLE_CONNECTIONS = 8;

export interface ConsoleRead {
  name: string;
  path: string;
}

export interface ConsoleResult {
  name: string;
  p50: number;
  p99: number;
  rps: number;
  errors: number;
}

/** Seeds the store at `url`; answers an operator token. */
export async function seedConsole(
  url: string,
  campaignFile: string,
  orders: number,
  now: number,
  log: (line: string) => void,
): Promise<string> {
  const store = await openStore(url);
  try {
    const clock = new FixedClock(now);
    const campaigns = new CampaignCatalog(store);
    const loaded = await campaigns.load(
      readFileSync(campaignFile, "utf8"),
      campaignFile,
      "bench",
      now,
      "if_new",
    );
    if (!loaded.ok) throw new Error("the reference campaign does not load");
    const ctx = { store, clock, campaigns };
    // Registered inside the registration window, so they wait in the review queue.
    const registering = { ...ctx, clock: new FixedClock(Date.parse("2024-01-20T10:00:00+08:00")) };
    const merchants = 1_000;
    await upsertMerchants(
      ctx,
      Array.from({ length: merchants }, (_, m) => validMerchant(`cm${m}`)) as never,
    );
    // Five products each for the first 1,000 merchants' review queue.
    for (let m = 0; m < merchants; m++) {
      const products = Array.from({ length: 5 }, (_, p) => validProduct(`cm${m}-p${p}`, `cm${m}`));
      const r = await upsertProducts(ctx, products as never);
      if (!r.ok) throw new Error(r.failure.message);
      const registered = await registerProducts(
        registering,
        { role: "merchant", id: `bench-cm${m}`, merchantId: `cm${m}` } as never,
        {
          campaignId: CAMPAIGN,
          merchantId: `cm${m}`,
          items: products.map((_, p) => ({ productId: `cm${m}-p${p}` })),
        },
      );
      if (!registered.ok) throw new Error(registered.failure.message);
    }
    log(`seeded ${merchants} merchants and ${merchants * 5} registrations`);
    const t0 = performance.now();
    const db = store.db;
    const span = 8 * 24 * HOUR;
    // The rows as the engine's write path lays them out (orderRow: the record, then the derived
    // columns the reads use), so the seed cannot drift from the schema.
    const orderColumns = ["campaign_id", ...ORDER_FIELDS, "updated_at"] as const;
    const CHUNK = 5_000;
    for (let from = 0; from < orders; from += CHUNK) {
      const rows: unknown[][] = [];
      const decisions: unknown[][] = [];
      for (let i = from; i < Math.min(orders, from + CHUNK); i++) {
        const m = i % merchants;
        const orderId = `co${i}`;
        const paidAt = START + Math.floor((i / orders) * span);
        const due = paidAt + 48 * HOUR;
        const r = (i * 2_654_435_761) % 100;
        const late = r < 5;
        const refunded = r >= 5 && r < 11;
        const open = due > now && r >= 11 && r < 20;
        const shippedAt = late ? due + 5 * HOUR : refunded || open ? null : paidAt + 6 * HOUR;
        const pickedUp = shippedAt === null ? null : shippedAt + 4 * HOUR;
        const amount = 990 + (i % 40_000);
        const record: OrderRecord = {
          orderId,
          merchantId: `cm${m}`,
          productId: `cm${m}-p${i % 5}`,
          amountFen: amount,
          buyerId: `b${i}`,
          buyerRisk: "normal",
          paidAt,
          campaign: true,
          shipDueAt: due,
          shippedAt,
          trackingNo: shippedAt === null ? null : `T${i}`,
          carrier: shippedAt === null ? null : "SF",
          pickedUpAt: pickedUp,
          deliveredAt: pickedUp === null ? null : pickedUp + 24 * HOUR,
          refunds: refunded
            ? [
                {
                  refundId: `r${i}`,
                  at: paidAt + HOUR,
                  amountFen: amount,
                  kind: "refund_only",
                  decided: "approved",
                },
              ]
            : [],
          waived: [],
          violation: late ? "late_shipment" : null,
          violationAt: late ? due : null,
          revoked: [],
          claim: late ? { kind: "late_shipment", status: "paid", amountFen: 500 } : null,
          intercepts: 0,
          nextKey: open ? 2 * due + 1 : null,
        };
        rows.push([CAMPAIGN, ...orderRow(record, 24 * HOUR), now]);
        const body = (d: object) => JSON.stringify(d);
        if (late) {
          const v = {
            type: "violation.recorded",
            orderId,
            merchantId: `cm${m}`,
            kind: "late_shipment",
          };
          decisions.push([
            CAMPAIGN,
            `violation:${orderId}:late_shipment`,
            null,
            v.type,
            due,
            orderId,
            `cm${m}`,
            `cm${m}-p${i % 5}`,
            "late_shipment",
            null,
            body(v),
            now,
          ]);
          const c = { type: "claim.paid", orderId, amountFen: 500, kind: "late_shipment" };
          decisions.push([
            CAMPAIGN,
            `claim:${orderId}:late_shipment`,
            null,
            c.type,
            due,
            orderId,
            `cm${m}`,
            null,
            "late_shipment",
            500,
            body(c),
            now,
          ]);
        }
        if (refunded) {
          const d = {
            type: "refund.approved",
            orderId,
            refundId: `r${i}`,
            amountFen: amount,
            instant: true,
          };
          decisions.push([
            CAMPAIGN,
            `refund:${orderId}:r${i}`,
            null,
            d.type,
            paidAt + HOUR,
            orderId,
            `cm${m}`,
            null,
            null,
            amount,
            body(d),
            now,
          ]);
        }
      }
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, { table: "ff_orders", columns: orderColumns }, rows);
        await insertRows(trx, { table: "ff_decisions", columns: DECISION_COLUMNS }, decisions);
      });
    }
    log(
      `seeded ${orders.toLocaleString("en-US")} orders in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    // Written past the engine, so counted afresh as migration 0014 counts a store it finds.
    const t1 = performance.now();
    await recountCampaign(db, CAMPAIGN, loaded.loaded.campaign.timeZone);
    log(`counted them in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
    // PostgreSQL plans by its statistics, which a bulk load leaves stale until autovacuum comes
    // by (a minute or so later), and the recount above leaves the counts' old rows dead until it
    // vacuums them: done now, so the run measures a store in service (this machine's PostgreSQL
    // runs with autovacuum off).
    if (isPostgres(db)) await sql`vacuum analyze`.execute(db);
    const token = await createToken(db, { role: "operator", merchantId: null }, now);
    if (!token.ok) throw new Error(token.failure.message);
    return token.value.secret;
  } finally {
    await store.close();
  }
}

export const CONSOLE_READ_PATHS = (c = CAMPAIGN): ConsoleRead[] => [
  {
    name: "orders to triage, first page (all states, with counts)",
    path: `/api/v1/campaigns/${c}/orders/triage?limit=50`,
  },
  {
    name: "orders to ship, first page",
    path: `/api/v1/campaigns/${c}/orders/triage?state=to_ship&limit=50`,
  },
  { name: "orders, first page by payment", path: `/api/v1/campaigns/${c}/orders?limit=50` },
  {
    name: "one merchant's orders",
    path: `/api/v1/campaigns/${c}/merchants/cm7/orders/triage?limit=50`,
  },
  { name: "decisions, first page", path: `/api/v1/campaigns/${c}/decisions?limit=50` },
  {
    name: "one merchant's decisions",
    path: `/api/v1/campaigns/${c}/merchants/cm7/decisions?limit=50`,
  },
  { name: "review queue, first page", path: `/api/v1/campaigns/${c}/review-queue?limit=50` },
  { name: "dashboard", path: `/api/v1/campaigns/${c}/dashboard` },
  { name: "fulfilment totals", path: `/api/v1/campaigns/${c}/fulfilment/totals` },
];

/** Each read under CONSOLE_CONNECTIONS for `seconds`, after one request that must answer 200. */
export async function measureConsoleReads(
  base: string,
  token: string,
  seconds: number,
  log: (line: string) => void,
): Promise<ConsoleResult[]> {
  const out: ConsoleResult[] = [];
  const headers = { authorization: `Bearer ${token}` };
  for (const read of CONSOLE_READ_PATHS()) {
    const first = await fetch(`${base}${read.path}`, { headers });
    if (first.status !== 200)
      throw new Error(`${read.path}: ${first.status} ${await first.text()}`);
    const r = await autocannon({
      url: `${base}${read.path}`,
      connections: CONSOLE_CONNECTIONS,
      duration: seconds,
      headers,
    } as never);
    out.push({
      name: read.name,
      p50: r.latency.p50,
      p99: r.latency.p99,
      rps: r.requests.average,
      errors: r.errors + r.non2xx,
    });
    log(
      `${read.name}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${Math.round(r.requests.average)} req/s`,
    );
  }
  return out;
}

export function startServe(root: string, db: string, clock: string, extra: string[] = []) {
  const child = spawn(
    join(root, "bin/gala"),
    [
      "serve",
      "--db",
      db,
      "--port",
      "0",
      "--log-level",
      "warn",
      "--clock",
      clock,
      "--clock-speed",
      "0",
      ...extra,
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let text = "";
  return new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    const seen = (d: Buffer) => {
      text += d.toString();
      const m = /serving at http:\/\/[^:]+:(\d+)/.exec(text);
      if (m) resolve({ child, port: Number(m[1]) });
    };
    child.stdout!.on("data", seen);
    child.stderr!.on("data", seen);
    child.once("exit", (code) => reject(new Error(`gala serve exited ${code}: ${text}`)));
  });
}
