/**
 * The channel's events after validation (docs/interfaces.md, "Events"): `at` is an instant and
 * every field has its checked type. Field names are the contract's; nothing is renamed. The
 * types are derived from the schemas in `schema.ts`, the contract's one definition.
 */
import type { z } from "zod";
import type * as schema from "./schema.js";

export { MAX_ID_LENGTH } from "./limits.js";

export type BuyerRisk = (typeof schema.BUYER_RISKS)[number];
export type RefundKind = (typeof schema.REFUND_KINDS)[number];

export type ProductListed = z.output<typeof schema.ProductListed>;
export type OrderPaid = z.output<typeof schema.OrderPaid>;
export type OrderShipped = z.output<typeof schema.OrderShipped>;
export type OrderPickedUp = z.output<typeof schema.OrderPickedUp>;
export type OrderDelivered = z.output<typeof schema.OrderDelivered>;
export type RefundRequested = z.output<typeof schema.RefundRequested>;
export type ExceptionReport = z.output<typeof schema.ExceptionReport>;
export type Clock = z.output<typeof schema.Clock>;

export type ChannelEvent = z.output<typeof schema.ChannelEvent>;

export type EventType = ChannelEvent["type"];

/** A refused event: a stable code to test and translate, the field at fault, and words for people. */
export interface EventError {
  code: string;
  message: string;
  /** The event field that is wrong, when one is (`amountFen`, `buyer.risk`, `at`, ...). */
  field?: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: EventError };
