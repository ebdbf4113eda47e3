/**
 * Orders as the console lists them: most urgent first — the orders still to ship, soonest ship-by
 * deadline first — then every other order newest first; filtered by state, searched by order,
 * product or buyer id, with the count of every state (so the page says the truth before it is
 * scrolled), and each order's refunds awaiting the merchant with the merchant's answer.
 *
 * Reads the fulfilment tables as they are (`ff_orders`, `ff_decisions`), never the engine's own
 * records: the engine may keep more, these columns stay. Two keyset phases, each on an index:
 * open ship obligations by due time (`ff_orders_to_ship`, partial, or
 * `ff_orders_to_ship_by_merchant`), then the rest by payment (`ff_orders_by_paid`, or
 * `ff_orders_by_merchant_paid` for one merchant). The counts come from `ff_counts`, kept by the
 * engine's writes (store/repos/fulfilment/counts.ts), except under a search, which counts what it
 * finds.
 */
import { type ExpressionBuilder, sql } from "kysely";
import { TO_SHIP } from "../../store/migrations/0014_console_counts.js";
import { COUNTED_STATES, readCounts } from "../../store/repos/fulfilment/counts.js";
import { type FulfilmentTables, ff } from "../../store/repos/fulfilment/tables.js";
import type { Database } from "../../store/schema.js";
import type { Db } from "../../store/types.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { sharedPerTurn } from "./shared-reads.js";
import { productTitles } from "./titles.js";

export const ORDER_STATES = [
  "all",
  "to_ship",
  "late_unshipped",
  "in_transit",
  "delivered",
  "refunded",
  "refund_pending",
  "violations",
  "claimed",
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export interface OrderQuery {
  merchantId?: string | undefined;
  state: OrderState;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface PendingRefund {
  refundId: string;
  requestedAt: number;
  reason: string | null;
  response: { decision: "approve" | "refuse"; note: string | null; at: number } | null;
}

export interface OrderRow {
  orderId: string;
  merchantId: string;
  productId: string;
  amountFen: number;
  buyerId: string;
  buyerRisk: string;
  paidAt: number;
  shipDueAt: number | null;
  shippedAt: number | null;
  pickupDueAt: number | null;
  pickedUpAt: number | null;
  deliveredAt: number | null;
  refundedAt: number | null;
  violations: string[];
  /** Refunds the engine left to the merchant (`refund.awaiting_merchant`), with its answer. */
  awaiting: PendingRefund[];
}

type Tables = Database & FulfilmentTables;
type Eb = ExpressionBuilder<Tables, "ff_orders">;
/** [phase, key, orderId]: phase 0 = to ship, by due time; phase 1 = the rest, newest first. */
type Cursor = [0 | 1, number, string];
const isCursor = (v: unknown): v is Cursor =>
  Array.isArray(v) &&
  v.length === 3 &&
  (v[0] === 0 || v[0] === 1) &&
  typeof v[1] === "number" &&
  typeof v[2] === "string";

/**
 * Orders with a refund the engine left to the merchant and the merchant has not answered. An IN
 * over the campaign's awaiting decisions (read once, on `ff_decisions_by_type`), not a subquery
 * per order: `ff_decisions` has no index by order.
 */
const awaitingRefund = (eb: Eb, campaignId: string) =>
  eb(
    "order_id",
    "in",
    eb
      .selectFrom("ff_decisions as d")
      .select("d.order_id")
      // The campaign as a value, not a reference to the outer row: the list is read once.
      .where("d.campaign_id", "=", campaignId)
      .where("d.type", "=", "refund.awaiting_merchant")
      .where((inner) =>
        inner.not(
          inner.exists(
            inner
              .selectFrom("refund_responses as r")
              .select("r.refund_id")
              .whereRef("r.campaign_id", "=", "d.campaign_id")
              .whereRef("r.order_id", "=", "d.order_id")
              .where(sql<boolean>`d.effect_key = 'refund:' || r.order_id || ':' || r.refund_id`),
          ),
        ),
      ),
  );

/** A claim paid to the buyer and in force (not reversed with its violation). */
const claimed = (eb: Eb, _campaignId: string) => eb("claim", "like", '%"status":"paid"%');

/**
 * Still owed a shipment: a campaign order not clicked, not refunded, its deadline not missed
 * (`ship_due_at` is the deadline itself, kept after the obligation is met). Written as the
 * partial indexes' condition, literally (migration 0014), so both databases read them.
 */
const toShip = (_eb: Eb) => sql<boolean>`(${sql.raw(TO_SHIP)})`;

/** The condition of each state, one place for the list and the counts. */
function stateWhere(eb: Eb, state: OrderState, campaignId: string) {
  switch (state) {
    case "all":
      return eb.lit(true);
    case "to_ship":
      return toShip(eb);
    case "late_unshipped":
      return eb.and([
        eb("shipped_at", "is", null),
        eb("refunded_at", "is", null),
        eb("late", "=", 1),
      ]);
    case "in_transit":
      return eb.and([
        eb("shipped_at", "is not", null),
        eb("delivered_at", "is", null),
        eb("refunded_at", "is", null),
      ]);
    case "delivered":
      return eb("delivered_at", "is not", null);
    case "refunded":
      return eb("refunded_at", "is not", null);
    case "violations":
      return eb("violations", "is not", null);
    case "refund_pending":
      return awaitingRefund(eb, campaignId);
    case "claimed":
      return claimed(eb, campaignId);
  }
}

function base(db: Db, campaignId: string, q: Pick<OrderQuery, "merchantId" | "q">) {
  let query = ff(db).selectFrom("ff_orders").where("campaign_id", "=", campaignId);
  if (q.merchantId !== undefined) query = query.where("merchant_id", "=", q.merchantId);
  const term = q.q?.trim();
  if (term) {
    const like = `${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb("order_id", "like", like), eb("product_id", "=", term), eb("buyer_id", "=", term)]),
    );
  }
  return query;
}

const COLUMNS = [
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
  "violations",
  "campaign_order",
  "claim",
] as const;

/** States whose condition contradicts the to-ship one: the first phase holds none of them. */
const CANNOT_BE_TO_SHIP = new Set<OrderState>(["in_transit", "refunded", "violations"]);
/** States whose first phase is the to-ship index itself, read as far as the page goes. */
const READ_WITH_COUNTS = new Set<OrderState>(["all", "to_ship"]);

/** `undefined` for a cursor this server did not give. */
export async function listOrders(db: Db, campaignId: string, query: OrderQuery) {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isCursor);
  if (query.cursor !== undefined && after === undefined) return undefined;
  const filtered = () =>
    base(db, campaignId, query).where((eb) => stateWhere(eb as Eb, query.state, campaignId));

  const readOpen = () => {
    let open = filtered()
      .select(COLUMNS)
      .where((eb) => toShip(eb as Eb));
    if (after) {
      const [, due, id] = after;
      open = open.where((eb) =>
        eb.or([
          eb("ship_due_at", ">", due),
          eb.and([eb("ship_due_at", "=", due), eb("order_id", ">", id)]),
        ]),
      );
    }
    return open
      .orderBy("ship_due_at")
      .orderBy("order_id")
      .limit(query.limit + 1)
      .execute();
  };
  const readsOpen = (!after || after[0] === 0) && !CANNOT_BE_TO_SHIP.has(query.state);

  // The first page says the counts; they also spare reading a state that holds nothing (found
  // empty, some states, and any search, are a scan of the campaign). Every order and the orders
  // to ship, unsearched, are read on the to-ship index, bounded by the page however many there
  // are: that read starts with the counts instead of after them.
  const [counts, early] = await Promise.all([
    after ? undefined : stateCounts(db, campaignId, query),
    readsOpen && READ_WITH_COUNTS.has(query.state) && !query.q?.trim() ? readOpen() : undefined,
  ]);
  const none = counts !== undefined && counts[query.state] === 0;
  const rows: Array<{ phase: 0 | 1; row: Record<(typeof COLUMNS)[number], unknown> }> = [];
  if (!none && readsOpen) {
    for (const row of early ?? (await readOpen())) rows.push({ phase: 0, row });
  }
  if (!none && rows.length <= query.limit) {
    let rest = filtered()
      .select(COLUMNS)
      .where((eb) => eb.not(toShip(eb as Eb)));
    if (after && after[0] === 1) {
      const [, paid, id] = after;
      rest = rest.where((eb) =>
        eb.or([
          eb("paid_at", "<", paid),
          eb.and([eb("paid_at", "=", paid), eb("order_id", "<", id)]),
        ]),
      );
    }
    const found = await rest
      .orderBy("paid_at", "desc")
      .orderBy("order_id", "desc")
      .limit(query.limit + 1 - rows.length)
      .execute();
    for (const row of found) rows.push({ phase: 1, row });
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const rowsOfPage = page.map(({ row: r }) => toRow(r));
  // Independent reads: at once on PostgreSQL's pool.
  const [titles] = await Promise.all([
    productTitles(
      db,
      rowsOfPage.map((o) => o.productId),
    ),
    attachRefunds(db, campaignId, rowsOfPage),
  ]);
  // Given to the rows read (not copied into new objects: a page is 50-500 of them).
  const items = rowsOfPage.map((o) => Object.assign(o, { title: titles.get(o.productId) ?? null }));
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor([
          last.phase,
          Number(last.phase === 0 ? last.row.ship_due_at : last.row.paid_at),
          String(last.row.order_id),
        ] satisfies Cursor)
      : null;
  return { items, nextCursor, ...(counts ? { counts } : {}) };
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toRow(r: Record<(typeof COLUMNS)[number], unknown>): OrderRow {
  return {
    orderId: String(r.order_id),
    merchantId: String(r.merchant_id),
    productId: String(r.product_id),
    amountFen: Number(r.amount_fen),
    buyerId: String(r.buyer_id),
    buyerRisk: String(r.buyer_risk),
    paidAt: Number(r.paid_at),
    // The deadline while the shipment is still owed (the column keeps it after).
    shipDueAt:
      Number(r.campaign_order) === 1 &&
      r.shipped_at === null &&
      r.refunded_at === null &&
      r.violations === null
        ? num(r.ship_due_at)
        : null,
    shippedAt: num(r.shipped_at),
    pickupDueAt: num(r.pickup_due_at),
    pickedUpAt: num(r.picked_up_at),
    deliveredAt: num(r.delivered_at),
    refundedAt: num(r.refunded_at),
    violations: typeof r.violations === "string" && r.violations ? r.violations.split(",") : [],
    awaiting: [],
  };
}

/** The page's refunds awaiting the merchant, with the merchant's answer when it gave one. */
async function attachRefunds(db: Db, campaignId: string, items: OrderRow[]) {
  if (items.length === 0) return;
  const ids = items.map((o) => o.orderId);
  const t = ff(db);
  const decisions = await t
    .selectFrom("ff_decisions")
    .select(["order_id", "at", "body"])
    .where("campaign_id", "=", campaignId)
    .where("type", "=", "refund.awaiting_merchant")
    .where("order_id", "in", ids)
    .execute();
  if (decisions.length === 0) return;
  const answers = await db
    .selectFrom("refund_responses")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("order_id", "in", ids)
    .execute();
  const byOrder = new Map(items.map((o) => [o.orderId, o]));
  for (const d of decisions) {
    const body = JSON.parse(d.body) as { refundId?: unknown; reason?: unknown };
    const refundId = String(body.refundId);
    const answer = answers.find((a) => a.order_id === d.order_id && a.refund_id === refundId);
    byOrder.get(String(d.order_id))?.awaiting.push({
      refundId,
      requestedAt: Number(d.at),
      reason: typeof body.reason === "string" ? body.reason : null,
      response: answer
        ? { decision: answer.decision, note: answer.note, at: Number(answer.decided_at) }
        : null,
    });
  }
}

/**
 * How many orders each state holds, under the same merchant and search (not the state): kept
 * counts (`ff_counts`) and the refunds awaiting an answer, or, under a search, counted.
 */
export async function stateCounts(
  db: Db,
  campaignId: string,
  q: Pick<OrderQuery, "merchantId" | "q">,
): Promise<Record<OrderState, number>> {
  if (!q.q?.trim()) {
    return { ...(await sharedKeptCounts(db, { campaignId, merchantId: q.merchantId })) };
  }
  return countedStates(db, campaignId, q);
}

/**
 * The kept counts, one read for the requests of one event-loop turn that ask for the same
 * campaign and merchant (fresh-read.ts: never a read begun before the request arrived). Every
 * first page of the orders sums the counters of each of the campaign's merchants (~2,000 rows
 * with 1,000 merchants); a few operators' pages at once need that sum once.
 */
const sharedKeptCounts = sharedPerTurn(
  (db, { campaignId, merchantId }: { campaignId: string; merchantId: string | undefined }) =>
    keptCounts(db, campaignId, merchantId),
  ({ campaignId, merchantId }) => JSON.stringify([campaignId, merchantId ?? null]),
);

async function keptCounts(
  db: Db,
  campaignId: string,
  merchantId: string | undefined,
): Promise<Record<OrderState, number>> {
  const names = ["orders", ...COUNTED_STATES.map((s) => `state:${s}`)];
  // Independent reads: at once on PostgreSQL's pool (one after another on SQLite).
  const [kept, pending] = await Promise.all([
    readCounts(db, campaignId, { names }, merchantId),
    pendingRefundCount(db, campaignId, merchantId),
  ]);
  const out = { all: kept.get("orders")?.n ?? 0 } as Record<OrderState, number>;
  for (const s of COUNTED_STATES) out[s] = kept.get(`state:${s}`)?.n ?? 0;
  out.refund_pending = pending;
  return out;
}

async function pendingRefundCount(
  db: Db,
  campaignId: string,
  merchantId: string | undefined,
): Promise<number> {
  // Depends on the decisions and the merchants' answers, not on the order's row: counted, from
  // the campaign's awaiting decisions (`ff_decisions_by_type`, or by merchant), a few.
  // The orders, not `count(distinct …)`: SQLite would read the campaign's every decision on
  // `ff_decisions_by_order` for the distinct rather than the few awaiting ones by type.
  let pending = ff(db)
    .selectFrom("ff_decisions as d")
    .select("d.order_id")
    .where("d.campaign_id", "=", campaignId)
    .where("d.type", "=", "refund.awaiting_merchant")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("refund_responses as r")
            .select("r.refund_id")
            .whereRef("r.campaign_id", "=", "d.campaign_id")
            .whereRef("r.order_id", "=", "d.order_id")
            .where(sql<boolean>`d.effect_key = 'refund:' || r.order_id || ':' || r.refund_id`),
        ),
      ),
    );
  if (merchantId !== undefined) pending = pending.where("d.merchant_id", "=", merchantId);
  return new Set((await pending.execute()).map((r) => r.order_id)).size;
}

/** The counts under a search: over the orders it finds. */
export async function countedStates(
  db: Db,
  campaignId: string,
  q: Pick<OrderQuery, "merchantId" | "q">,
): Promise<Record<OrderState, number>> {
  const row = await base(db, campaignId, q)
    .select((eb) => {
      const when = (state: OrderState) =>
        sql<number>`sum(case when ${stateWhere(eb as Eb, state, campaignId)} then 1 else 0 end)`.as(
          state,
        );
      return [
        eb.fn.countAll<number>().as("all"),
        when("to_ship"),
        when("late_unshipped"),
        when("in_transit"),
        when("delivered"),
        when("refunded"),
        when("violations"),
        when("refund_pending"),
        when("claimed"),
      ];
    })
    .executeTakeFirst();
  const out = {} as Record<OrderState, number>;
  for (const s of ORDER_STATES)
    out[s] = Number((row as Record<string, unknown> | undefined)?.[s] ?? 0);
  return out;
}
