import type { Instant } from "../campaign/model.js";
import type { DeadlineQueue } from "./deadline-queue.js";
import type { ViolationKind } from "./decisions.js";
import type { BuyerRisk } from "./events.js";

/**
 * The engine's state: one record per order, per listing and per merchant, kept apart so that a
 * server can load exactly the rows an event touches and write them back. Every record is plain
 * JSON-able data. The deadline queue is an index over the orders' open obligations
 * (`shipDueAt`, `pickupDueAt`): it can always be rebuilt from the order records.
 * Records hold what the rules use and nothing more (no region, no tracking number): the facts
 * stay in the events, which a server stores anyway, while a replay keeps every order in memory.
 */
export interface OrderRecord {
  orderId: string;
  merchantId: string;
  productId: string;
  amountFen: number;
  buyerId: string;
  buyerRisk: BuyerRisk;
  paidAt: Instant;
  /** Open obligation "ship online by": set at payment, `null` once shipped, refunded or missed. */
  shipDueAt: Instant | null;
  shippedAt: Instant | null;
  /** Open obligation "carrier picks up by": set at the online click, `null` once met or missed. */
  pickupDueAt: Instant | null;
  pickedUpAt: Instant | null;
  deliveredAt: Instant | null;
  /** When an instant refund went through; an order refunded is no longer owed a shipment. */
  refundedAt: Instant | null;
  /** Arrays here are replaced, never changed in place: most orders share the one empty array. */
  refundIds: readonly string[];
  /** Violations recorded on this order; each kind at most once, which bounds claims to one per kind. */
  violations: readonly ViolationKind[];
}

export interface ListingRecord {
  productId: string;
  merchantId: string;
  shippingGuaranteeHours: number | null;
  listedAt: Instant;
  /** Venue weight: 1 when listed, lowered per violation. */
  weight: number;
  violations: number;
  /** `delisted` by violations. A listing is in the venue only while live AND its merchant is active. */
  status: "live" | "delisted";
}

export interface MerchantRecord {
  merchantId: string;
  violations: number;
  status: "active" | "exited";
  exitedAt: Instant | null;
  exitReason: "exception_report" | "violations" | null;
}

export type ObligationKind = "ship" | "pickup";

export interface FulfilmentState {
  /** The latest instant the state has been moved to (by an event or `advanceTo`); `null` = never. */
  clock: Instant | null;
  orders: Map<string, OrderRecord>;
  listings: Map<string, ListingRecord>;
  merchants: Map<string, MerchantRecord>;
  /** Index of the open obligations by due instant; may hold stale entries for ones already closed. */
  deadlines: DeadlineQueue;
}

/** The shared empty list new orders start with (a quarter of a million orders, one array). */
export const NONE: readonly never[] = Object.freeze([]);

export function emptyState(): FulfilmentState {
  return {
    clock: null,
    orders: new Map(),
    listings: new Map(),
    merchants: new Map(),
    deadlines: [],
  };
}
