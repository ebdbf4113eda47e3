import type { ChannelEvent, EventError } from "./events.js";
import type { FulfilmentState } from "./state.js";

/**
 * Whether a well-formed event can apply to this state. Checked before anything moves, so a
 * refused event changes nothing, not even the clock. None of these answers can change when
 * deadlines fire, which is what makes "check, then advance, then apply" sound.
 */
function refuse(code: string, message: string, field?: string): EventError {
  return field === undefined ? { code, message } : { code, message, field };
}

export function precondition(state: FulfilmentState, event: ChannelEvent): EventError | null {
  if (state.clock !== null && event.at < state.clock) {
    return refuse(
      "out_of_order",
      "the event is earlier than one already applied; events must come in time order",
      "at",
    );
  }
  switch (event.type) {
    case "product.listed": {
      const listing = state.listings.get(event.productId);
      if (listing === undefined) return null;
      return refuse(
        "already_listed",
        `product ${event.productId} is already listed (${listing.status})`,
        "productId",
      );
    }
    case "order.paid": {
      if (state.orders.has(event.orderId)) {
        return refuse("duplicate_order", `order ${event.orderId} was already paid`, "orderId");
      }
      const listing = state.listings.get(event.productId);
      if (listing !== undefined && listing.merchantId !== event.merchantId) {
        const msg = `product ${event.productId} is listed by merchant ${listing.merchantId}, not ${event.merchantId}`;
        return refuse("merchant_mismatch", msg, "merchantId");
      }
      return null;
    }
    case "order.shipped":
    case "order.picked_up":
    case "order.delivered":
    case "refund.requested":
      return orderPrecondition(state, event);
    default:
      return null;
  }
}

type OrderEvent = Extract<ChannelEvent, { orderId: string }>;

function orderPrecondition(state: FulfilmentState, event: OrderEvent): EventError | null {
  const order = state.orders.get(event.orderId);
  if (order === undefined)
    return refuse("unknown_order", `no order ${event.orderId} has been paid`, "orderId");
  const id = event.orderId;
  switch (event.type) {
    case "order.shipped":
      return order.shippedAt === null
        ? null
        : refuse("already_shipped", `order ${id} was already shipped online`);
    case "order.picked_up":
      return order.pickedUpAt === null
        ? null
        : refuse("already_picked_up", `order ${id} was already picked up`);
    case "order.delivered":
      return order.deliveredAt === null
        ? null
        : refuse("already_delivered", `order ${id} was already delivered`);
    case "refund.requested":
      return order.refundIds.includes(event.refundId)
        ? refuse(
            "duplicate_refund",
            `refund ${event.refundId} was already requested on order ${id}`,
            "refundId",
          )
        : null;
    default:
      return null;
  }
}
