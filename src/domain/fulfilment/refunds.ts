import type { Campaign } from "../campaign/model.js";
import { inWindow } from "../time/index.js";
import type { Decision, ManualRefundReason } from "./decisions.js";
import type { RefundRequested } from "./events.js";
import { closeObligation } from "./obligations.js";
import type { OrderRecord } from "./state.js";

/**
 * Rule `refund.instant`: a refund-only request on an order not shipped online, within the
 * instant limit, inside the activity window, is approved at the request's instant with no
 * merchant step. Everything else waits for the merchant, with the first unmet condition as the
 * reason. Two guards beyond the contract's list, both failing towards a person: an order already
 * refunded, and a request above the order's own amount, never go through instantly.
 */
export function manualRefundReason(
  order: OrderRecord,
  request: RefundRequested,
  campaign: Campaign,
): ManualRefundReason | null {
  const rule = campaign.policy.instantRefund;
  if (!rule.kinds.includes(request.kind)) return "kind";
  if (order.shippedAt !== null) return "shipped_online";
  if (order.refundedAt !== null) return "already_refunded";
  if (request.amountFen > order.amountFen) return "over_order_amount";
  if (request.amountFen > rule.maxAmountFen) return "over_instant_limit";
  if (!inWindow(campaign.windows[rule.window], request.at)) return "outside_window";
  return null;
}

export function onRefundRequested(
  order: OrderRecord,
  request: RefundRequested,
  campaign: Campaign,
  out: Decision[],
): void {
  const { orderId, refundId, amountFen, at } = request;
  order.refundIds = [...order.refundIds, refundId];
  const reason = manualRefundReason(order, request, campaign);
  if (reason !== null) {
    out.push({ type: "refund.awaiting_merchant", at, orderId, refundId, reason });
    return;
  }
  // Refunded before shipping: nothing is owed any more, so the ship deadline is withdrawn.
  order.refundedAt = at;
  closeObligation(order, "ship");
  out.push({ type: "refund.approved", at, orderId, refundId, amountFen, instant: true });
  // Rule `refund.offline_shipped`: a parcel shipped offline is already with the carrier.
  if (order.pickedUpAt !== null) {
    out.push({ type: "parcel.intercept_required", at, orderId, reason: "carrier_pickup" });
  }
}
