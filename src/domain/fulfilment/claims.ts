import type { Policy } from "../campaign/model.js";
import { applyBasisPoints, clampFen } from "../money/index.js";
import type { Decision, ViolationKind } from "./decisions.js";
import type { MerchantRecord, OrderRecord } from "./state.js";

/**
 * The automatic evaluation after a violation (rule `enforce.evaluation`): from the scenario, the
 * order's facts, the merchant's history and the buyer, either pay the buyer at once or send the
 * claim to a person. The reference policy uses the buyer's risk and the order amount; the
 * merchant record is passed so a policy that weighs history needs no new plumbing.
 */
export function compensationFen(amountFen: number, policy: Policy["compensation"]): number {
  const raw = applyBasisPoints(amountFen, policy.rateBasisPoints);
  return clampFen(raw, policy.minFen, policy.maxFen);
}

export function evaluateClaim(
  order: OrderRecord,
  kind: ViolationKind,
  at: number,
  _merchant: MerchantRecord,
  policy: Policy["compensation"],
): Decision {
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
