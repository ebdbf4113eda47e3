/**
 * One idempotency key per external effect of a decision. The decisions table is unique on
 * (campaign, key): a refund is decided once per refund id, a claim paid once per violation, a
 * correction made once, whatever retries or second servers do.
 *
 * Corrections can make an effect come back (a violation revoked, then recorded again after a
 * listing came late; a product delisted, relisted, delisted again), so keys carry an occurrence:
 * the n-th violation of a kind on an order (`#n` from the second), the n-th standing change of a
 * listing or a merchant. `EffectKeys` counts them from the records as they were loaded, walking
 * a transaction's decisions in the order taken. A claim evaluated again (the merchant's history
 * changed) is a claim of its own: its revision `@n` ends the key, and its undoing's.
 */
import type {
  Decision,
  ListingRecord,
  MerchantRecord,
  OrderRecord,
} from "../../domain/fulfilment/index.js";

export interface Before {
  order(orderId: string): OrderRecord | undefined;
  listing(productId: string): ListingRecord | undefined;
  merchant(merchantId: string): MerchantRecord | undefined;
}

export class EffectKeys {
  private readonly revocations = new Map<string, number>();
  private readonly changes = new Map<string, number>();

  constructor(private readonly before: Before) {}

  key(d: Decision): string {
    switch (d.type) {
      case "refund.approved":
      case "refund.awaiting_merchant":
        return `refund:${d.orderId}:${d.refundId}`;
      case "refund.contradicted":
        return `refund-contradicted:${d.orderId}:${d.refundId}`;
      case "violation.recorded":
        return `violation:${d.orderId}:${d.kind}${this.occurrence(d.orderId, d.kind, 0)}`;
      case "claim.paid":
      case "claim.held":
        return `claim:${d.orderId}:${d.kind}${this.occurrence(d.orderId, d.kind, 0)}${revision(d.revision)}`;
      case "violation.revoked": {
        const name = `${d.orderId}:${d.kind}`;
        const n = this.occurrence(d.orderId, d.kind, 0);
        this.revocations.set(name, (this.revocations.get(name) ?? 0) + 1);
        return `revoke:${name}${n}`;
      }
      case "claim.reversed":
      case "claim.withdrawn": {
        // The claim's own key behind `claim-undo:`. Undone with its violation: after the
        // revocation, which counted it, so the occurrence before; for its next revision: the
        // violation still in force.
        const shift = d.reason === "repriced" ? 0 : -1;
        return `claim-undo:${d.orderId}:${d.kind}${this.occurrence(d.orderId, d.kind, shift)}${revision(d.revision)}`;
      }
      case "listing.weight_changed":
      case "listing.delisted":
      case "listing.relisted":
        return `listing:${d.productId}:${this.change(`l:${d.productId}`, () => this.before.listing(d.productId)?.changes)}`;
      case "merchant.exited":
      case "merchant.reinstated":
        return `merchant:${d.merchantId}:${this.change(`m:${d.merchantId}`, () => this.before.merchant(d.merchantId)?.changes)}`;
      case "parcel.intercept_required":
        return `intercept:${d.orderId}:${d.reason}`;
    }
  }

  /** "" for the first occurrence of (order, kind), `#2`, `#3`… after revocations. */
  private occurrence(orderId: string, kind: string, shift: number): string {
    const stored = this.before.order(orderId)?.revoked.filter((k) => k === kind).length ?? 0;
    const n = stored + (this.revocations.get(`${orderId}:${kind}`) ?? 0) + shift;
    return n <= 0 ? "" : `#${n + 1}`;
  }

  /** The standing change's number: the stored count, plus those earlier in this transaction. */
  private change(name: string, stored: () => number | undefined): number {
    const n = (this.changes.get(name) ?? stored() ?? 0) + 1;
    this.changes.set(name, n);
    return n;
  }
}

/** A claim's revision in its key: none for the first evaluation, `@n` for the n-th again. */
function revision(n: number | undefined): string {
  return n === undefined || n === 0 ? "" : `@${n}`;
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
