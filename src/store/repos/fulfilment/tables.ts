/**
 * Row types of migrations 0003 (fulfilment) and 0004 (orders as columns). They live beside their repositories rather than in
 * `schema.ts`, reached through `withTables`, so the fulfilment store is one folder.
 */
import type { Generated } from "kysely";
import type { Db } from "../../types.js";

export interface FfClockTable {
  campaign_id: string;
  /**
   * The first engines' clock, then (0006) the campaign's settled key. Since migration 0008 no
   * longer written: each merchant's row keeps its own (`ff_merchants.settled`) and is its lock.
   */
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
 * The engine's `OrderRecord`, one column per field (migrations 0004 and 0006; lists and the claim
 * as JSON or comma-joined kinds, `null` when empty), then columns derived for the reads.
 * `next_key` is the settle key of the order's next pending decision, indexed where set.
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
  /** 1 for a campaign order (`scope.campaign_orders`); any other is never decided on. */
  campaign_order: number;
  ship_due_at: number | null;
  shipped_at: number | null;
  tracking_no: string | null;
  carrier: string | null;
  picked_up_at: number | null;
  delivered_at: number | null;
  /** The refund requests with their verdicts (JSON). */
  refunds: string | null;
  waived: string | null;
  /** The violation in force (one kind at most), and its deadline. */
  violations: string | null;
  violation_at: number | null;
  revoked: string | null;
  /** The claim of the violation in force (JSON: kind, status, amountFen). */
  claim: string | null;
  intercepts: number;
  next_key: number | null;
  // Derived, for the reads.
  pickup_due_at: number | null;
  refunded_at: number | null;
  /** The refund ids as a JSON array; `null` when there are none. */
  refund_ids: string | null;
  /** 1 while the violation in force is a late shipment: "shipped on time" = shipped and not late. */
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
  /** A final exit not settled yet (migration 0006). */
  next_key: number | null;
  /**
   * How far this merchant's time is settled (a settle key; migration 0008). The row is also the
   * merchant's lock: batches and sweeps touching the merchant take it for their transaction.
   */
  settled: number | null;
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

/**
 * Counts the console reads, kept by the write path in the same transaction (migration 0014,
 * `counts.ts`): one row per campaign, counter and merchant, so writers under different merchants'
 * locks never touch the same row; a campaign's figure is the sum over its merchants.
 */
export interface FfCountsTable {
  campaign_id: string;
  /** `orders`, `state:to_ship`, `violation:late_shipment`, `decision:claim.paid:late_shipment`, … */
  name: string;
  /** `''`: the campaign's own (a decision naming no merchant; the days, folded: counts.ts). */
  merchant_id: string;
  n: number;
  fen: number;
}

export type FulfilmentTables = {
  ff_clock: FfClockTable;
  ff_events: FfEventsTable;
  ff_orders: FfOrdersTable;
  ff_listings: FfListingsTable;
  ff_merchants: FfMerchantsTable;
  ff_decisions: FfDecisionsTable;
  ff_counts: FfCountsTable;
};

export const ff = (db: Db) => db.withTables<FulfilmentTables>();
