/**
 * The channel's event contract, defined once: each event type's fields, their kinds and limits,
 * as Zod schemas. The TypeScript types of events (`events.ts`) are derived from these; the
 * careful validator (`validate.ts`) parses with them; the fast paths (`fast-read.ts`,
 * `scan-event.ts`) are hand-written for speed and held to them by property tests
 * (`contract.test.ts`: for generated events, valid and not, each fast path's answer is the
 * schema's). See docs/interfaces.md, "Events".
 *
 * Each schema takes the event as parsed JSON: `at` is ISO-8601 text with an offset and comes out
 * as an instant (epoch ms, `parseInstant`); only the contract's fields come out (an event's `id`
 * and any annotation are dropped), in the order listed here.
 */
import { z } from "zod";
import { parseInstant } from "../../time/parse.js";
import {
  fenField,
  idField,
  objectField,
  oneOfField,
  optionalHoursField,
  show,
  textField,
} from "./fields.js";
import { MAX_TEXT_LENGTH } from "./limits.js";

export const EVENT_TYPES = [
  "product.listed",
  "order.paid",
  "order.shipped",
  "order.picked_up",
  "order.delivered",
  "refund.requested",
  "merchant.exception_report",
  "clock",
] as const;

export const BUYER_RISKS = ["normal", "high"] as const;
export const REFUND_KINDS = ["refund_only", "return_refund"] as const;

/** The code `validate.ts` gives an `at` that is text but no time with an offset. */
export const INVALID_TIME = "invalid_time";

/** `at`: ISO-8601 with an offset, read by the one timestamp reader into epoch milliseconds. */
const at = textField("at", MAX_TEXT_LENGTH).transform((text, ctx) => {
  const instant = parseInstant(text);
  if (instant !== null) return instant;
  ctx.issues.push({
    code: "custom",
    input: text,
    params: { code: INVALID_TIME },
    message: `at must be an ISO-8601 time with an offset, like 2024-02-10T09:00:00+08:00, got ${show(text)}`,
  });
  return z.NEVER;
});

const event = <T extends (typeof EVENT_TYPES)[number], S extends z.ZodRawShape>(
  type: T,
  shape: S,
) => z.object({ type: z.literal(type), at, ...shape });

export const ProductListed = event("product.listed", {
  merchantId: idField("merchantId"),
  productId: idField("productId"),
  /** `null` (or absent) = no guarantee recorded; the policy's default applies. */
  shippingGuaranteeHours: optionalHoursField("shippingGuaranteeHours"),
});

export const OrderPaid = event("order.paid", {
  orderId: idField("orderId"),
  merchantId: idField("merchantId"),
  productId: idField("productId"),
  amountFen: fenField("amountFen"),
  region: idField("region"),
  buyer: objectField("buyer", {
    id: idField("buyer.id"),
    risk: oneOfField("buyer.risk", BUYER_RISKS),
  }),
});

export const OrderShipped = event("order.shipped", {
  orderId: idField("orderId"),
  trackingNo: idField("trackingNo"),
  carrier: idField("carrier"),
});

export const OrderPickedUp = event("order.picked_up", { orderId: idField("orderId") });

export const OrderDelivered = event("order.delivered", { orderId: idField("orderId") });

export const RefundRequested = event("refund.requested", {
  orderId: idField("orderId"),
  refundId: idField("refundId"),
  amountFen: fenField("amountFen"),
  kind: oneOfField("kind", REFUND_KINDS),
});

export const ExceptionReport = event("merchant.exception_report", {
  merchantId: idField("merchantId"),
  reason: textField("reason"),
});

export const Clock = event("clock", {});

/** Every event type's schema, by type. */
export const EVENT_SCHEMAS = {
  "product.listed": ProductListed,
  "order.paid": OrderPaid,
  "order.shipped": OrderShipped,
  "order.picked_up": OrderPickedUp,
  "order.delivered": OrderDelivered,
  "refund.requested": RefundRequested,
  "merchant.exception_report": ExceptionReport,
  clock: Clock,
} as const;

/** Every field any event type has, `type` and `at` included (an event's own `id` is not one). */
export const CONTRACT_FIELDS: ReadonlySet<string> = new Set(
  Object.values(EVENT_SCHEMAS).flatMap((schema) => Object.keys(schema.shape)),
);

/** Any channel event, chosen by its `type`. */
export const ChannelEvent = z.discriminatedUnion("type", [
  ProductListed,
  OrderPaid,
  OrderShipped,
  OrderPickedUp,
  OrderDelivered,
  RefundRequested,
  ExceptionReport,
  Clock,
]);
