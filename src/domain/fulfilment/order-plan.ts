import type { Campaign, Instant } from "../campaign/model.js";
import type { ManualRefundReason, ViolationKind } from "./decisions.js";
import type { OrderRecord, RefundFact } from "./state.js";

/**
 * What an order's facts call for, as a pure function of them alone (rules `ship.deadline`,
 * `ship.late`, `ship.false`, `ship.one_violation`, `refund.instant`, `refund.offline_shipped`):
 * each refund request's verdict, the intercepts, and the one shipping violation the order
 * yields if nothing else is reported. No clock: every item carries its own instant, and the
 * caller takes the items whose settle key time has passed. Facts at the same instant count in
 * the order: paid, shipped, picked up, delivered, refund requested.
 */
export interface OrderPlan {
  /** When the first refund that goes through instantly was requested. */
  refundedAt: Instant | null;
  /** An online click after the order was refunded: stop that parcel. */
  clickInterceptAt: Instant | null;
  /** A carrier scan of a parcel never clicked, on a refunded order: stop it. */
  pickupInterceptAt: Instant | null;
  violation: ViolationKind | null;
  /** The missed deadline. */
  violationAt: Instant | null;
}

const HOUR_MS = 3_600_000;

/** The instant-refund verdict of one request; `refundedBefore`: an earlier one went through. */
export function refundVerdict(
  order: OrderRecord,
  request: RefundFact,
  refundedBefore: boolean,
  policy: Campaign["policy"],
): ManualRefundReason | "approved" {
  const rule = policy.instantRefund;
  if (!rule.kinds.includes(request.kind)) return "kind";
  if (order.shippedAt !== null && order.shippedAt <= request.at) return "shipped_online";
  if (refundedBefore) return "already_refunded";
  if (request.amountFen > order.amountFen) return "over_order_amount";
  if (request.amountFen > rule.maxAmountFen) return "over_instant_limit";
  return "approved";
}

/** The plan, written into `plan` (a caller's scratch object: this runs for every fact). */
export function planOrder(
  order: OrderRecord,
  policy: Campaign["policy"],
  plan: OrderPlan,
): OrderPlan {
  let refundedAt: Instant | null = null;
  for (const r of order.refunds) {
    if (refundedAt !== null) break;
    if (refundVerdict(order, r, false, policy) === "approved") refundedAt = r.at;
  }
  const s = order.shippedAt;
  const p = order.pickedUpAt;
  plan.refundedAt = refundedAt;
  plan.clickInterceptAt = s !== null && refundedAt !== null && refundedAt < s ? s : null;
  plan.pickupInterceptAt =
    refundedAt !== null && p !== null && (s === null || s > p) ? Math.max(p, refundedAt) : null;
  plan.violation = null;
  plan.violationAt = null;
  const due = order.shipDueAt;
  const refundedInTime = refundedAt !== null && refundedAt <= due;
  if (!refundedInTime && (s === null || s > due)) {
    plan.violation = "late_shipment";
    plan.violationAt = due;
  } else if (s !== null && refundedAt === null) {
    // Shipped online in time: the carrier must scan the parcel (a delivery proves it did).
    const pickupDue = s + policy.falseShipment.pickupWithinHours * HOUR_MS;
    const d = order.deliveredAt;
    if (!(p !== null && p <= pickupDue) && !(d !== null && d <= pickupDue)) {
      plan.violation = "false_shipment";
      plan.violationAt = pickupDue;
    }
  }
  // An upheld appeal waives the order's violation for good (one violation per order).
  if (plan.violation !== null && order.waived.includes(plan.violation)) {
    plan.violation = null;
    plan.violationAt = null;
  }
  return plan;
}

export function emptyPlan(): OrderPlan {
  // Stryker disable next-line ObjectLiteral: planOrder writes every field before any is read
  return {
    refundedAt: null,
    clickInterceptAt: null,
    pickupInterceptAt: null,
    violation: null,
    violationAt: null,
  };
}
