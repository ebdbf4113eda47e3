import type { Campaign } from "../campaign/model.js";
import type { Decision } from "./decisions.js";
import type { OrderDelivered, OrderPaid, OrderPickedUp, OrderShipped } from "./events.js";
import { closeObligation, openPickupObligation, openShipObligation } from "./obligations.js";
import { type FulfilmentState, type ListingRecord, NONE, type OrderRecord } from "./state.js";

/**
 * An order's life as the channel reports it: paid → shipped online → picked up → delivered.
 * Preconditions (known order, no second click, ...) are checked before these run; here each
 * event only updates the record and opens or closes obligations.
 */
export function onOrderPaid(
  state: FulfilmentState,
  event: OrderPaid,
  listing: ListingRecord | undefined,
  campaign: Campaign,
): void {
  const hours = listing?.shippingGuaranteeHours ?? campaign.policy.shipping.defaultGuaranteeHours;
  const order: OrderRecord = {
    orderId: event.orderId,
    // The listing's copies of the ids: one string per product kept alive, not one per order.
    merchantId: listing?.merchantId ?? event.merchantId,
    productId: listing?.productId ?? event.productId,
    amountFen: event.amountFen,
    buyerId: event.buyer.id,
    buyerRisk: event.buyer.risk,
    paidAt: event.at,
    shipDueAt: null,
    shippedAt: null,
    pickupDueAt: null,
    pickedUpAt: null,
    deliveredAt: null,
    refundedAt: null,
    refundIds: NONE,
    violations: NONE,
  };
  // The merchant's record is created when something happens to its standing (violation, report).
  state.orders.set(order.orderId, order);
  openShipObligation(state, order, hours);
}

/** The online click (rule `ship.online_click`). After a refund it means a parcel must be stopped. */
export function onOrderShipped(
  state: FulfilmentState,
  order: OrderRecord,
  event: OrderShipped,
  campaign: Campaign,
  out: Decision[],
): void {
  order.shippedAt = event.at;
  closeObligation(order, "ship");
  if (order.refundedAt !== null) {
    out.push({
      type: "parcel.intercept_required",
      at: event.at,
      orderId: order.orderId,
      reason: "online_click",
      trackingNo: event.trackingNo,
      carrier: event.carrier,
    });
    return;
  }
  // A parcel already scanned (shipped offline first, clicked later) owes no pickup.
  if (order.pickedUpAt === null) {
    openPickupObligation(state, order, event.at, campaign.policy.falseShipment.pickupWithinHours);
  }
}

/**
 * The carrier's first scan. Without an online click it does not count as shipping (the ship
 * deadline stays open); on a refunded order it is rule `refund.offline_shipped`: stop the parcel.
 */
export function onOrderPickedUp(order: OrderRecord, event: OrderPickedUp, out: Decision[]): void {
  order.pickedUpAt = event.at;
  closeObligation(order, "pickup");
  if (order.refundedAt !== null && order.shippedAt === null) {
    out.push({
      type: "parcel.intercept_required",
      at: event.at,
      orderId: order.orderId,
      reason: "carrier_pickup",
    });
  }
}

/** A delivery proves the carrier had the parcel, so it also meets an open pickup obligation. */
export function onOrderDelivered(order: OrderRecord, event: OrderDelivered): void {
  order.deliveredAt = event.at;
  closeObligation(order, "pickup");
}
