/**
 * The engine's records as rows: load exactly the ones a batch or a sweep touches, write back the
 * ones that changed. Orders are stored one column per field (migration 0004), their open
 * obligations being the `ship_due_at` / `pickup_due_at` columns; listings and merchants (few, and
 * rarely written) are stored whole as JSON.
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

/**
 * The stored form of an order after its campaign: these columns, in this order. A record's row
 * (`orderRow`) is what it is stored as, so the working set diffs a record against the row it was
 * loaded from, column by column, and writes only what changed.
 */
export const ORDER_FIELDS = [
  "order_id",
  "merchant_id",
  "product_id",
  "amount_fen",
  "buyer_id",
  "buyer_risk",
  "paid_at",
  "ship_due_at",
  "shipped_at",
  "pickup_due_at",
  "picked_up_at",
  "delivered_at",
  "refunded_at",
  "refund_ids",
  "violations",
  "late",
] as const;

/** An order's values for `ORDER_FIELDS`; as loaded on SQLite, followed by the row's rowid. */
export type OrderRow = readonly unknown[];

export function orderRow(o: OrderRecord): unknown[] {
  return [
    o.orderId,
    o.merchantId,
    o.productId,
    o.amountFen,
    o.buyerId,
    o.buyerRisk,
    o.paidAt,
    o.shipDueAt,
    o.shippedAt,
    o.pickupDueAt,
    o.pickedUpAt,
    o.deliveredAt,
    o.refundedAt,
    o.refundIds.length === 0 ? null : JSON.stringify(o.refundIds),
    // Violation kinds are fixed words without commas.
    o.violations.length === 0 ? null : o.violations.join(","),
    o.violations.includes("late_shipment") ? 1 : 0,
  ];
}

const NO_IDS: readonly never[] = Object.freeze([]);

export function orderRecord(r: OrderRow): OrderRecord {
  return {
    orderId: r[0] as string,
    merchantId: r[1] as string,
    productId: r[2] as string,
    amountFen: r[3] as number,
    buyerId: r[4] as string,
    buyerRisk: r[5] as OrderRecord["buyerRisk"],
    paidAt: r[6] as number,
    shipDueAt: r[7] as number | null,
    shippedAt: r[8] as number | null,
    pickupDueAt: r[9] as number | null,
    pickedUpAt: r[10] as number | null,
    deliveredAt: r[11] as number | null,
    refundedAt: r[12] as number | null,
    refundIds: r[13] === null ? NO_IDS : (JSON.parse(r[13] as string) as string[]),
    violations:
      r[14] === null ? NO_IDS : ((r[14] as string).split(",") as OrderRecord["violations"]),
  };
}

/** Orders by id; `rows` (when given) gets each one's stored row, in the same order. */
export async function loadOrders(
  db: Db,
  campaignId: string,
  ids: readonly string[],
  rows?: OrderRow[],
): Promise<OrderRecord[]> {
  const raw = rawSqlite(db);
  let found: OrderRow[];
  if (raw) {
    if (ids.length === 0) return [];
    // The rowid too: a changed order is then updated by it, without looking up the key again.
    const text = `select ${ORDER_FIELDS.map((f) => `o.${f}`).join(", ")}, o.rowid
      from json_each(?) as j cross join ff_orders as o
      where o.campaign_id = ? and o.order_id = j.value`;
    found = statement(raw, text).raw(true).all(idList(ids), campaignId) as unknown[][];
  } else {
    const selected = await inSlices(ids, (slice) =>
      ff(db)
        .selectFrom("ff_orders")
        .select(ORDER_FIELDS)
        .where("campaign_id", "=", campaignId)
        .where("order_id", "in", slice)
        .execute(),
    );
    found = selected.map((r) => ORDER_FIELDS.map((f) => r[f]));
  }
  rows?.push(...found);
  return found.map(orderRecord);
}

export async function loadListings(
  db: Db,
  campaignId: string,
  ids: readonly string[],
): Promise<ListingRecord[]> {
  const raw = rawSqlite(db);
  if (raw) return loadRaw(raw, "ff_listings", "product_id", campaignId, ids) as ListingRecord[];
  const rows = await inSlices(ids, (slice) =>
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
  ids: readonly string[],
): Promise<MerchantRecord[]> {
  const raw = rawSqlite(db);
  if (raw) return loadRaw(raw, "ff_merchants", "merchant_id", campaignId, ids) as MerchantRecord[];
  const rows = await inSlices(ids, (slice) =>
    ff(db)
      .selectFrom("ff_merchants")
      .select("record")
      .where("campaign_id", "=", campaignId)
      .where("merchant_id", "in", slice)
      .execute(),
  );
  return rows.map((r) => JSON.parse(r.record) as MerchantRecord);
}

/**
 * Ids bound as one JSON array, joined (`json_each … cross join`: one key lookup per id, in the
 * array's order, no temporary IN-list), so one statement serves any number; without repeats.
 */
function idList(ids: readonly string[]): string {
  return JSON.stringify([...new Set(ids)]);
}

/** Records by id in one cached statement: the ids go in as one JSON array, whatever their number. */
function loadRaw(
  raw: NonNullable<ReturnType<typeof rawSqlite>>,
  table: string,
  key: string,
  campaignId: string,
  ids: readonly string[],
): unknown[] {
  if (ids.length === 0) return [];
  const text = `select t.record from json_each(?) as j cross join ${table} as t
    where t.campaign_id = ? and t.${key} = j.value`;
  const rows = statement(raw, text).pluck().all(idList(ids), campaignId) as string[];
  return rows.map((r) => JSON.parse(r));
}

export interface DueRow {
  orderId: string;
  kind: string;
  dueAt: number;
}

type DueSql = { order_id: string; kind: string; due_at: number };
const toDue = (r: DueSql): DueRow => ({
  orderId: r.order_id,
  kind: r.kind,
  dueAt: Number(r.due_at),
});

/** Earliest first, then by order id, ship before pickup (the order the PostgreSQL query gives). */
function byDue(a: DueRow, b: DueRow): number {
  if (a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
  if (a.orderId !== b.orderId) return a.orderId < b.orderId ? -1 : 1;
  return a.kind === b.kind ? 0 : a.kind === "ship" ? -1 : 1;
}

/**
 * Open obligations due strictly before `before`, earliest first (then by order id, ship before
 * pickup), at most `limit`. Each kind is a range read of its partial index. On PostgreSQL the
 * order rows are locked `for update skip locked`, so a second sweeper never waits on them.
 */
export async function dueObligations(
  db: Db,
  campaignId: string,
  before: number,
  limit: number,
): Promise<DueRow[]> {
  const raw = rawSqlite(db);
  if (raw) {
    // Each kind read in its partial index's own order, merged here: an ORDER BY beyond the
    // index (the tie-break) costs SQLite a temporary sorter, ~35 µs a query even when nothing
    // is due, and this runs for every batch of events. The limit is written into the text,
    // not bound: a bound LIMIT makes SQLite plan the statement again on every run (~12 µs).
    const rows: DueRow[] = [];
    const limitClause =
      Number.isSafeInteger(limit) && limit < Number.MAX_SAFE_INTEGER ? ` limit ${limit}` : "";
    for (const kind of ["ship", "pickup"] as const) {
      const text = `select order_id, ${kind}_due_at as due_at from ff_orders
        where campaign_id = ? and ${kind}_due_at < ? order by ${kind}_due_at${limitClause}`;
      for (const r of statement(raw, text).all(campaignId, before) as DueSql[]) {
        rows.push({ orderId: r.order_id, kind, dueAt: Number(r.due_at) });
      }
    }
    return rows.sort(byDue).slice(0, limit);
  }
  // Locking is not allowed on a union, but is inside WITH: each kind locks what it reads.
  const lock = isPostgres(db) ? sql`for update skip locked` : sql``;
  const { rows } = await sql<DueSql>`
    with ship as (
      select order_id, ship_due_at as due_at from ff_orders
      where campaign_id = ${campaignId} and ship_due_at < ${before}
      order by ship_due_at, order_id limit ${limit} ${lock}),
    pickup as (
      select order_id, pickup_due_at as due_at from ff_orders
      where campaign_id = ${campaignId} and pickup_due_at < ${before}
      order by pickup_due_at, order_id limit ${limit} ${lock})
    select order_id, 'ship' as kind, due_at from ship
    union all
    select order_id, 'pickup' as kind, due_at from pickup
    order by due_at, order_id, kind desc limit ${limit}`.execute(db);
  return rows.map(toDue);
}

/** Every open obligation due exactly at `dueAt` (a sweep's last instant is taken whole). */
export async function obligationsDueAt(
  db: Db,
  campaignId: string,
  dueAt: number,
): Promise<DueRow[]> {
  const { rows } = await sql<DueSql>`
    select order_id, 'ship' as kind, ship_due_at as due_at from ff_orders
    where campaign_id = ${campaignId} and ship_due_at = ${dueAt}
    union all
    select order_id, 'pickup' as kind, pickup_due_at as due_at from ff_orders
    where campaign_id = ${campaignId} and pickup_due_at = ${dueAt}`.execute(db);
  return rows.map(toDue);
}

/** The earliest open obligation of a campaign, for the sweeper's "is anything due" check. */
export async function nextDueAt(db: Db, campaignId: string): Promise<number | undefined> {
  const { rows } = await sql<{ due_at: number | null }>`
    select min(due_at) as due_at from (
      select min(ship_due_at) as due_at from ff_orders
      where campaign_id = ${campaignId} and ship_due_at is not null
      union all
      select min(pickup_due_at) as due_at from ff_orders
      where campaign_id = ${campaignId} and pickup_due_at is not null) as d`.execute(db);
  const due = rows[0]?.due_at;
  return due == null ? undefined : Number(due);
}

const ORDER_COLUMNS = ["campaign_id", ...ORDER_FIELDS, "updated_at"] as const;
const ORDER_UPSERT = upsert(["campaign_id", "order_id"], [...ORDER_FIELDS.slice(1), "updated_at"]);

/** An order to write: its row now, and the row it was loaded from (`undefined`: a new order). */
export interface OrderChange {
  row: OrderRow;
  before: OrderRow | undefined;
}

/**
 * Writes new orders and, of the others, only the columns that changed: on SQLite one cached
 * `update … set <changed columns> … where rowid = ?` per order (one statement text per set of
 * changed columns); on PostgreSQL, which
 * writes a whole new row version anyway, an upsert of whole rows.
 */
export async function saveOrders(
  db: Db,
  campaignId: string,
  changes: readonly OrderChange[],
  at: number,
): Promise<void> {
  if (changes.length === 0) return;
  const raw = rawSqlite(db);
  if (!raw) {
    const rows = changes.map((c) => [campaignId, ...c.row, at]);
    await insertRows(db, { table: "ff_orders", columns: ORDER_COLUMNS, tail: ORDER_UPSERT }, rows);
    return;
  }
  const inserts: unknown[][] = [];
  const params: unknown[] = [];
  for (const { row, before } of changes) {
    if (before === undefined) {
      inserts.push([campaignId, ...row, at]);
      continue;
    }
    let mask = 0;
    params.length = 0;
    for (let i = 1; i < ORDER_FIELDS.length; i++) {
      if (row[i] !== before[i]) {
        mask |= 1 << i;
        params.push(row[i]);
      }
    }
    if (mask === 0) continue;
    params.push(at, before[ORDER_FIELDS.length]);
    statement(raw, updateText(mask)).run(params);
  }
  insertRaw(raw, "ff_orders", ORDER_COLUMNS, inserts, ORDER_UPSERT);
}

const updateTexts = new Map<number, string>();

function updateText(mask: number): string {
  let text = updateTexts.get(mask);
  if (text === undefined) {
    const set = ORDER_FIELDS.filter((_, i) => (mask & (1 << i)) !== 0).map((f) => `${f} = ?`);
    text = `update ff_orders set ${set.join(", ")}, updated_at = ? where rowid = ?`;
    updateTexts.set(mask, text);
  }
  return text;
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
