import type { Campaign, Instant } from "../campaign/model.js";
import { evaluateClaim } from "./claims.js";
import type { Decision, ViolationKind } from "./decisions.js";
import { countMerchantViolation, merchantOf } from "./exit.js";
import type { FulfilmentState, OrderRecord } from "./state.js";
import { applyTraffic } from "./traffic.js";

/**
 * A missed deadline becomes a violation and its consequences, in this order: the violation, the
 * buyer's claim, the product's traffic, the merchant's standing. An order carries each kind of
 * violation at most once, so it can never be compensated twice for the same failure.
 */
export function recordViolation(
  state: FulfilmentState,
  order: OrderRecord,
  kind: ViolationKind,
  at: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  if (order.violations.includes(kind)) return;
  order.violations = [...order.violations, kind];
  const { orderId, merchantId, productId } = order;
  out.push({ type: "violation.recorded", at, orderId, merchantId, productId, kind });
  const merchant = merchantOf(state, merchantId);
  out.push(evaluateClaim(order, kind, at, merchant, campaign.policy.compensation));
  const listing = state.listings.get(productId);
  if (listing !== undefined) applyTraffic(listing, merchant, at, campaign.policy.traffic, out);
  countMerchantViolation(merchant, at, campaign.policy.exit, out);
}
