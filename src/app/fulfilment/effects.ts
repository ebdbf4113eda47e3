/**
 * One idempotency key per external effect of a decision. The decisions table is unique on
 * (campaign, key): a claim is paid once per (order, kind), a refund decided once per refund id,
 * a product delisted once, a merchant exited once, whatever retries or second servers do.
 */
import type { Decision } from "../../domain/fulfilment/index.js";

export function effectKey(d: Decision): string {
  switch (d.type) {
    case "refund.approved":
    case "refund.awaiting_merchant":
      return `refund:${d.orderId}:${d.refundId}`;
    case "violation.recorded":
      return `violation:${d.orderId}:${d.kind}`;
    case "claim.paid":
    case "claim.held":
      return `claim:${d.orderId}:${d.kind}`;
    case "listing.weight_changed":
      return `weight:${d.productId}:${d.violations}`;
    case "listing.delisted":
      return `delist:${d.productId}`;
    case "merchant.exited":
      return `exit:${d.merchantId}`;
    case "parcel.intercept_required":
      return `intercept:${d.orderId}:${d.reason}`;
  }
}

/** The columns a decision is queried by; merchant comes from the order when the decision lacks it. */
export function decisionColumns(d: Decision, merchantOfOrder: (orderId: string) => string | null) {
  const orderId = "orderId" in d ? d.orderId : null;
  const merchantId = "merchantId" in d ? d.merchantId : orderId ? merchantOfOrder(orderId) : null;
  return {
    orderId,
    merchantId,
    productId: "productId" in d ? d.productId : null,
    kind: "kind" in d ? String(d.kind) : "reason" in d ? String(d.reason) : null,
    amountFen: "amountFen" in d ? d.amountFen : null,
  };
}
