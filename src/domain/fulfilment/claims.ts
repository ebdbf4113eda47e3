import type { Instant, Policy } from "../campaign/model.js";
import { applyBasisPoints, clampFen } from "../money/index.js";
import type { Decision, ViolationKind } from "./decisions.js";
import type { ClaimRecord, MerchantRecord, OrderRecord } from "./state.js";

/**
 * The automatic evaluation after a violation (rule `enforce.evaluation`): from the scenario, the
 * order's facts, the merchant's history and the buyer, either pay the buyer at once or send the
 * claim to a person. The reference policy uses the buyer's risk and the order amount; the
 * merchant record is passed so a policy that weighs history needs no new plumbing. A claim
 * follows its violation: revoked, a paid claim is reversed and a held one withdrawn.
 */
export function compensationFen(amountFen: number, policy: Policy["compensation"]): number {
  const raw = applyBasisPoints(amountFen, policy.rateBasisPoints);
  return clampFen(raw, policy.minFen, policy.maxFen);
}

export function evaluateClaim(
  order: OrderRecord,
  kind: ViolationKind,
  at: Instant,
  _merchant: MerchantRecord,
  policy: Policy["compensation"],
): Decision & { type: "claim.paid" | "claim.held" } {
  if (policy.holdForBuyerRisk.includes(order.buyerRisk)) {
    return {
      type: "claim.held",
      at,
      orderId: order.orderId,
      buyerId: order.buyerId,
      reason: "buyer_risk",
      kind,
    };
  }
  return {
    type: "claim.paid",
    at,
    orderId: order.orderId,
    buyerId: order.buyerId,
    amountFen: compensationFen(order.amountFen, policy),
    kind,
  };
}

/** What the order keeps of a claim decided, to undo it if its violation goes. */
export function claimRecord(
  decision: Decision & { type: "claim.paid" | "claim.held" },
): ClaimRecord {
  return decision.type === "claim.paid"
    ? { kind: decision.kind, status: "paid", amountFen: decision.amountFen }
    : { kind: decision.kind, status: "held", amountFen: 0 };
}

/** Undoing a claim: money paid comes back, a claim waiting for a person is withdrawn. */
export function undoClaim(order: OrderRecord, claim: ClaimRecord, at: Instant): Decision | null {
  const { orderId, buyerId } = order;
  if (claim.status === "paid") {
    return {
      type: "claim.reversed",
      at,
      orderId,
      buyerId,
      kind: claim.kind,
      amountFen: claim.amountFen,
    };
  }
  if (claim.status === "held")
    return { type: "claim.withdrawn", at, orderId, buyerId, kind: claim.kind };
  return null;
}
