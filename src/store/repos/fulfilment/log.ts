/**
 * The fulfilment log: events as received (the key for idempotency) and decisions, one row per
 * effect. A decision whose effect key is already stored is skipped by the database itself, so
 * no retry, replayed batch or second server can record a claim or a refund approval twice.
 */
import type { Db } from "../../types.js";
import { inSlices, insertRows } from "./rows.js";
import { ff } from "./tables.js";

/** The ids among `eventIds` already stored (in any campaign). */
export async function knownEventIds(db: Db, eventIds: readonly string[]): Promise<Set<string>> {
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

export async function insertEvents(db: Db, rows: readonly EventRow[], at: number): Promise<void> {
  await insertRows(
    db,
    {
      table: "ff_events",
      columns: ["event_id", "campaign_id", "type", "at", "order_id", "body", "received_at"],
    },
    rows.map((r) => [r.eventId, r.campaignId, r.type, r.at, r.orderId, r.body, at]),
  );
}

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

export async function insertDecisions(
  db: Db,
  rows: readonly DecisionRow[],
  at: number,
): Promise<void> {
  await insertRows(
    db,
    {
      table: "ff_decisions",
      columns: [
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
      ],
      tail: "on conflict (campaign_id, effect_key) do nothing",
    },
    rows.map((r) => [
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
    ]),
  );
}
