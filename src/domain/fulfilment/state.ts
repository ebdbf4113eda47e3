import type { Instant } from "../campaign/model.js";
import type { BuyerRisk, RefundKind } from "./contract/events.js";
import type { ExitReason, ManualRefundReason, ViolationKind } from "./decisions.js";
import { newQueue, type SettleQueue } from "./settle-queue.js";

/**
 * The engine's state (docs/interfaces.md, "Time, lateness and corrections"): per order, per listing and per merchant, the
 * facts the channel reported (each stamped with its own `at`, in whatever order they came) and
 * what has been decided from them so far. Decisions are a function of the facts and of how far
 * time has been settled; the engine keeps the decided part only to emit the difference when
 * the facts or the settled time change. Every record is plain JSON-able data, kept apart so a
 * server can load exactly the rows a batch touches and write them back.
 */

/** How an instant refund request was decided; `contradicted`: approved, then a late fact said no. */
export type RefundVerdict = "approved" | ManualRefundReason | "contradicted";

export interface RefundFact {
  refundId: string;
  at: Instant;
  amountFen: number;
  kind: RefundKind;
  /** `null` until time is settled past the request. */
  decided: RefundVerdict | null;
}

/** `none`: evaluated again, the table now says no claim (kept for its revision number). */
export type ClaimStatus = "paid" | "held" | "declined" | "none";

/** The buyer's claim for the violation in force: paid at once, or held for a person. */
export interface ClaimRecord {
  kind: ViolationKind;
  status: ClaimStatus;
  /** Paid (by the evaluation or by a person): the amount; held or declined: 0. */
  amountFen: number;
  /**
   * How many times the evaluation was made again for this violation (the merchant's history
   * before it changed: `history.ts`); absent for 0. Each revision is a claim of its own.
   */
  revision?: number;
  /** A person resolved it (a held claim paid or declined): the evaluation never changes it. */
  byPerson?: true;
}

/** A violation in force, as the merchant's history orders it: its deadline, then its order. */
export type ViolationRef = readonly [at: Instant, orderId: string];

/** Intercepts already asked for (a bit each): they are notices, never taken back. */
export const INTERCEPT_CLICK = 1;
export const INTERCEPT_PICKUP = 2;

export interface OrderRecord {
  // The payment's facts.
  orderId: string;
  merchantId: string;
  productId: string;
  amountFen: number;
  buyerId: string;
  buyerRisk: BuyerRisk;
  paidAt: Instant;
  /**
   * A campaign order (rule `scope.campaign_orders`): paid inside the activity window (and, on the
   * server, on a product the venue listed then). Any other order is taken and never decided on.
   */
  campaign: boolean;
  /** Payment + the guarantee of the listing in force at payment (or the policy's default). */
  shipDueAt: Instant;
  // Later facts: `null` until reported.
  shippedAt: Instant | null;
  trackingNo: string | null;
  carrier: string | null;
  pickedUpAt: Instant | null;
  deliveredAt: Instant | null;
  /** Refund requests in time order (then by id). Replaced, never changed in place, but `decided`. */
  refunds: readonly RefundFact[];
  /** Violation kinds an operator has waived (an upheld appeal): never in force again. */
  waived: readonly ViolationKind[];
  // What has been decided.
  /** The violation in force (an order has at most one), and the deadline it was recorded at. */
  violation: ViolationKind | null;
  violationAt: Instant | null;
  /** Kinds recorded and then revoked (each at most once). */
  revoked: readonly ViolationKind[];
  claim: ClaimRecord | null;
  /** `INTERCEPT_CLICK | INTERCEPT_PICKUP`, the intercepts already asked for. */
  intercepts: number;
  /** The settle key (keys.ts) of the next decision due on this order; `null`: none pending. */
  nextKey: number | null;
}

export interface ListingRecord {
  productId: string;
  merchantId: string;
  shippingGuaranteeHours: number | null;
  listedAt: Instant;
  /** Violations in force on this product's orders recorded at or after the listing. */
  violations: number;
  /** As last announced: the venue weight and whether it is delisted (by violations). */
  weight: number;
  status: "live" | "delisted";
  delistedAt: Instant | null;
  /** Standing decisions announced so far: numbers each one's idempotency key. */
  changes: number;
}

export interface MerchantRecord {
  merchantId: string;
  /** Violations in force on the merchant's campaign orders. */
  violations: number;
  /**
   * Those violations, in history order (`history.ts`): a claim's row may depend on how many came
   * before it. As many as `violations`.
   */
  inForce: readonly ViolationRef[];
  /** As last announced. */
  status: "active" | "exited";
  exitedAt: Instant | null;
  exitReason: ExitReason | null;
  /** The earliest final exit reported (an exception report in the window, a withdrawal). */
  finalExit: { at: Instant; reason: "exception_report" | "withdrew" } | null;
  /** Whether time has been settled past `finalExit` (it then holds for good). */
  finalApplied: boolean;
  changes: number;
  nextKey: number | null;
}

export interface FulfilmentState {
  orders: Map<string, OrderRecord>;
  listings: Map<string, ListingRecord>;
  merchants: Map<string, MerchantRecord>;
  /** Orders and merchants with a decision pending, by settle key. */
  queue: SettleQueue;
  /** Every decision with a settle key below this has been taken (keys.ts). */
  settled: number;
  /**
   * Orders paid on a product before it was listed, by product: a listing that arrives later
   * and dates from before such a payment changes its guarantee, so those orders are looked at
   * again. Almost always empty.
   */
  unlisted: Map<string, number>;
}

/** The shared empty list new orders start with (a quarter of a million orders, one array). */
export const NONE: readonly never[] = Object.freeze([]);

export function emptyState(): FulfilmentState {
  return {
    orders: new Map(),
    listings: new Map(),
    merchants: new Map(),
    queue: newQueue(),
    settled: Number.NEGATIVE_INFINITY,
    unlisted: new Map(),
  };
}
