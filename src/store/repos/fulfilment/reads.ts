/**
 * What merchants and operators read back: orders, decisions (violations, claims, refunds, …) by
 * campaign and merchant, the merchant's listings with their weights, per-campaign totals, the
 * counts behind the 48 h pickup rate, and which campaign holds an order (event routing).
 */
import { sql } from "kysely";
import type { OrderRecord } from "../../../domain/fulfilment/index.js";
import { storedStrings } from "../../corrupt.js";
import type { Db } from "../../types.js";
import { readCountSelections } from "./counts.js";
import { resolvedClaimCount } from "./held-claims.js";
import { ORDER_FIELDS, orderRecord } from "./orders.js";
import { inSlices } from "./rows.js";
import { ff } from "./tables.js";

export interface OrderCursor {
  paidAt: number;
  orderId: string;
}

/** An order as read back: the engine's record and the columns derived for the reads. */
export interface OrderView extends OrderRecord {
  pickupDueAt: number | null;
  refundedAt: number | null;
}

export async function ordersPage(
  db: Db,
  campaignId: string,
  merchantId: string | undefined,
  after: OrderCursor | undefined,
  limit: number,
): Promise<OrderView[]> {
  let q = ff(db).selectFrom("ff_orders").select(ORDER_FIELDS).where("campaign_id", "=", campaignId);
  if (merchantId !== undefined) q = q.where("merchant_id", "=", merchantId);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("paid_at", ">", after.paidAt),
        eb.and([eb("paid_at", "=", after.paidAt), eb("order_id", ">", after.orderId)]),
      ]),
    );
  }
  const rows = await q.orderBy("paid_at").orderBy("order_id").limit(limit).execute();
  return rows.map((r) => {
    // Added to the record read (not copied into a new object: a page is 50-500 of them).
    const o = orderRecord(ORDER_FIELDS.map((f) => r[f])) as OrderView;
    o.pickupDueAt = r.pickup_due_at === null ? null : Number(r.pickup_due_at);
    o.refundedAt = r.refunded_at === null ? null : Number(r.refunded_at);
    return o;
  });
}

/**
 * A page of decisions in the order taken. Of several types, each type's page is read on its own
 * index range (`ff_decisions_by_type_seq`, or `ff_decisions_by_merchant` for one merchant) and
 * the pages merged: an `in` over the types would sort every decision of those types, or walk
 * every decision of the campaign for a rare type, for a page of 50.
 */
export async function decisionsPage(
  db: Db,
  campaignId: string,
  filter: { merchantId?: string; types?: readonly string[] },
  afterSeq: number,
  limit: number,
): Promise<Array<{ seq: number; body: string }>> {
  const types = filter.types ?? [];
  if (types.length <= 1) return decisionsOfTypes(db, campaignId, filter, afterSeq, limit);
  const pages: Array<{ seq: number; body: string }> = [];
  for (const type of types) {
    const one = { ...filter, types: [type] };
    pages.push(...(await decisionsOfTypes(db, campaignId, one, afterSeq, limit)));
  }
  return pages.sort((a, b) => a.seq - b.seq).slice(0, limit);
}

async function decisionsOfTypes(
  db: Db,
  campaignId: string,
  filter: { merchantId?: string; types?: readonly string[] },
  afterSeq: number,
  limit: number,
): Promise<Array<{ seq: number; body: string }>> {
  let q = ff(db)
    .selectFrom("ff_decisions")
    .select(["seq", "body"])
    .where("campaign_id", "=", campaignId)
    .where("seq", ">", afterSeq);
  if (filter.merchantId !== undefined) q = q.where("merchant_id", "=", filter.merchantId);
  if (filter.types && filter.types.length > 0) q = q.where("type", "in", filter.types);
  const rows = await q.orderBy("seq").limit(limit).execute();
  return rows.map((r) => ({ seq: Number(r.seq), body: r.body }));
}

export interface MerchantListingRow {
  productId: string;
  weight: number;
  listedAt: number;
  delistedAt: number | null;
  delistReason: string | null;
  /** Out of the venue while its facts fail a continuous rule (these codes); `null`: not. */
  suspendedAt: number | null;
  suspendedRules: string[] | null;
  /** The engine's record (violations, status), once an event touched the product. */
  record: string | null;
}

export async function merchantListings(
  db: Db,
  campaignId: string,
  merchantId: string,
): Promise<MerchantListingRow[]> {
  const rows = await ff(db)
    .selectFrom("listings as l")
    .leftJoin("ff_listings as f", (j) =>
      j.onRef("f.campaign_id", "=", "l.campaign_id").onRef("f.product_id", "=", "l.product_id"),
    )
    .select([
      "l.product_id",
      "l.weight",
      "l.listed_at",
      "l.delisted_at",
      "l.delist_reason",
      "l.suspended_at",
      "l.suspended_rules",
      "f.record",
    ])
    .where("l.campaign_id", "=", campaignId)
    .where("l.merchant_id", "=", merchantId)
    .orderBy("l.product_id")
    .execute();
  return rows.map((r) => ({
    productId: r.product_id,
    weight: r.weight,
    listedAt: Number(r.listed_at),
    delistedAt: r.delisted_at === null ? null : Number(r.delisted_at),
    delistReason: r.delist_reason,
    suspendedAt: r.suspended_at === null ? null : Number(r.suspended_at),
    suspendedRules:
      r.suspended_rules === null
        ? null
        : storedStrings(
            { table: "listings", column: "suspended_rules", key: `${campaignId}/${r.product_id}` },
            r.suspended_rules,
          ),
    record: r.record,
  }));
}

export async function merchantRecord(
  db: Db,
  campaignId: string,
  merchantId: string,
): Promise<string | undefined> {
  const row = await ff(db)
    .selectFrom("ff_merchants")
    .select("record")
    .where("campaign_id", "=", campaignId)
    .where("merchant_id", "=", merchantId)
    .executeTakeFirst();
  return row?.record;
}

export interface CampaignTotals {
  orders: number;
  shippedOnTime: number;
  instantRefunds: number;
  /** Violations in force, by kind (recorded and not revoked). */
  violations: Record<string, number>;
  /** Violations recorded and then revoked (a late fact, an upheld appeal). */
  violationsRevoked: number;
  /** Claims paid and not reversed: count and fen. */
  claimsPaid: number;
  claimsPaidFen: number;
  /** Claims paid and then reversed with their violation: count and fen. */
  claimsReversed: number;
  claimsReversedFen: number;
  /** Claims the evaluation held for a person, ever; of them, those declined, and those waiting. */
  claimsHeld: number;
  claimsDeclined: number;
  claimsWaiting: number;
  delistedProducts: number;
  exitedMerchants: number;
}

/**
 * The campaign's totals, from the kept counts (`ff_counts`, counts.ts): violations in force by
 * kind as the orders stand, decisions by type and kind as they were taken.
 */
export async function campaignTotals(db: Db, campaignId: string): Promise<CampaignTotals> {
  const n = (v: unknown) => Number(v ?? 0);
  // Independent reads: at once on PostgreSQL's pool (one after another on SQLite).
  const [[kept, inForce, decisions], venue, resolved] = await Promise.all([
    readCountSelections(db, campaignId, [
      { names: ["orders", "on_time"] },
      { prefix: "violation:" },
      { prefix: "decision:" },
    ]),
    delistedAndExited(db, campaignId),
    resolvedClaimCount(db, campaignId),
  ]);
  const decided = [...decisions].map(([name, c]) => {
    const [, type, kind] = name.split(":");
    return { type: type!, kind: kind === "" ? null : kind!, n: c.n, fen: c.fen };
  });
  const totals: CampaignTotals = {
    orders: n(kept.get("orders")?.n),
    shippedOnTime: n(kept.get("on_time")?.n),
    instantRefunds: 0,
    violations: { late_shipment: 0, false_shipment: 0 },
    violationsRevoked: 0,
    claimsPaid: 0,
    claimsPaidFen: 0,
    claimsReversed: 0,
    claimsReversedFen: 0,
    claimsHeld: 0,
    claimsDeclined: 0,
    claimsWaiting: 0,
    delistedProducts: venue.delisted,
    exitedMerchants: venue.exited,
  };
  for (const [name, c] of inForce) {
    if (c.n !== 0) totals.violations[name.slice("violation:".length)] = c.n;
  }
  let withdrawn = 0;
  for (const r of decided) {
    if (r.type === "refund.approved") totals.instantRefunds += n(r.n);
    if (r.type === "violation.revoked") totals.violationsRevoked += n(r.n);
    if (r.type === "claim.paid") {
      totals.claimsPaid += n(r.n);
      totals.claimsPaidFen += n(r.fen);
    }
    if (r.type === "claim.reversed") {
      totals.claimsReversed += n(r.n);
      totals.claimsReversedFen += n(r.fen);
    }
    if (r.type === "claim.held") totals.claimsHeld += n(r.n);
    if (r.type === "claim.declined") totals.claimsDeclined += n(r.n);
    if (r.type === "claim.withdrawn") withdrawn += n(r.n);
  }
  totals.claimsPaid -= totals.claimsReversed;
  totals.claimsPaidFen -= totals.claimsReversedFen;
  totals.claimsWaiting = totals.claimsHeld - resolved - withdrawn;
  return totals;
}

/** The campaign's products delisted and merchants exited, ever: one statement. */
export async function delistedAndExited(
  db: Db,
  campaignId: string,
): Promise<{ delisted: number; exited: number }> {
  const { rows } = await sql<{ delisted: unknown; exited: unknown }>`
    select (select count(*) from listings
             where campaign_id = ${campaignId} and delisted_at is not null) as delisted,
           (select count(*) from campaign_merchants
             where campaign_id = ${campaignId} and exited_at is not null) as exited`.execute(db);
  return { delisted: Number(rows[0]?.delisted ?? 0), exited: Number(rows[0]?.exited ?? 0) };
}

/**
 * The counts behind `metric.pickup_rate_48h` for one merchant, over every campaign's orders:
 * orders paid in [from, to] that still had to be shipped, and those the carrier scanned within
 * `withinMs` of payment, as they stood at `asOf`. An order refunded before the carrier's scan
 * owed none, but only from its refund on: a day's point in a series keeps the miss it showed
 * when the order is refunded later.
 */
export async function pickupCounts(
  db: Db,
  merchantId: string,
  from: number,
  to: number,
  withinMs: number,
  asOf: number,
): Promise<{ required: number; pickedUpInTime: number }> {
  const { rows } = await sql<{ required: number; in_time: number }>`
    select count(*) as required,
           sum(case when picked_up_at is not null and picked_up_at - paid_at <= ${withinMs}
                    then 1 else 0 end) as in_time
    from ff_orders
    where merchant_id = ${merchantId} and paid_at >= ${from} and paid_at <= ${to}
      and not (refunded_at is not null and refunded_at <= ${asOf}
               and (picked_up_at is null or picked_up_at > ${asOf}))`.execute(db);
  return {
    required: Number(rows[0]?.required ?? 0),
    pickedUpInTime: Number(rows[0]?.in_time ?? 0),
  };
}

/**
 * Which of `campaignIds` holds each of `orderIds` (orders paid in one campaign stay there),
 * as order id → campaign id. An id held by several campaigns maps to the first in `campaignIds`.
 */
export async function campaignsOfOrders(
  db: Db,
  campaignIds: readonly string[],
  orderIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await inSlices(orderIds, (slice) =>
    ff(db)
      .selectFrom("ff_orders")
      .select(["campaign_id", "order_id"])
      .where("campaign_id", "in", [...campaignIds])
      .where("order_id", "in", slice)
      .execute(),
  );
  const rank = new Map(campaignIds.map((id, i) => [id, i]));
  const found = new Map<string, string>();
  for (const r of rows) {
    const held = found.get(r.order_id);
    if (held === undefined || rank.get(r.campaign_id)! < rank.get(held)!) {
      found.set(r.order_id, r.campaign_id);
    }
  }
  return found;
}

/** One order as read back, or `undefined`. */
export async function orderById(
  db: Db,
  campaignId: string,
  orderId: string,
): Promise<OrderView | undefined> {
  const r = await ff(db)
    .selectFrom("ff_orders")
    .select(ORDER_FIELDS)
    .where("campaign_id", "=", campaignId)
    .where("order_id", "=", orderId)
    .executeTakeFirst();
  if (r === undefined) return undefined;
  return {
    ...orderRecord(ORDER_FIELDS.map((f) => r[f])),
    pickupDueAt: r.pickup_due_at === null ? null : Number(r.pickup_due_at),
    refundedAt: r.refunded_at === null ? null : Number(r.refunded_at),
  };
}

/** Every decision about one order, in the order taken (the violation, its revocation, …). */
export async function decisionsOfOrder(
  db: Db,
  campaignId: string,
  orderId: string,
): Promise<Array<{ seq: number; type: string; at: number; body: string }>> {
  const rows = await ff(db)
    .selectFrom("ff_decisions")
    .select(["seq", "type", "at", "body"])
    .where("campaign_id", "=", campaignId)
    .where("order_id", "=", orderId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), type: r.type, at: Number(r.at), body: r.body }));
}
