import type { Instant } from "../campaign/model.js";

/**
 * The channel's events (contracts.md, "Events"), after validation: `at` is an instant and every
 * field has its checked type. Field names are the contract's; nothing is renamed.
 */
export type BuyerRisk = "normal" | "high";
export type RefundKind = "refund_only" | "return_refund";

export interface ProductListed {
  type: "product.listed";
  at: Instant;
  merchantId: string;
  productId: string;
  /** `null` = no guarantee recorded; the policy's default applies. */
  shippingGuaranteeHours: number | null;
}

export interface OrderPaid {
  type: "order.paid";
  at: Instant;
  orderId: string;
  merchantId: string;
  productId: string;
  amountFen: number;
  region: string;
  buyer: { id: string; risk: BuyerRisk };
}

export interface OrderShipped {
  type: "order.shipped";
  at: Instant;
  orderId: string;
  trackingNo: string;
  carrier: string;
}

export interface OrderPickedUp {
  type: "order.picked_up";
  at: Instant;
  orderId: string;
}

export interface OrderDelivered {
  type: "order.delivered";
  at: Instant;
  orderId: string;
}

export interface RefundRequested {
  type: "refund.requested";
  at: Instant;
  orderId: string;
  refundId: string;
  amountFen: number;
  kind: RefundKind;
}

export interface ExceptionReport {
  type: "merchant.exception_report";
  at: Instant;
  merchantId: string;
  reason: string;
}

export interface Clock {
  type: "clock";
  at: Instant;
}

export type ChannelEvent =
  | ProductListed
  | OrderPaid
  | OrderShipped
  | OrderPickedUp
  | OrderDelivered
  | RefundRequested
  | ExceptionReport
  | Clock;

export type EventType = ChannelEvent["type"];

/** A refused event: a stable code to test and translate, the field at fault, and words for people. */
/**
 * The longest id an event may carry (order, merchant, product, refund, buyer, tracking number,
 * carrier, region), as for the event's own id. Ids are keys of indexes and of effect keys:
 * PostgreSQL refuses an index entry past ~2.7 kB, which failed a whole batch, and no channel's
 * id comes near this.
 */
export const MAX_ID_LENGTH = 128;

export interface EventError {
  code: string;
  message: string;
  /** The event field that is wrong, when one is (`amountFen`, `buyer.risk`, `at`, ...). */
  field?: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: EventError };
