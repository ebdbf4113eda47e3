import { parseInstant } from "../time/index.js";
import type { BuyerRisk, ChannelEvent, Checked, EventType, RefundKind } from "./events.js";
import { readEventFast } from "./fast-read.js";
import { FieldReader, isRecord, show } from "./fields.js";

/**
 * One raw event (parsed JSON) → a typed event, or the first problem as `{code, message, field}`.
 * Never throws. Extra fields (an `id`, annotations) are ignored; only contract fields are copied.
 */
const EVENT_TYPES: readonly EventType[] = [
  "product.listed",
  "order.paid",
  "order.shipped",
  "order.picked_up",
  "order.delivered",
  "refund.requested",
  "merchant.exception_report",
  "clock",
];
const RISKS: readonly BuyerRisk[] = ["normal", "high"];
const REFUND_KINDS: readonly RefundKind[] = ["refund_only", "return_refund"];

export function validateEvent(raw: unknown): Checked<ChannelEvent> {
  const fast = readEventFast(raw);
  return fast === undefined ? validateCarefully(raw) : { ok: true, value: fast };
}

/** Field by field, stopping at the first problem, which it names. */
export function validateCarefully(raw: unknown): Checked<ChannelEvent> {
  if (!isRecord(raw)) {
    return {
      ok: false,
      error: { code: "invalid_event", message: `an event must be a JSON object, got ${show(raw)}` },
    };
  }
  if (typeof raw.type === "string" && !EVENT_TYPES.includes(raw.type as EventType)) {
    const message = `type ${show(raw.type)} is not an event type; expected one of ${EVENT_TYPES.join(", ")}`;
    return { ok: false, error: { code: "unknown_type", message, field: "type" } };
  }
  const r = new FieldReader(raw);
  const type = r.oneOf("type", EVENT_TYPES);
  const atText = r.text("at");
  if (type === undefined || atText === undefined) return { ok: false, error: r.error! };
  const at = parseInstant(atText);
  if (at === null) {
    const message = `at must be an ISO-8601 time with an offset, like 2024-02-10T09:00:00+08:00, got ${show(atText)}`;
    return { ok: false, error: { code: "invalid_time", message, field: "at" } };
  }
  const event = readFields(r, type, at);
  return r.error === null && event !== undefined
    ? { ok: true, value: event }
    : { ok: false, error: r.error! };
}

function readFields(r: FieldReader, type: EventType, at: number): ChannelEvent | undefined {
  switch (type) {
    case "product.listed":
      return {
        type,
        at,
        merchantId: r.id("merchantId")!,
        productId: r.id("productId")!,
        shippingGuaranteeHours: r.optionalHours("shippingGuaranteeHours")!,
      };
    case "order.paid": {
      const event = {
        type,
        at,
        orderId: r.id("orderId")!,
        merchantId: r.id("merchantId")!,
        productId: r.id("productId")!,
        amountFen: r.fen("amountFen")!,
        region: r.id("region")!,
      };
      const buyer = r.object("buyer");
      if (buyer === undefined) return undefined;
      const id = r.id("buyer.id", buyer.id);
      const risk = r.oneOf("buyer.risk", RISKS, buyer.risk);
      return id === undefined || risk === undefined ? undefined : { ...event, buyer: { id, risk } };
    }
    case "order.shipped":
      return {
        type,
        at,
        orderId: r.id("orderId")!,
        trackingNo: r.id("trackingNo")!,
        carrier: r.id("carrier")!,
      };
    case "order.picked_up":
    case "order.delivered":
      return { type, at, orderId: r.id("orderId")! };
    case "refund.requested":
      return {
        type,
        at,
        orderId: r.id("orderId")!,
        refundId: r.id("refundId")!,
        amountFen: r.fen("amountFen")!,
        kind: r.oneOf("kind", REFUND_KINDS)!,
      };
    case "merchant.exception_report":
      return { type, at, merchantId: r.id("merchantId")!, reason: r.text("reason")! };
    case "clock":
      return { type, at };
  }
}
