/**
 * The engine's orders as rows (`ff_orders`, migrations 0004 and 0006): load exactly the ones a
 * batch or a sweep touches, write back only the columns that changed. One column per field of
 * the record (lists and the claim as JSON, `null` when empty), then a few columns derived for
 * the reads (the pickup deadline, when the order was refunded, the refund ids, `late`). The
 * order's next pending decision is `next_key`, indexed where set: the sweeper's range read.
 *
 * On SQLite, inside a transaction, statements run through better-sqlite3's prepared-statement
 * cache (`raw-sqlite.ts`): a batch of events touches hundreds of orders and the query builder
 * would cost more than SQLite spends on them.
 */
import type SQLite from "better-sqlite3";
import type { ClaimRecord, OrderRecord, ViolationKind } from "../../../domain/fulfilment/index.js";
import { corrupt, type StoredAt } from "../../corrupt.js";
import { insertRaw, rawSqlite, statement } from "../../raw-sqlite.js";
import type { Db } from "../../types.js";
import { claimRecord, refundFacts, violationKindOrNull, violationKinds } from "./record-check.js";
import { inSlices, insertRows, isPostgres, upsert } from "./rows.js";
import { ff } from "./tables.js";

/** The record's columns, in this order, then the derived ones. */
export const ORDER_FIELDS = [
  "order_id",
  "merchant_id",
  "product_id",
  "amount_fen",
  "buyer_id",
  "buyer_risk",
  "paid_at",
  "campaign_order",
  "ship_due_at",
  "shipped_at",
  "tracking_no",
  "carrier",
  "picked_up_at",
  "delivered_at",
  "refunds",
  "waived",
  "violations",
  "violation_at",
  "revoked",
  "claim",
  "intercepts",
  "next_key",
  // Derived, for the reads.
  "pickup_due_at",
  "refunded_at",
  "refund_ids",
  "late",
] as const;

/** An order's values for `ORDER_FIELDS`; as loaded on SQLite, followed by the row's rowid. */
export type OrderRow = readonly unknown[];

const NO_LIST: readonly never[] = Object.freeze([]);
const list = <T>(items: readonly T[]) => (items.length === 0 ? null : JSON.stringify(items));
const kinds = (items: readonly ViolationKind[]) => (items.length === 0 ? null : items.join(","));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The row an order is stored as; `pickupMs` is the campaign's pickup limit (derived column). */
export function orderRow(o: OrderRecord, pickupMs: number): unknown[] {
  const refunded = o.refunds.find((r) => r.decided === "approved");
  return [
    o.orderId,
    o.merchantId,
    o.productId,
    o.amountFen,
    o.buyerId,
    o.buyerRisk,
    o.paidAt,
    o.campaign ? 1 : 0,
    o.shipDueAt,
    o.shippedAt,
    o.trackingNo,
    o.carrier,
    o.pickedUpAt,
    o.deliveredAt,
    list(o.refunds),
    kinds(o.waived),
    o.violation,
    o.violationAt,
    kinds(o.revoked),
    o.claim === null ? null : JSON.stringify(o.claim),
    o.intercepts,
    o.nextKey,
    o.shippedAt === null ? null : o.shippedAt + pickupMs,
    refunded === undefined ? null : refunded.at,
    o.refunds.length === 0 ? null : JSON.stringify(o.refunds.map((r) => r.refundId)),
    o.violation === "late_shipment" ? 1 : 0,
  ];
}

/**
 * A row back to its record. Values from the database are checked as they are read: a row that
 * does not have the shape the engine wrote fails loudly here (a `StoreCorruption` naming the
 * column and the order) rather than deciding wrongly. By hand, not with a schema: this runs for
 * every order an event touches, and each check is a `typeof` or two.
 */
export function orderRecord(r: OrderRow): OrderRecord {
  const orderId = r[0];
  const key = typeof orderId === "string" ? orderId : `(order id ${String(orderId)})`;
  const at = (i: number): StoredAt => ({ table: "ff_orders", column: ORDER_FIELDS[i]!, key });
  const text = (i: number) => {
    const v = r[i];
    if (typeof v !== "string") throw corrupt(at(i), `is ${shown(v)}, not text`);
    return v;
  };
  const textOrNull = (i: number) => (r[i] === null || r[i] === undefined ? null : text(i));
  const integer = (i: number) => {
    const v = num(r[i]);
    if (v !== null && !Number.isSafeInteger(v)) {
      throw corrupt(at(i), `is ${shown(r[i])}, not an integer`);
    }
    return v;
  };
  const required = (i: number) => {
    const v = integer(i);
    if (v === null) throw corrupt(at(i), "is missing");
    return v;
  };
  const risk = text(5);
  if (risk !== "normal" && risk !== "high") throw corrupt(at(5), `is ${shown(risk)}, not a risk`);
  return {
    orderId: text(0),
    merchantId: text(1),
    productId: text(2),
    amountFen: required(3),
    buyerId: text(4),
    buyerRisk: risk,
    paidAt: required(6),
    campaign: required(7) === 1,
    shipDueAt: required(8),
    shippedAt: integer(9),
    trackingNo: textOrNull(10),
    carrier: textOrNull(11),
    pickedUpAt: integer(12),
    deliveredAt: integer(13),
    refunds: r[14] === null ? NO_LIST : refundFacts(at(14), text(14)),
    waived: r[15] === null ? NO_LIST : violationKinds(at(15), text(15)),
    violation: violationKindOrNull(at(16), r[16]),
    violationAt: integer(17),
    revoked: r[18] === null ? NO_LIST : violationKinds(at(18), text(18)),
    claim: r[19] === null ? null : claimRecord(at(19), text(19)),
    intercepts: r[20] === null || r[20] === undefined ? 0 : required(20),
    nextKey: integer(21),
  };
}

const shown = (v: unknown) => JSON.stringify(v)?.slice(0, 60) ?? String(v);

/**
 * Orders by id; `rows` (when given) gets each one's stored row, in the same order. `read`: rows
 * this transaction has already read (`readOrderRows`), used instead of reading them again.
 */
export async function loadOrders(
  db: Db,
  campaignId: string,
  ids: readonly string[],
  rows?: OrderRow[],
  read?: ReadonlyMap<string, OrderRow>,
): Promise<OrderRecord[]> {
  if (ids.length === 0) return [];
  const raw = rawSqlite(db);
  let found: OrderRow[];
  if (raw) {
    found =
      read === undefined ? selectRows(raw, campaignId, ids) : reuseRows(raw, campaignId, ids, read);
  } else {
    const selected = await inSlices(ids, (slice) =>
      ff(db)
        .selectFrom("ff_orders")
        .select(ORDER_FIELDS)
        .where("campaign_id", "=", campaignId)
        .where("order_id", "in", slice)
        .execute(),
    );
    found = selected.map((r) =>
      ORDER_FIELDS.map((f) => (BIGINT_FIELDS.has(f) ? normalise(r[f]) : r[f])),
    );
  }
  rows?.push(...found);
  return found.map(orderRecord);
}

const ROWS_TEXT = `select ${ORDER_FIELDS.map((f) => `o.${f}`).join(", ")}, o.rowid
  from json_each(?) as j cross join ff_orders as o
  where o.campaign_id = ? and o.order_id = j.value`;

/**
 * The stored rows, in the order of `ids` (without repeats), with the rowid: a changed order is
 * then updated by it, without looking up the key again.
 */
function selectRows(raw: SQLite.Database, campaignId: string, ids: readonly string[]): OrderRow[] {
  return statement(raw, ROWS_TEXT).raw(true).all(idList(ids), campaignId) as unknown[][];
}

/** `selectRows`, taking from `read` the rows it holds and reading only the others. */
function reuseRows(
  raw: SQLite.Database,
  campaignId: string,
  ids: readonly string[],
  read: ReadonlyMap<string, OrderRow>,
): OrderRow[] {
  const unread = ids.filter((id) => !read.has(id));
  const more = new Map<string, OrderRow>();
  if (unread.length > 0) {
    for (const row of selectRows(raw, campaignId, unread)) more.set(row[0] as string, row);
  }
  const out: OrderRow[] = [];
  for (const id of new Set(ids)) {
    const row = read.get(id) ?? more.get(id);
    if (row !== undefined) out.push(row);
  }
  return out;
}

/**
 * The stored rows of these orders, by id, for a transaction that loads them later
 * (`loadOrders`' `read`); `undefined` on PostgreSQL. Only where a transaction reads one snapshot
 * throughout: a SQLite transaction writes only if nothing was committed since its first read,
 * so rows read before the merchants' locks are the rows under them. PostgreSQL reads each
 * statement afresh, so there the rows are read once the locks are held.
 */
export function readOrderRows(
  db: Db,
  campaignId: string,
  ids: readonly string[],
): Map<string, OrderRow> | undefined {
  const raw = rawSqlite(db);
  if (!raw) return undefined;
  const out = new Map<string, OrderRow>();
  if (ids.length === 0) return out;
  for (const row of selectRows(raw, campaignId, ids)) out.set(row[0] as string, row);
  return out;
}

/**
 * The bigint columns, which PostgreSQL hands back as text. Only these are made numbers: ids,
 * tracking numbers and buyers are text that may well be all digits (a channel's order ids are).
 */
const BIGINT_FIELDS: ReadonlySet<string> = new Set([
  "amount_fen",
  "paid_at",
  "ship_due_at",
  "shipped_at",
  "picked_up_at",
  "delivered_at",
  "violation_at",
  "next_key",
]);

/** A bigint as PostgreSQL hands it back (text): a number, like SQLite's, so rows compare equal. */
function normalise(v: unknown): unknown {
  return typeof v === "string" && /^-?\d+$/.test(v) && v.length < 17 ? Number(v) : v;
}

/**
 * Ids bound as one JSON array, joined (`json_each … cross join`: one key lookup per id, in the
 * array's order, no temporary IN-list), so one statement serves any number; without repeats.
 */
export function idList(ids: readonly string[]): string {
  return JSON.stringify([...new Set(ids)]);
}

/**
 * Every order of a merchant's product (a listing that came late re-dates those paid after it),
 * through the merchant's index.
 */
export async function orderIdsOfProduct(
  db: Db,
  campaignId: string,
  merchantId: string,
  productId: string,
): Promise<string[]> {
  const rows = await ff(db)
    .selectFrom("ff_orders")
    .select("order_id")
    .where("merchant_id", "=", merchantId)
    .where("campaign_id", "=", campaignId)
    .where("product_id", "=", productId)
    .execute();
  return rows.map((r) => r.order_id);
}

export interface DueTarget {
  id: string;
  key: number;
}

/**
 * Orders whose next decision is due before `bound` (a settle key), least key first, at most
 * `limit`. On PostgreSQL the rows are locked `for update skip locked`, so a second sweeper
 * never waits on them.
 */
export async function dueOrders(
  db: Db,
  campaignId: string,
  bound: number,
  limit: number,
  lock: boolean,
): Promise<DueTarget[]> {
  const raw = rawSqlite(db);
  // The limit is written into the text, not bound: a bound LIMIT makes SQLite plan the
  // statement again on every run.
  const limitClause = Number.isSafeInteger(limit) ? ` limit ${limit}` : "";
  if (raw) {
    const text = `select order_id, next_key from ff_orders
      where campaign_id = ? and next_key < ? order by next_key${limitClause}`;
    return (statement(raw, text).raw(true).all(campaignId, bound) as [string, number][]).map(
      ([id, key]) => ({ id, key: Number(key) }),
    );
  }
  let q = ff(db)
    .selectFrom("ff_orders")
    .select(["order_id", "next_key"])
    .where("campaign_id", "=", campaignId)
    .where("next_key", "<", bound)
    .orderBy("next_key")
    .orderBy("order_id");
  if (Number.isSafeInteger(limit)) q = q.limit(limit);
  const rows = await (lock && isPostgres(db) ? q.forUpdate().skipLocked() : q).execute();
  return rows.map((r) => ({ id: r.order_id, key: Number(r.next_key) }));
}

/** The orders of these merchants whose next decision is due before `bound`. */
export async function dueOrdersOf(
  db: Db,
  campaignId: string,
  merchantIds: readonly string[],
  bound: number,
): Promise<DueTarget[]> {
  if (merchantIds.length === 0) return [];
  const raw = rawSqlite(db);
  if (raw) {
    const text = `select o.order_id, o.next_key from json_each(?) as j cross join ff_orders as o
      where o.campaign_id = ? and o.merchant_id = j.value and o.next_key < ?`;
    return (
      statement(raw, text).raw(true).all(idList(merchantIds), campaignId, bound) as [
        string,
        number,
      ][]
    ).map(([id, key]) => ({ id, key: Number(key) }));
  }
  const rows = await inSlices([...merchantIds], (slice) =>
    ff(db)
      .selectFrom("ff_orders")
      .select(["order_id", "next_key"])
      .where("campaign_id", "=", campaignId)
      .where("merchant_id", "in", slice)
      .where("next_key", "<", bound)
      .execute(),
  );
  return rows.map((r) => ({ id: r.order_id, key: Number(r.next_key) }));
}

/** The merchant of each order stored (an order's merchant never changes). */
export async function merchantsOfOrders(
  db: Db,
  campaignId: string,
  orderIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (orderIds.length === 0) return out;
  const raw = rawSqlite(db);
  if (raw) {
    const text = `select o.order_id, o.merchant_id from json_each(?) as j cross join ff_orders as o
      where o.campaign_id = ? and o.order_id = j.value`;
    for (const [o, m] of statement(raw, text).raw(true).all(idList(orderIds), campaignId) as [
      string,
      string,
    ][]) {
      out.set(o, m);
    }
    return out;
  }
  const rows = await inSlices([...orderIds], (slice) =>
    ff(db)
      .selectFrom("ff_orders")
      .select(["order_id", "merchant_id"])
      .where("campaign_id", "=", campaignId)
      .where("order_id", "in", slice)
      .execute(),
  );
  for (const r of rows) out.set(r.order_id, r.merchant_id);
  return out;
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
 * `update … set <changed columns> … where rowid = ?` per order; on PostgreSQL, which writes a
 * whole new row version anyway, an upsert of whole rows.
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

/**
 * An order's claim after a person resolved it (paid with an amount, or declined); answers the
 * claim column it replaced (the caller holds the merchant's lock, so it is the current one).
 */
export async function setOrderClaim(
  db: Db,
  campaignId: string,
  orderId: string,
  claim: ClaimRecord,
  at: number,
): Promise<string | null> {
  const before = await ff(db)
    .selectFrom("ff_orders")
    .select("claim")
    .where("campaign_id", "=", campaignId)
    .where("order_id", "=", orderId)
    .executeTakeFirst();
  await ff(db)
    .updateTable("ff_orders")
    .set({ claim: JSON.stringify(claim), updated_at: at })
    .where("campaign_id", "=", campaignId)
    .where("order_id", "=", orderId)
    .execute();
  return before?.claim ?? null;
}
