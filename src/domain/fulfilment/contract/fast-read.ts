import { parseInstant } from "../../time/index.js";
import type { ChannelEvent } from "./events.js";
import { MAX_ID_LENGTH, MAX_TEXT_LENGTH } from "./limits.js";
import { isStorableText } from "./storable-text.js";

/**
 * The hot path of validation: a well-formed event read with plain type checks and no
 * allocation beyond the typed event. It accepts exactly what the contract's schema accepts
 * (`schema.ts`; `contract.test.ts` holds the two together); on anything doubtful it answers
 * `undefined` and the careful reader in `validate.ts` runs instead to name the problem.
 */
const isId = (v: unknown): v is string =>
  typeof v === "string" && v.length > 0 && v.length <= MAX_ID_LENGTH && isStorableText(v);
const isFen = (v: unknown): v is number =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

export function readEventFast(raw: unknown): ChannelEvent | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const { type, at: atText } = r;
  if (typeof atText !== "string") return undefined;
  const at = parseInstant(atText);
  if (at === null) return undefined;
  switch (type) {
    case "order.paid": {
      const { orderId, merchantId, productId, amountFen, region, buyer } = r;
      if (
        !(isId(orderId) && isId(merchantId) && isId(productId) && isFen(amountFen) && isId(region))
      )
        return undefined;
      if (typeof buyer !== "object" || buyer === null) return undefined;
      const { id, risk } = buyer as Record<string, unknown>;
      if (!isId(id) || (risk !== "normal" && risk !== "high")) return undefined;
      return { type, at, orderId, merchantId, productId, amountFen, region, buyer: { id, risk } };
    }
    case "order.shipped": {
      const { orderId, trackingNo, carrier } = r;
      if (!(isId(orderId) && isId(trackingNo) && isId(carrier))) return undefined;
      return { type, at, orderId, trackingNo, carrier };
    }
    case "order.picked_up":
    case "order.delivered": {
      const { orderId } = r;
      return isId(orderId) ? { type, at, orderId } : undefined;
    }
    case "refund.requested": {
      const { orderId, refundId, amountFen, kind } = r;
      if (!(isId(orderId) && isId(refundId) && isFen(amountFen))) return undefined;
      if (kind !== "refund_only" && kind !== "return_refund") return undefined;
      return { type, at, orderId, refundId, amountFen, kind };
    }
    case "product.listed": {
      const { merchantId, productId, shippingGuaranteeHours: h } = r;
      if (!(isId(merchantId) && isId(productId))) return undefined;
      if (h === undefined || h === null)
        return { type, at, merchantId, productId, shippingGuaranteeHours: null };
      if (!(typeof h === "number" && Number.isInteger(h) && h > 0 && h <= 8760)) return undefined;
      return { type, at, merchantId, productId, shippingGuaranteeHours: h };
    }
    case "merchant.exception_report": {
      const { merchantId, reason } = r;
      if (!(isId(merchantId) && typeof reason === "string")) return undefined;
      if (reason.length > MAX_TEXT_LENGTH || !isStorableText(reason)) return undefined;
      return { type, at, merchantId, reason };
    }
    case "clock":
      return { type, at };
    default:
      return undefined;
  }
}
