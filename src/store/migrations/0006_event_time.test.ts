/**
 * Migrations 0004 and 0006 on a database that already has orders: a store as the first engine
 * left it (0003: orders as JSON records, open deadlines as `ff_obligations` rows; the decisions
 * it took) is migrated to the latest layout. Its orders must then read back as the event-time
 * engine's records, and the sweeper must decide what a store that never saw the old layouts
 * decides.
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
import { loadOrders } from "../repos/fulfilment/orders.js";
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

const t = (iso: string) => at(iso);
const H = 3_600_000;

/** An order as the first engine's record (0003's JSON). */
function v1Order(o: {
  orderId: string;
  productId?: string;
  merchantId?: string;
  paidAt: string;
  risk?: string;
  shipDueAt?: number | null;
  shippedAt?: number | null;
  pickupDueAt?: number | null;
  pickedUpAt?: number | null;
  refundedAt?: number | null;
  refundIds?: string[];
  violations?: string[];
}) {
  return {
    orderId: o.orderId,
    merchantId: o.merchantId ?? "m1",
    productId: o.productId ?? "p1",
    amountFen: 20_000,
    buyerId: `b-${o.orderId}`,
    buyerRisk: o.risk ?? "normal",
    paidAt: t(o.paidAt),
    shipDueAt: o.shipDueAt ?? null,
    shippedAt: o.shippedAt ?? null,
    pickupDueAt: o.pickupDueAt ?? null,
    pickedUpAt: o.pickedUpAt ?? null,
    deliveredAt: null,
    refundedAt: o.refundedAt ?? null,
    refundIds: o.refundIds ?? [],
    violations: o.violations ?? [],
  };
}

/** What the first engine stored after EVENTS (clock at the last event, 16:00). */
const V1_ORDERS = [
  v1Order({ orderId: "o5", paidAt: "2024-02-09T09:00:00+08:00", violations: ["late_shipment"] }),
  v1Order({
    orderId: "o1",
    paidAt: "2024-02-10T09:00:00+08:00",
    shippedAt: t("2024-02-10T12:00:00+08:00"),
    pickedUpAt: t("2024-02-10T15:00:00+08:00"),
  }),
  v1Order({
    orderId: "o2",
    paidAt: "2024-02-10T09:10:00+08:00",
    shipDueAt: t("2024-02-10T09:10:00+08:00") + 24 * H,
  }),
  v1Order({
    orderId: "o3",
    productId: "p2",
    merchantId: "m2",
    paidAt: "2024-02-10T09:20:00+08:00",
    refundedAt: t("2024-02-10T16:00:00+08:00"),
    refundIds: ["r3"],
  }),
  v1Order({
    orderId: "o4",
    paidAt: "2024-02-10T09:30:00+08:00",
    risk: "high",
    shippedAt: t("2024-02-10T13:00:00+08:00"),
    pickupDueAt: t("2024-02-10T13:00:00+08:00") + 24 * H,
  }),
];

async function writeAs0003(source: Store, old: Store): Promise<void> {
  // The venue's rows, without the columns later migrations added (0007: venue_version; 0008:
  // the suspension).
  const venue = (await rowsOf(source.db, "listings")).map(
    ({
      venue_version: _v,
      suspended_at: _at,
      suspended_rules: _rules,
      suspended_failures: _failures,
      ...row
    }) => row,
  );
  await insertAll(old.db, "listings", venue);
  await insertAll(old.db, "ff_clock", [
    { campaign_id: CAMPAIGN, clock: t("2024-02-10T16:00:00+08:00"), updated_at: 1 },
  ]);
  const listing = (productId: string, merchantId: string, violations: number) => ({
    campaign_id: CAMPAIGN,
    product_id: productId,
    merchant_id: merchantId,
    record: JSON.stringify({
      productId,
      merchantId,
      shippingGuaranteeHours: 24,
      listedAt: t("2024-02-09T08:00:00+08:00"),
      weight: violations === 0 ? 1 : 0.5,
      violations,
      status: "live",
    }),
    updated_at: 1,
  });
  await insertAll(old.db, "ff_listings", [listing("p1", "m1", 1), listing("p2", "m2", 0)]);
  const merchant = (merchantId: string, violations: number) => ({
    campaign_id: CAMPAIGN,
    merchant_id: merchantId,
    record: JSON.stringify({
      merchantId,
      violations,
      status: "active",
      exitedAt: null,
      exitReason: null,
    }),
    updated_at: 1,
  });
  await insertAll(old.db, "ff_merchants", [merchant("m1", 1), merchant("m2", 0)]);
  const due = t("2024-02-10T09:00:00+08:00");
  const decision = (
    effectKey: string,
    type: string,
    when: number,
    order: string,
    extra: object,
  ) => ({
    campaign_id: CAMPAIGN,
    effect_key: effectKey,
    event_id: null,
    type,
    at: when,
    order_id: order,
    merchant_id: order === "o3" ? "m2" : "m1",
    product_id: null,
    kind: null,
    amount_fen: "amountFen" in extra ? (extra.amountFen as number) : null,
    body: JSON.stringify({ type, orderId: order, ...extra }),
    created_at: 1,
  });
  await insertAll(old.db, "ff_decisions", [
    decision("violation:o5:late_shipment", "violation.recorded", due, "o5", {
      kind: "late_shipment",
    }),
    decision("claim:o5:late_shipment", "claim.paid", due, "o5", {
      kind: "late_shipment",
      amountFen: 1_000,
    }),
    decision("refund:o3:r3", "refund.approved", t("2024-02-10T16:00:00+08:00"), "o3", {
      refundId: "r3",
      amountFen: 20_000,
    }),
  ]);
  await insertAll(
    old.db,
    "ff_orders",
    V1_ORDERS.map((o) => ({
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
    V1_ORDERS.flatMap((o) => [
      ...(o.shipDueAt === null
        ? []
        : [{ campaign_id: CAMPAIGN, order_id: o.orderId, kind: "ship", due_at: o.shipDueAt }]),
      ...(o.pickupDueAt === null
        ? []
        : [{ campaign_id: CAMPAIGN, order_id: o.orderId, kind: "pickup", due_at: o.pickupDueAt }]),
    ]),
  );
}

describeStores("migrations 0004 and 0006 (orders as columns, event time)", (kind) => {
  it("converts the first engine's orders, and the sweeper then decides as on a fresh store", async () => {
    const before = at("2024-02-10T18:00:00+08:00");
    const fresh = await freshApp(kind, before);
    const r = await ingestEvents(fresh.ctx, EVENTS);
    expect(r.errors).toEqual([]);

    const { store: old, reopen } = await freshStoreAt(kind, "0003_fulfilment");
    await writeAs0003(fresh.ctx.store, old);
    await old.close();
    const store = await reopen();

    const migrated = await orders(store.db);
    const expected = await orders(fresh.ctx.store.db);
    // The facts and what was decided read back as the new engine keeps them.
    const view = (o: OrderRecord) => ({
      orderId: o.orderId,
      shipDueAt: o.shipDueAt,
      shippedAt: o.shippedAt,
      pickedUpAt: o.pickedUpAt,
      violation: o.violation,
      claim: o.claim,
      refunds: o.refunds.map((f) => [f.refundId, f.at, f.decided]),
      nextKey: o.nextKey,
    });
    expect(migrated.map(view)).toEqual(expected.map(view));
    const { rows: columns } = await sql<{
      order_id: string;
      late: number;
      violations: string | null;
      refund_ids: string | null;
      next_key: number | null;
    }>`select order_id, late, violations, refund_ids, next_key
       from ff_orders order by order_id`.execute(store.db);
    expect(columns.map((c) => [c.order_id, c.late, c.violations, c.refund_ids])).toEqual([
      ["o1", 0, null, null],
      ["o2", 0, null, null],
      ["o3", 0, null, '["r3"]'],
      ["o4", 0, null, null],
      ["o5", 1, "late_shipment", null],
    ]);
    const pending = columns.filter((c) => c.next_key !== null);
    expect(pending.map((c) => c.order_id)).toEqual(["o2", "o4"]);
    await expect(sql`select * from ff_obligations`.execute(store.db)).rejects.toThrow();

    // Both sweep the same decisions, in the same order.
    const now = at("2024-02-12T00:00:00+08:00");
    const clock = new FixedClock(now);
    const campaigns = new CampaignCatalog(store);
    const text = await readFile(REFERENCE_CAMPAIGN, "utf8");
    const loaded = await campaigns.load(text, REFERENCE_CAMPAIGN, "test", before, "if_new");
    if (!loaded.ok) throw new Error("campaign does not load");
    const swept = await sweepCampaign({ store, clock, campaigns }, loaded.loaded, now);
    fresh.clock.set(now);
    const reference = await sweepCampaign(fresh.ctx, fresh.campaign, now);
    expect(swept.fired).toBe(2);
    expect(swept.decisions).toEqual(reference.decisions);
    const fired = swept.decisions.map((d) => JSON.parse(d) as { type: string; orderId?: string });
    expect(fired.filter((d) => d.type === "violation.recorded").map((d) => d.orderId)).toEqual([
      "o2",
      "o4",
    ]);
    expect((await orders(store.db)).map(view)).toEqual(
      (await orders(fresh.ctx.store.db)).map(view),
    );
  });
});
