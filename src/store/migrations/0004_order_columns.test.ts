/**
 * Migration 0004 on a database that already has orders: a 0003-era store (orders as JSON records,
 * open deadlines as `ff_obligations` rows) is migrated, and its orders must then read back as the
 * same records, and the sweeper must fire what a store that never saw the old layout fires.
 */
import { readFile } from "node:fs/promises";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { freshApp, REFERENCE_CAMPAIGN } from "../../../test/support/app.js";
import { describeStores, freshStoreAt } from "../../../test/support/stores.js";
import { CampaignCatalog } from "../../app/campaigns/catalog.js";
import { FixedClock } from "../../app/clock.js";
import { ingestEvents } from "../../app/fulfilment/ingest.js";
import { sweepCampaign } from "../../app/fulfilment/sweep.js";
import type { OrderRecord } from "../../domain/fulfilment/index.js";
import { parseInstant } from "../../domain/time/parse.js";
import type { Store } from "../open.js";
import { loadOrders } from "../repos/fulfilment/state.js";
import type { Db } from "../types.js";

const at = (iso: string) => parseInstant(iso)!;
const CAMPAIGN = "spring-festival-2024";

const listed = (productId: string, merchantId: string) => ({
  id: `list-${productId}`,
  type: "product.listed",
  at: "2024-02-09T08:00:00+08:00",
  merchantId,
  productId,
  shippingGuaranteeHours: 24,
});
const paid = (orderId: string, time: string, merchantId = "m1", productId = "p1") => ({
  id: `pay-${orderId}`,
  type: "order.paid",
  at: time,
  orderId,
  merchantId,
  productId,
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: `b-${orderId}`, risk: orderId === "o4" ? "high" : "normal" },
});
const shipped = (orderId: string, time: string) => ({
  type: "order.shipped",
  at: time,
  orderId,
  trackingNo: `T-${orderId}`,
  carrier: "SF",
});

/**
 * o5 misses its ship deadline before the migration (a violation on record); o1 is shipped and
 * picked up; o2 is never shipped (ship deadline open); o3 is refunded (refund ids); o4 is shipped
 * but never picked up (pickup deadline open).
 */
const EVENTS = [
  listed("p1", "m1"),
  listed("p2", "m2"),
  paid("o5", "2024-02-09T09:00:00+08:00"),
  paid("o1", "2024-02-10T09:00:00+08:00"),
  paid("o2", "2024-02-10T09:10:00+08:00"),
  paid("o3", "2024-02-10T09:20:00+08:00", "m2", "p2"),
  paid("o4", "2024-02-10T09:30:00+08:00"),
  shipped("o1", "2024-02-10T12:00:00+08:00"),
  shipped("o4", "2024-02-10T13:00:00+08:00"),
  { type: "order.picked_up", at: "2024-02-10T15:00:00+08:00", orderId: "o1" },
  {
    type: "refund.requested",
    at: "2024-02-10T16:00:00+08:00",
    orderId: "o3",
    refundId: "r3",
    amountFen: 20_000,
    kind: "refund_only",
  },
];

const IDS = ["o1", "o2", "o3", "o4", "o5"];

async function orders(db: Db): Promise<OrderRecord[]> {
  const records = await loadOrders(db, CAMPAIGN, IDS);
  return records.sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
}

/** Rows of a table as plain objects, for copying between stores. */
async function rowsOf(db: Db, table: string): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
    db,
  );
  return rows;
}

async function insertAll(db: Db, table: string, rows: readonly Record<string, unknown>[]) {
  for (const row of rows) {
    const columns = Object.keys(row);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      values (${sql.join(columns.map((c) => row[c]))})`.execute(db);
  }
}

/** Writes the state of `source` (a current store) into `old` as migration 0003 stored it. */
async function writeAs0003(source: Store, old: Store): Promise<void> {
  for (const table of ["ff_clock", "ff_listings", "ff_merchants", "listings"]) {
    // Columns later migrations added (0006: listings.venue_version) are not in 0003's layout.
    const rows = (await rowsOf(source.db, table)).map(({ venue_version: _, ...row }) => row);
    await insertAll(old.db, table, rows);
  }
  const records = await orders(source.db);
  await insertAll(
    old.db,
    "ff_orders",
    records.map((o) => ({
      campaign_id: CAMPAIGN,
      order_id: o.orderId,
      merchant_id: o.merchantId,
      product_id: o.productId,
      amount_fen: o.amountFen,
      paid_at: o.paidAt,
      late: o.violations.includes("late_shipment") ? 1 : 0,
      shipped_at: o.shippedAt,
      picked_up_at: o.pickedUpAt,
      refunded_at: o.refundedAt,
      record: JSON.stringify(o),
      updated_at: 1,
    })),
  );
  await insertAll(
    old.db,
    "ff_obligations",
    records.flatMap((o) => [
      ...(o.shipDueAt === null
        ? []
        : [{ campaign_id: CAMPAIGN, order_id: o.orderId, kind: "ship", due_at: o.shipDueAt }]),
      ...(o.pickupDueAt === null
        ? []
        : [{ campaign_id: CAMPAIGN, order_id: o.orderId, kind: "pickup", due_at: o.pickupDueAt }]),
    ]),
  );
}

describeStores("migration 0004 (orders as columns)", (kind) => {
  it("converts orders and open obligations, and the sweeper then fires as on a fresh store", async () => {
    const before = at("2024-02-10T18:00:00+08:00");
    const fresh = await freshApp(kind, before);
    const r = await ingestEvents(fresh.ctx, EVENTS);
    expect(r.errors).toEqual([]);
    const expected = await orders(fresh.ctx.store.db);
    // What the old layout has to carry: open deadlines of both kinds, refund ids, a violation.
    expect(expected.find((o) => o.orderId === "o2")?.shipDueAt).not.toBeNull();
    expect(expected.find((o) => o.orderId === "o4")?.pickupDueAt).not.toBeNull();
    expect(expected.find((o) => o.orderId === "o3")?.refundIds).toEqual(["r3"]);
    expect(expected.find((o) => o.orderId === "o5")?.violations).toEqual(["late_shipment"]);

    const { store: old, reopen } = await freshStoreAt(kind, "0003_fulfilment");
    await writeAs0003(fresh.ctx.store, old);
    await old.close();
    const store = await reopen();

    expect(await orders(store.db)).toEqual(expected);
    const { rows: columns } = await sql<{
      order_id: string;
      late: number;
      violations: string | null;
      refund_ids: string | null;
      ship_due_at: number | null;
      pickup_due_at: number | null;
    }>`select order_id, late, violations, refund_ids, ship_due_at, pickup_due_at
       from ff_orders order by order_id`.execute(store.db);
    expect(columns.map((c) => [c.order_id, c.late, c.violations, c.refund_ids])).toEqual([
      ["o1", 0, null, null],
      ["o2", 0, null, null],
      ["o3", 0, null, '["r3"]'],
      ["o4", 0, null, null],
      ["o5", 1, "late_shipment", null],
    ]);
    const open = columns.filter((c) => c.ship_due_at !== null || c.pickup_due_at !== null);
    expect(open.map((c) => c.order_id)).toEqual(["o2", "o4"]);
    await expect(sql`select * from ff_obligations`.execute(store.db)).rejects.toThrow();

    // Both sweep the same deadlines: the same decisions, in the same order.
    const now = at("2024-02-12T00:00:00+08:00");
    const clock = new FixedClock(now);
    const campaigns = new CampaignCatalog(store);
    const text = await readFile(REFERENCE_CAMPAIGN, "utf8");
    const loaded = await campaigns.load(text, REFERENCE_CAMPAIGN, "test", before, "if_new");
    if (!loaded.ok) throw new Error("campaign does not load");
    const migrated = await sweepCampaign({ store, clock, campaigns }, loaded.loaded, now);
    fresh.clock.set(now);
    const reference = await sweepCampaign(fresh.ctx, fresh.campaign, now);
    expect(migrated.fired).toBe(2);
    expect(migrated.decisions).toEqual(reference.decisions);
    const fired = migrated.decisions.map(
      (d) => JSON.parse(d) as { type: string; orderId?: string },
    );
    expect(fired.filter((d) => d.type === "violation.recorded").map((d) => d.orderId)).toEqual([
      "o2",
      "o4",
    ]);
    expect(await orders(store.db)).toEqual(await orders(fresh.ctx.store.db));
  });
});
