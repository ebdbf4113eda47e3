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
import { insertRaw, rawSqlite, statement } from "../../raw-sqlite.js";
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
  const raw = rawSqlite(db);
  if (raw) {
    // One writer at a time already; the row is made on first use.
    const text = "select clock from ff_clock where campaign_id = ?";
    const row = statement(raw, text).get(campaignId) as { clock: number | null } | undefined;
    if (row !== undefined) return { clock: row.clock };
    statement(raw, "insert into ff_clock (campaign_id, clock, updated_at) values (?, null, ?)").run(
      campaignId,
      at,
    );
    return { clock: null };
  }
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

/** The campaign's engine clock as stored, without locking; `null` before any event or sweep. */
export async function readClock(db: Db, campaignId: string): Promise<number | null> {
  const row = await ff(db)
    .selectFrom("ff_clock")
    .select("clock")
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
  return row?.clock == null ? null : Number(row.clock);
}

export async function saveClock(db: Db, campaignId: string, clock: number | null, at: number) {
  const raw = rawSqlite(db);
  if (raw) {
    const text = "update ff_clock set clock = ?, updated_at = ? where campaign_id = ?";
    statement(raw, text).run(clock, at, campaignId);
    return;
  }
  await ff(db)
    .updateTable("ff_clock")
    .set({ clock, updated_at: at })
    .where("campaign_id", "=", campaignId)
    .execute();
}

export async function loadOrders(
  db: Db,
  campaignId: string,
  ids: readonly string[],
  texts?: string[],
): Promise<OrderRecord[]> {
  const raw = rawSqlite(db);
  if (raw) return loadRaw(raw, "ff_orders", "order_id", campaignId, ids, texts) as OrderRecord[];
  const rows = await inSlices(ids, (slice) =>
    ff(db)
      .selectFrom("ff_orders")
      .select("record")
      .where("campaign_id", "=", campaignId)
      .where("order_id", "in", slice)
      .execute(),
  );
  texts?.push(...rows.map((r) => r.record));
  return rows.map((r) => JSON.parse(r.record) as OrderRecord);
}

export async function loadListings(
  db: Db,
  campaignId: string,
  ids: readonly string[],
  texts?: string[],
): Promise<ListingRecord[]> {
  const raw = rawSqlite(db);
  if (raw)
    return loadRaw(raw, "ff_listings", "product_id", campaignId, ids, texts) as ListingRecord[];
  const rows = await inSlices(ids, (slice) =>
    ff(db)
      .selectFrom("ff_listings")
      .select("record")
      .where("campaign_id", "=", campaignId)
      .where("product_id", "in", slice)
      .execute(),
  );
  texts?.push(...rows.map((r) => r.record));
  return rows.map((r) => JSON.parse(r.record) as ListingRecord);
}

export async function loadMerchants(
  db: Db,
  campaignId: string,
  ids: readonly string[],
  texts?: string[],
): Promise<MerchantRecord[]> {
  const raw = rawSqlite(db);
  if (raw)
    return loadRaw(raw, "ff_merchants", "merchant_id", campaignId, ids, texts) as MerchantRecord[];
  const rows = await inSlices(ids, (slice) =>
    ff(db)
      .selectFrom("ff_merchants")
      .select("record")
      .where("campaign_id", "=", campaignId)
      .where("merchant_id", "in", slice)
      .execute(),
  );
  texts?.push(...rows.map((r) => r.record));
  return rows.map((r) => JSON.parse(r.record) as MerchantRecord);
}

/**
 * Records by id in one cached statement: the ids go in as one JSON array, whatever their number.
 * The loaders also hand back each record's stored JSON (`texts`, same order) when asked: it is
 * what `JSON.stringify` of the parsed record gives, so a caller diffs against it for free.
 */
function loadRaw(
  raw: NonNullable<ReturnType<typeof rawSqlite>>,
  table: string,
  key: string,
  campaignId: string,
  ids: readonly string[],
  texts: string[] | undefined,
): unknown[] {
  if (ids.length === 0) return [];
  const text = `select record from ${table} where campaign_id = ? and ${key} in (select value from json_each(?))`;
  const rows = statement(raw, text).pluck().all(campaignId, JSON.stringify(ids)) as string[];
  texts?.push(...rows);
  return rows.map((r) => JSON.parse(r));
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
  const raw = rawSqlite(db);
  if (raw) {
    const text = `select order_id, kind, due_at from ff_obligations
      where campaign_id = ? and due_at < ? order by due_at, order_id limit ?`;
    const rows = statement(raw, text).all(campaignId, before, limit) as Array<{
      order_id: string;
      kind: string;
      due_at: number;
    }>;
    return rows.map((r) => ({ orderId: r.order_id, kind: r.kind, dueAt: r.due_at }));
  }
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

const ORDER_COLUMNS = [
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
] as const;
const ORDER_UPSERT = upsert(
  ["campaign_id", "order_id"],
  ["late", "shipped_at", "picked_up_at", "refunded_at", "record", "updated_at"],
);

/** `records` holds each order's JSON when the caller has it already (it diffed with it). */
export async function saveOrders(
  db: Db,
  campaignId: string,
  orders: readonly OrderRecord[],
  at: number,
  records?: readonly string[],
): Promise<void> {
  const rows = orders.map((o, i) => [
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
    records?.[i] ?? JSON.stringify(o),
    at,
  ]);
  const raw = rawSqlite(db);
  if (raw) return insertRaw(raw, "ff_orders", ORDER_COLUMNS, rows, ORDER_UPSERT);
  await insertRows(db, { table: "ff_orders", columns: ORDER_COLUMNS, tail: ORDER_UPSERT }, rows);
}

const LISTING_COLUMNS = [
  "campaign_id",
  "product_id",
  "merchant_id",
  "record",
  "updated_at",
] as const;
const LISTING_UPSERT = upsert(["campaign_id", "product_id"], ["record", "updated_at"]);

export async function saveListings(
  db: Db,
  campaignId: string,
  listings: readonly ListingRecord[],
  at: number,
): Promise<void> {
  const rows = listings.map((l) => [campaignId, l.productId, l.merchantId, JSON.stringify(l), at]);
  const raw = rawSqlite(db);
  if (raw) return insertRaw(raw, "ff_listings", LISTING_COLUMNS, rows, LISTING_UPSERT);
  await insertRows(
    db,
    { table: "ff_listings", columns: LISTING_COLUMNS, tail: LISTING_UPSERT },
    rows,
  );
}

const MERCHANT_COLUMNS = ["campaign_id", "merchant_id", "record", "updated_at"] as const;
const MERCHANT_UPSERT = upsert(["campaign_id", "merchant_id"], ["record", "updated_at"]);

export async function saveMerchants(
  db: Db,
  campaignId: string,
  merchants: readonly MerchantRecord[],
  at: number,
): Promise<void> {
  const rows = merchants.map((m) => [campaignId, m.merchantId, JSON.stringify(m), at]);
  const raw = rawSqlite(db);
  if (raw) return insertRaw(raw, "ff_merchants", MERCHANT_COLUMNS, rows, MERCHANT_UPSERT);
  await insertRows(
    db,
    { table: "ff_merchants", columns: MERCHANT_COLUMNS, tail: MERCHANT_UPSERT },
    rows,
  );
}

export interface Obligation {
  orderId: string;
  kind: string;
  dueAt: number;
}

const OBLIGATION_COLUMNS = ["campaign_id", "order_id", "kind", "due_at"] as const;
const OBLIGATION_UPSERT = upsert(["campaign_id", "order_id", "kind"], ["due_at"]);

/**
 * Applies a change of open obligations: `closed` ones are deleted, `open` ones written (a moved
 * deadline replaces its row). Only what changed is touched: every row written is a page in the
 * commit.
 */
export async function changeObligations(
  db: Db,
  campaignId: string,
  closed: ReadonlyArray<{ orderId: string; kind: string }>,
  open: readonly Obligation[],
): Promise<void> {
  const rows = open.map((o) => [campaignId, o.orderId, o.kind, o.dueAt]);
  const raw = rawSqlite(db);
  if (raw) {
    const text = "delete from ff_obligations where campaign_id = ? and order_id = ? and kind = ?";
    const remove = statement(raw, text);
    for (const c of closed) remove.run(campaignId, c.orderId, c.kind);
    insertRaw(raw, "ff_obligations", OBLIGATION_COLUMNS, rows, OBLIGATION_UPSERT);
    return;
  }
  for (const kind of new Set(closed.map((c) => c.kind))) {
    const ids = closed.filter((c) => c.kind === kind).map((c) => c.orderId);
    await inSlices(ids, async (slice) => {
      await ff(db)
        .deleteFrom("ff_obligations")
        .where("campaign_id", "=", campaignId)
        .where("kind", "=", kind)
        .where("order_id", "in", slice)
        .execute();
      return [];
    });
  }
  await insertRows(
    db,
    { table: "ff_obligations", columns: OBLIGATION_COLUMNS, tail: OBLIGATION_UPSERT },
    rows,
  );
}
