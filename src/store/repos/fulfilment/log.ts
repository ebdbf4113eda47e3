/**
 * The fulfilment log: events as received (the key for idempotency) and decisions, one row per
 * effect. A decision whose effect key is already stored is skipped by the database itself, so
 * no retry, replayed batch or second server can record a claim or a refund approval twice.
 */
import { sql } from "kysely";
import { insertRaw, rawSqlite, statement } from "../../raw-sqlite.js";
import type { Db } from "../../types.js";
import { applyCounts, CountDeltas } from "./counts.js";
import { inSlices, insertRows, isPostgres } from "./rows.js";
import { ff } from "./tables.js";

/** The ids among `eventIds` already stored (in any campaign). */
export async function knownEventIds(db: Db, eventIds: readonly string[]): Promise<Set<string>> {
  const raw = rawSqlite(db);
  if (raw) {
    const found = statement(
      raw,
      "select e.event_id from json_each(?) as j cross join ff_events as e where e.event_id = j.value",
    );
    return new Set(found.pluck().all(JSON.stringify(eventIds)) as string[]);
  }
  const rows = await inSlices(eventIds, (slice) =>
    ff(db).selectFrom("ff_events").select("event_id").where("event_id", "in", slice).execute(),
  );
  return new Set(rows.map((r) => r.event_id));
}

export interface EventRow {
  eventId: string;
  campaignId: string;
  type: string;
  at: number;
  orderId: string | null;
  body: string;
}

const EVENT_COLUMNS = [
  "event_id",
  "campaign_id",
  "type",
  "at",
  "order_id",
  "body",
  "received_at",
] as const;

/**
 * Stores events, once each: an event no merchant's lock covers (a clock) may come from two
 * processes at once, and the second is then a duplicate, not a failed batch.
 */
export async function insertEvents(db: Db, rows: readonly EventRow[], at: number): Promise<void> {
  const values = rows.map((r) => [r.eventId, r.campaignId, r.type, r.at, r.orderId, r.body, at]);
  const raw = rawSqlite(db);
  if (raw) return insertRaw(raw, "ff_events", EVENT_COLUMNS, values, EVENT_CONFLICT);
  await insertRows(
    db,
    { table: "ff_events", columns: EVENT_COLUMNS, tail: EVENT_CONFLICT },
    values,
  );
}

const EVENT_CONFLICT = "on conflict (event_id) do nothing";

export interface DecisionRow {
  campaignId: string;
  effectKey: string;
  eventId: string | null;
  type: string;
  at: number;
  orderId: string | null;
  merchantId: string | null;
  productId: string | null;
  kind: string | null;
  amountFen: number | null;
  body: string;
}

/**
 * Takes the campaign's decision-log lock for the rest of the transaction (PostgreSQL; SQLite has
 * one writer at a time anyway). Transactions that write decisions then commit in the order their
 * rows were numbered (`seq`), so a reader that follows the log by `seq` — the webhook outbox —
 * never passes a number a transaction still open holds: with several processes ingesting one
 * campaign at once (merchant locks), two transactions could otherwise commit out of `seq` order.
 * Only the end of a transaction that writes decisions waits on it; ingestion without decisions
 * (payments, clicks, scans) does not. Every writer of `ff_decisions` calls it first.
 */
export async function lockDecisionLog(db: Db, campaignId: string): Promise<void> {
  if (!isPostgres(db)) return;
  let held = decisionLocks.get(db);
  if (held?.has(campaignId)) return;
  await sql`select pg_advisory_xact_lock(hashtext(${`gala:decisions:${campaignId}`}))`.execute(db);
  if (held === undefined) {
    held = new Set();
    decisionLocks.set(db, held);
  }
  held.add(campaignId);
}

/** Campaigns whose decision-log lock a transaction holds (it is released at its end). */
const decisionLocks = new WeakMap<Db, Set<string>>();

export async function insertDecisions(
  db: Db,
  rows: readonly DecisionRow[],
  at: number,
): Promise<void> {
  for (const campaignId of new Set(rows.map((r) => r.campaignId))) {
    await lockDecisionLog(db, campaignId);
  }
  const values = rows.map((r) => [
    r.campaignId,
    r.effectKey,
    r.eventId,
    r.type,
    r.at,
    r.orderId,
    r.merchantId,
    r.productId,
    r.kind,
    r.amountFen,
    r.body,
    at,
  ]);
  // The decisions whose insert happened (a retry's conflict counts nothing), counted by type.
  const counts = new Map<string, CountDeltas>();
  const count = (
    campaignId: string,
    merchantId: unknown,
    type: unknown,
    kind: unknown,
    fen: unknown,
  ) => {
    let deltas = counts.get(campaignId);
    if (deltas === undefined) {
      deltas = new CountDeltas();
      counts.set(campaignId, deltas);
    }
    deltas.decision(merchantId as string | null, String(type), kind as string | null, fen);
  };
  const raw = rawSqlite(db);
  if (raw) {
    const one = statement(
      raw,
      `insert into ff_decisions (${DECISION_COLUMNS.join(",")}) values (${DECISION_COLUMNS.map(() => "?").join(",")}) ${DECISION_CONFLICT}`,
    );
    for (const [i, row] of values.entries()) {
      if (one.run(row).changes === 0) continue;
      const r = rows[i]!;
      count(r.campaignId, r.merchantId, r.type, r.kind, r.amountFen);
    }
  } else {
    const stored = await insertRows(
      db,
      {
        table: "ff_decisions",
        columns: DECISION_COLUMNS,
        tail: `${DECISION_CONFLICT} returning campaign_id, merchant_id, type, kind, amount_fen`,
      },
      values,
    );
    for (const r of stored)
      count(String(r.campaign_id), r.merchant_id, r.type, r.kind, r.amount_fen);
  }
  for (const [campaignId, deltas] of counts) await applyCounts(db, campaignId, deltas);
}

/** `ff_decisions`' columns as every writer inserts them. */
export const DECISION_COLUMNS = [
  "campaign_id",
  "effect_key",
  "event_id",
  "type",
  "at",
  "order_id",
  "merchant_id",
  "product_id",
  "kind",
  "amount_fen",
  "body",
  "created_at",
] as const;
const DECISION_CONFLICT = "on conflict (campaign_id, effect_key) do nothing";
