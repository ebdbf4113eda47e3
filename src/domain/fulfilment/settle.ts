import type { Campaign, Instant } from "../campaign/model.js";
import { claimRecord, evaluateClaim, reevaluateLaterClaims, undoClaim } from "./claims.js";
import type { Decision, RevocationReason } from "./decisions.js";
import { violationsBefore } from "./history.js";
import { deadlineKey, eventKey } from "./keys.js";
import { emptyPlan, planOrder, refundVerdict } from "./order-plan.js";
import {
  isOrder,
  pushEntry,
  RANK_EVENT,
  RANK_MERCHANT,
  RANK_PICKUP,
  RANK_SHIP,
  type Target,
} from "./settle-queue.js";
import { countViolation, merchantOf, reconcileMerchant } from "./standing.js";
import {
  type FulfilmentState,
  INTERCEPT_CLICK,
  INTERCEPT_PICKUP,
  type MerchantRecord,
  type OrderRecord,
} from "./state.js";

/**
 * Settling: bringing what has been decided about an order (or a merchant) in line with what its
 * facts call for up to a settle key (keys.ts), announcing the difference. Decisions due before
 * `bound` are taken with their own instants; a decision taken earlier that the facts no longer
 * support is corrected at `now` (docs/interfaces.md, "Time, lateness and corrections"). Then the
 * order's next pending decision goes into the queue.
 *
 * The deadline sweep and a late fact run the same code: time passing only adds decisions; a fact
 * that came late may also take one back.
 */
const plan = emptyPlan();

/** An item the plan calls for, in settling order: key, then click, refund, pickup. */
interface Item {
  key: number;
  tie: number;
  kind: "click" | "refund" | "pickup" | "violation";
  index: number;
}
// Stryker disable next-line ArrayDeclaration: emptied before every use
const items: Item[] = [];

export function settleOrder(
  state: FulfilmentState,
  order: OrderRecord,
  bound: number,
  now: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  if (!order.campaign) return;
  const { policy } = campaign;
  planOrder(order, policy, plan);
  // The violation the facts call for, once time has passed it. One already in force stays while
  // the facts still call for it, whatever the bound: a bound lower than one an earlier run
  // settled to (another process's clock a little behind) never takes a decision back. One whose
  // deadline moved (a listing reported late changed the order's guarantee) is another
  // violation: revoked, and recorded again at its deadline, so its place in the merchant's
  // history (and the claims after it) follows.
  const planned = plan.violation;
  const standing = order.violation === planned && order.violationAt === plan.violationAt;
  const target =
    planned !== null && (deadlineKey(plan.violationAt!) < bound || standing) ? planned : null;
  if (order.violation !== null && (order.violation !== target || !standing)) {
    const reason = order.waived.includes(order.violation) ? "appeal_upheld" : "late_event";
    revoke(state, order, reason, now, campaign, out);
  }

  items.length = 0;
  let refundedBefore = false;
  const { refunds } = order;
  for (let i = 0; i < refunds.length; i++) {
    const r = refunds[i]!;
    const verdict = refundVerdict(order, r, refundedBefore, policy);
    if (verdict === "approved") refundedBefore = true;
    const settledNow = eventKey(r.at) < bound;
    if (r.decided === null && settledNow) items.push(item(eventKey(r.at), 1, "refund", i));
    else if (r.decided === "approved" && verdict !== "approved") {
      // Paid on what was known; a fact that came late says it should not have been.
      r.decided = "contradicted";
      const { orderId } = order;
      out.push({
        type: "refund.contradicted",
        at: now,
        orderId,
        refundId: r.refundId,
        reason: verdict,
      });
    }
  }
  if (plan.clickInterceptAt !== null && (order.intercepts & INTERCEPT_CLICK) === 0) {
    const key = eventKey(plan.clickInterceptAt);
    if (key < bound) items.push(item(key, 0, "click", 0));
  }
  if (plan.pickupInterceptAt !== null && (order.intercepts & INTERCEPT_PICKUP) === 0) {
    const key = eventKey(plan.pickupInterceptAt);
    if (key < bound) items.push(item(key, 2, "pickup", 0));
  }
  if (target !== null && order.violation === null) {
    items.push(item(deadlineKey(plan.violationAt!), 0, "violation", 0));
  }
  if (items.length > 1) items.sort((a, b) => a.key - b.key || a.tie - b.tie);
  for (const it of items) take(state, order, it, now, campaign, out);
  schedule(state, order);
}

function item(key: number, tie: number, kind: Item["kind"], index: number): Item {
  return { key, tie, kind, index };
}

function take(
  state: FulfilmentState,
  order: OrderRecord,
  it: Item,
  now: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  const { orderId } = order;
  switch (it.kind) {
    case "refund": {
      const r = order.refunds[it.index]!;
      // Verdicts depend on the requests before this one, all decided by now (key order).
      let refundedBefore = false;
      for (let i = 0; i < it.index; i++) {
        const earlier = order.refunds[i]!;
        if (refundVerdict(order, earlier, refundedBefore, campaign.policy) === "approved") {
          refundedBefore = true;
        }
      }
      const verdict = refundVerdict(order, r, refundedBefore, campaign.policy);
      r.decided = verdict;
      const { refundId, amountFen, at } = r;
      if (verdict === "approved") {
        out.push({ type: "refund.approved", at, orderId, refundId, amountFen, instant: true });
      } else {
        out.push({ type: "refund.awaiting_merchant", at, orderId, refundId, reason: verdict });
      }
      return;
    }
    case "click":
      order.intercepts |= INTERCEPT_CLICK;
      out.push({
        type: "parcel.intercept_required",
        at: plan.clickInterceptAt!,
        orderId,
        reason: "online_click",
        trackingNo: order.trackingNo!,
        carrier: order.carrier!,
      });
      return;
    case "pickup":
      order.intercepts |= INTERCEPT_PICKUP;
      out.push({
        type: "parcel.intercept_required",
        at: plan.pickupInterceptAt!,
        orderId,
        reason: "carrier_pickup",
      });
      return;
    case "violation":
      record(state, order, now, campaign, out);
      return;
  }
}

/**
 * A missed deadline becomes a violation, then the buyer's claim (with the merchant's violations
 * before it), then the standing; the claims after it in the merchant's history, if any (a fact
 * that came late, or another violation at the same instant), are evaluated again at `now`.
 */
function record(
  state: FulfilmentState,
  order: OrderRecord,
  now: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  const kind = plan.violation!;
  const at = plan.violationAt!;
  const { orderId, merchantId, productId } = order;
  order.violation = kind;
  order.violationAt = at;
  out.push({ type: "violation.recorded", at, orderId, merchantId, productId, kind });
  const before = violationsBefore(merchantOf(state, merchantId), at, orderId);
  const claim = evaluateClaim(order, kind, at, before, campaign.policy.claims);
  order.claim = claim === null ? null : claimRecord(claim);
  if (claim !== null) out.push(claim);
  countViolation(state, order, at, 1, at, campaign.policy, out);
  reevaluateLaterClaims(state, merchantId, at, orderId, Math.max(now, at), campaign, out);
}

/** The violation in force no longer stands: it, its claim, and the standing, undone at `now`. */
export function revoke(
  state: FulfilmentState,
  order: OrderRecord,
  reason: RevocationReason,
  now: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  const kind = order.violation!;
  const violationAt = order.violationAt!;
  const { orderId, merchantId, productId } = order;
  order.violation = null;
  order.violationAt = null;
  order.revoked = [...order.revoked, kind];
  out.push({ type: "violation.revoked", at: now, orderId, merchantId, productId, kind, reason });
  if (order.claim !== null) {
    const undone = undoClaim(order, order.claim, now);
    if (undone !== null) out.push(undone);
    order.claim = null;
  }
  countViolation(state, order, violationAt, -1, now, campaign.policy, out);
  reevaluateLaterClaims(state, merchantId, violationAt, orderId, now, campaign, out);
}

/** Queues the order's next pending decision (the plan as it stands, past `bound`). */
function schedule(state: FulfilmentState, order: OrderRecord): void {
  let key = Number.POSITIVE_INFINITY;
  // Stryker disable next-line StringLiteral: a lane's name only groups entries; any name that keeps the lanes apart settles the same
  let lane = "e";
  let rank = RANK_EVENT;
  for (const r of order.refunds) {
    if (r.decided === null) {
      key = Math.min(key, eventKey(r.at));
      break;
    }
  }
  if (plan.clickInterceptAt !== null && (order.intercepts & INTERCEPT_CLICK) === 0) {
    key = Math.min(key, eventKey(plan.clickInterceptAt));
  }
  if (plan.pickupInterceptAt !== null && (order.intercepts & INTERCEPT_PICKUP) === 0) {
    key = Math.min(key, eventKey(plan.pickupInterceptAt));
  }
  if (plan.violation !== null && order.violation !== plan.violation) {
    const due = deadlineKey(plan.violationAt!);
    if (due < key) {
      key = due;
      if (plan.violation === "late_shipment") {
        // Stryker disable next-line StringLiteral,ArithmeticOperator: a lane's name only groups entries; any name that keeps the durations apart settles the same
        lane = `s${order.shipDueAt - order.paidAt}`;
        rank = RANK_SHIP;
      } else {
        // Stryker disable next-line StringLiteral: a lane's name only groups entries; any name that keeps the lanes apart settles the same
        lane = "p";
        rank = RANK_PICKUP;
      }
    }
  }
  const next = key === Number.POSITIVE_INFINITY ? null : key;
  if (next === order.nextKey) return;
  order.nextKey = next;
  if (next !== null) pushEntry(state.queue, lane, rank, next, order);
}

/**
 * A merchant's own facts: a final exit (an exception report in the window, a withdrawal) takes
 * effect once time is settled past it.
 */
export function settleMerchant(
  state: FulfilmentState,
  merchant: MerchantRecord,
  bound: number,
  campaign: Campaign,
  out: Decision[],
): void {
  const final = merchant.finalExit;
  if (final === null || merchant.finalApplied) {
    merchant.nextKey = null;
    return;
  }
  const key = eventKey(final.at);
  if (key < bound) {
    merchant.finalApplied = true;
    merchant.nextKey = null;
    reconcileMerchant(merchant, final.at, campaign.policy.exit, out);
    return;
  }
  if (merchant.nextKey === key) return;
  merchant.nextKey = key;
  // Stryker disable next-line StringLiteral: a lane's name only groups entries; any name that keeps the lanes apart settles the same
  pushEntry(state.queue, "m", RANK_MERCHANT, key, merchant);
}

/** Settles one queue entry's target up to and including `key`. */
export function settleTarget(
  state: FulfilmentState,
  target: Target,
  key: number,
  campaign: Campaign,
  out: Decision[],
): void {
  if (target.nextKey !== key) return; // stale: the target moved on since
  if (isOrder(target)) settleOrder(state, target, key + 1, Math.floor(key / 2), campaign, out);
  else settleMerchant(state, target, key + 1, campaign, out);
}

/** Queues a merchant record loaded from storage whose final exit is still pending. */
export function requeue(state: FulfilmentState, target: Target): void {
  const key = target.nextKey;
  if (key === null) return;
  if (!isOrder(target)) {
    // Stryker disable next-line StringLiteral: a lane's name only groups entries; any name that keeps the lanes apart settles the same
    pushEntry(state.queue, "m", RANK_MERCHANT, key, target);
    return;
  }
  // Stryker disable next-line StringLiteral: a lane's name only groups entries; any name that keeps the lanes apart settles the same
  if (key % 2 === 0) pushEntry(state.queue, "re", RANK_EVENT, key, target);
  else if (key === deadlineKey(target.shipDueAt)) {
    // Stryker disable next-line StringLiteral: a lane's name only groups entries; any name that keeps the lanes apart settles the same
    pushEntry(state.queue, "rs", RANK_SHIP, key, target);
  } else {
    // Stryker disable next-line StringLiteral: a lane's name only groups entries; any name that keeps the lanes apart settles the same
    pushEntry(state.queue, "rp", RANK_PICKUP, key, target);
  }
}
