/**
 * The engine's records as rows: load exactly the ones a batch or a sweep touches, write back the
 * ones that changed. Records are stored whole as JSON; the columns beside them are copies to
 * query on (merchant, instants) and never read back into the engine.
 */
import { sql } from "kysely";
import type {
  ListingRecord,
  MerchantRecord,
  OrderRecord,
} from "../../../domain/fulfilment/index.js";
import type { Db } from "../../types.js";
import { inSlices, insertRows, isPostgres, upsert } from "./rows.js";
import { ff } from "./tables.js";

/**
 * Takes the campaign's engine lock for the rest of the transaction and reads its clock. On
 * PostgreSQL the clock row is locked (`for update`); with `skip` a row another process holds is
 * skipped and `undefined` comes back (a sweeper then leaves the tick to that process). SQLite
 * runs one write transaction at a time, which is the same guarantee.
 */
export async function lockClock(
  db: Db,
  campaignId: string,
  at: number,
  mode: "wait" | "skip",
): Promise<{ clock: number | null } | undefined> {
  const read = async () => {
    if (!isPostgres(db)) {
      return ff(db)
        .selectFrom("ff_clock")
        .select("clock")
        .where("campaign_id", "=", campaignId)
        .executeTakeFirst();
    }
    const lock = mode === "skip" ? sql`for update skip locked` : sql`for update`;
    const { rows } = await sql<{
      clock: number | null;
    }>`select clock from ff_clock where campaign_id = ${campaignId} ${lock}`.execute(db);
    return rows[0];
  };
  const row = await read();
  if (row !== undefined) return { clock: row.clock };
  const inserted = await ff(db)
    .insertInto("ff_clock")
    .values({ campaign_id: campaignId, clock: null, updated_at: at })
    .onConflict((oc) => oc.column("campaign_id").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0 && mode === "skip") return undefined;
  return (await read()) ?? undefined;
}

export async function saveClock(db: Db, campaignId: string, clock: number | null, at: number) {
  await ff(db)
    .updateTable("ff_clock")
    .set({ clock, updated_at: at })
    .where("campaign_id", "=", campaignId)
    .execute();
}

export async function loadOrders(
  db: Db,
  campaignId: string,
  orderIds: readonly string[],
): Promise<OrderRecord[]> {
  const rows = await inSlices(orderIds, (slice) =>
    ff(db)
      .selectFrom("ff_orders")
      .select("record")
      .where("campaign_id", "=", campaignId)
      .where("order_id", "in", slice)
      .execute(),
  );
  return rows.map((r) => JSON.parse(r.record) as OrderRecord);
}

export async function loadListings(
  db: Db,
  campaignId: string,
  productIds: readonly string[],
): Promise<ListingRecord[]> {
  const rows = await inSlices(productIds, (slice) =>
    ff(db)
      .selectFrom("ff_listings")
      .select("record")
      .where("campaign_id", "=", campaignId)
      .where("product_id", "in", slice)
      .execute(),
  );
  return rows.map((r) => JSON.parse(r.record) as ListingRecord);
}

export async function loadMerchants(
  db: Db,
  campaignId: string,
  merchantIds: readonly string[],
): Promise<MerchantRecord[]> {
  const rows = await inSlices(merchantIds, (slice) =>
    ff(db)
      .selectFrom("ff_merchants")
      .select("record")
      .where("campaign_id", "=", campaignId)
      .where("merchant_id", "in", slice)
      .execute(),
  );
  return rows.map((r) => JSON.parse(r.record) as MerchantRecord);
}

export interface DueRow {
  orderId: string;
  kind: string;
  dueAt: number;
}

/**
 * Open obligations due strictly before `before`, earliest first, at most `limit`. On PostgreSQL
 * the rows are locked `for update skip locked`, so a second sweeper never waits on them.
 */
export async function dueObligations(
  db: Db,
  campaignId: string,
  before: number,
  limit: number,
): Promise<DueRow[]> {
  const lock = isPostgres(db) ? sql`for update skip locked` : sql``;
  const { rows } = await sql<{ order_id: string; kind: string; due_at: number }>`
    select order_id, kind, due_at from ff_obligations
    where campaign_id = ${campaignId} and due_at < ${before}
    order by due_at, order_id limit ${limit} ${lock}`.execute(db);
  return rows.map((r) => ({ orderId: r.order_id, kind: r.kind, dueAt: Number(r.due_at) }));
}

/** Every open obligation due exactly at `dueAt` (a sweep's last instant is taken whole). */
export async function obligationsDueAt(
  db: Db,
  campaignId: string,
  dueAt: number,
): Promise<DueRow[]> {
  const rows = await ff(db)
    .selectFrom("ff_obligations")
    .select(["order_id", "kind", "due_at"])
    .where("campaign_id", "=", campaignId)
    .where("due_at", "=", dueAt)
    .execute();
  return rows.map((r) => ({ orderId: r.order_id, kind: r.kind, dueAt: Number(r.due_at) }));
}

/** The earliest open obligation of a campaign, for the sweeper's "is anything due" check. */
export async function nextDueAt(db: Db, campaignId: string): Promise<number | undefined> {
  const row = await ff(db)
    .selectFrom("ff_obligations")
    .select("due_at")
    .where("campaign_id", "=", campaignId)
    .orderBy("due_at")
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.due_at);
}

export async function saveOrders(
  db: Db,
  campaignId: string,
  orders: readonly OrderRecord[],
  at: number,
): Promise<void> {
  await insertRows(
    db,
    {
      table: "ff_orders",
      columns: [
        "campaign_id",
        "order_id",
        "merchant_id",
        "product_id",
        "amount_fen",
        "paid_at",
        "late",
        "shipped_at",
        "picked_up_at",
        "refunded_at",
        "record",
        "updated_at",
      ],
      tail: upsert(
        ["campaign_id", "order_id"],
        ["late", "shipped_at", "picked_up_at", "refunded_at", "record", "updated_at"],
      ),
    },
    orders.map((o) => [
      campaignId,
      o.orderId,
      o.merchantId,
      o.productId,
      o.amountFen,
      o.paidAt,
      o.violations.includes("late_shipment") ? 1 : 0,
      o.shippedAt,
      o.pickedUpAt,
      o.refundedAt,
      JSON.stringify(o),
      at,
    ]),
  );
}

export async function saveListings(
  db: Db,
  campaignId: string,
  listings: readonly ListingRecord[],
  at: number,
): Promise<void> {
  await insertRows(
    db,
    {
      table: "ff_listings",
      columns: ["campaign_id", "product_id", "merchant_id", "record", "updated_at"],
      tail: upsert(["campaign_id", "product_id"], ["record", "updated_at"]),
    },
    listings.map((l) => [campaignId, l.productId, l.merchantId, JSON.stringify(l), at]),
  );
}

export async function saveMerchants(
  db: Db,
  campaignId: string,
  merchants: readonly MerchantRecord[],
  at: number,
): Promise<void> {
  await insertRows(
    db,
    {
      table: "ff_merchants",
      columns: ["campaign_id", "merchant_id", "record", "updated_at"],
      tail: upsert(["campaign_id", "merchant_id"], ["record", "updated_at"]),
    },
    merchants.map((m) => [campaignId, m.merchantId, JSON.stringify(m), at]),
  );
}

/** Replaces the open obligations of these orders with `open` (those still open after the batch). */
export async function replaceObligations(
  db: Db,
  campaignId: string,
  orderIds: readonly string[],
  open: ReadonlyArray<{ orderId: string; kind: string; dueAt: number }>,
): Promise<void> {
  await inSlices(orderIds, async (slice) => {
    await ff(db)
      .deleteFrom("ff_obligations")
      .where("campaign_id", "=", campaignId)
      .where("order_id", "in", slice)
      .execute();
    return [];
  });
  await insertRows(
    db,
    { table: "ff_obligations", columns: ["campaign_id", "order_id", "kind", "due_at"] },
    open.map((o) => [campaignId, o.orderId, o.kind, o.dueAt]),
  );
}
