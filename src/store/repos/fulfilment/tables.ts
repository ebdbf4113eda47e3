/**
 * Row types of migrations 0003 (fulfilment) and 0004 (orders as columns). They live beside their repositories rather than in
 * `schema.ts`, reached through `withTables`, so the fulfilment store is one folder.
 */
import type { Generated } from "kysely";
import type { Db } from "../../types.js";

export interface FfClockTable {
  campaign_id: string;
  /** The engine's clock (latest instant applied or swept to); `null` before the first event. */
  clock: number | null;
  updated_at: number;
}

export interface FfEventsTable {
  event_id: string;
  campaign_id: string;
  type: string;
  at: number;
  order_id: string | null;
  /** The event as received (JSON), with its id. */
  body: string;
  received_at: number;
}

/**
 * The engine's `OrderRecord`, one column per field (migration 0004). The open obligations are
 * `ship_due_at` / `pickup_due_at` (non-null = open), indexed where not null for the sweeper.
 */
export interface FfOrdersTable {
  campaign_id: string;
  order_id: string;
  merchant_id: string;
  product_id: string;
  amount_fen: number;
  buyer_id: string;
  buyer_risk: string;
  paid_at: number;
  ship_due_at: number | null;
  shipped_at: number | null;
  pickup_due_at: number | null;
  picked_up_at: number | null;
  delivered_at: number | null;
  refunded_at: number | null;
  /** The refund ids as a JSON array; `null` when there are none. */
  refund_ids: string | null;
  /** The violation kinds, comma-joined in the record's order; `null` when there are none. */
  violations: string | null;
  /** 1 once the order has a late-shipment violation: "shipped on time" = shipped and not late. */
  late: number;
  updated_at: number;
}

export interface FfListingsTable {
  campaign_id: string;
  product_id: string;
  merchant_id: string;
  record: string;
  updated_at: number;
}

export interface FfMerchantsTable {
  campaign_id: string;
  merchant_id: string;
  record: string;
  updated_at: number;
}

export interface FfDecisionsTable {
  seq: Generated<number>;
  campaign_id: string;
  /** One row per effect: `claim:ORDER:KIND`, `refund:ORDER:REFUND`, … (see app/fulfilment/effects.ts). */
  effect_key: string;
  /** The event whose arrival produced it; `null` when the sweeper fired it by the clock. */
  event_id: string | null;
  type: string;
  at: number;
  order_id: string | null;
  merchant_id: string | null;
  product_id: string | null;
  kind: string | null;
  amount_fen: number | null;
  /** The decision as the API shows it (JSON, `at` in the campaign's zone). */
  body: string;
  created_at: number;
}

export type FulfilmentTables = {
  ff_clock: FfClockTable;
  ff_events: FfEventsTable;
  ff_orders: FfOrdersTable;
  ff_listings: FfListingsTable;
  ff_merchants: FfMerchantsTable;
  ff_decisions: FfDecisionsTable;
};

export const ff = (db: Db) => db.withTables<FulfilmentTables>();
