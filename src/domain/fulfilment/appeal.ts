import type { Campaign, Instant } from "../campaign/model.js";
import type { Decision, ViolationKind } from "./decisions.js";
import { settleOrder } from "./settle.js";
import type { FulfilmentState } from "./state.js";

/**
 * An upheld appeal (rule `enforce.appeal`): the operator waives the order's violation of this
 * kind for good. No new machinery: the order's plan no longer calls for the violation, so
 * settling it revokes the one in force (`reason: "appeal_upheld"`) and undoes what followed — the
 * claim reversed or withdrawn, the product's weight and listing and the merchant's count-based
 * exit recomputed — all at `now`. A violation already gone (a late fact revoked it) stays gone.
 * `false`: the order is not in the state.
 */
export function waiveViolation(
  state: FulfilmentState,
  orderId: string,
  kind: ViolationKind,
  now: Instant,
  campaign: Campaign,
  out: Decision[],
): boolean {
  const order = state.orders.get(orderId);
  if (order === undefined) return false;
  if (!order.waived.includes(kind)) order.waived = [...order.waived, kind];
  settleOrder(state, order, state.settled, now, campaign, out);
  return true;
}
