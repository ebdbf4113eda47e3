import type { Campaign } from "../campaign/model.js";
import type { Decision } from "./decisions.js";
import type { OrderDelivered, OrderPaid, OrderPickedUp, OrderShipped } from "./events.js";
import { merchantOf } from "./exit.js";
import { closeObligation, openPickupObligation, openShipObligation } from "./obligations.js";
import type { FulfilmentState, OrderRecord } from "./state.js";

/**
 * An order's life as the channel reports it: paid → shipped online → picked up → delivered.
 * Preconditions (known order, no second click, ...) are checked before these run; here each
 * event only updates the record and opens or closes obligations.
 */
export function onOrderPaid(state: FulfilmentState, event: OrderPaid, campaign: Campaign): void {
  const listing = state.listings.get(event.productId);
  const hours = listing?.shippingGuaranteeHours ?? campaign.policy.shipping.defaultGuaranteeHours;
  const order: OrderRecord = {
    orderId: event.orderId,
    merchantId: event.merchantId,
    productId: event.productId,
    amountFen: event.amountFen,
    region: event.region,
    buyerId: event.buyer.id,
    buyerRisk: event.buyer.risk,
    paidAt: event.at,
    shipDueAt: null,
    shippedAt: null,
    trackingNo: null,
    carrier: null,
    pickupDueAt: null,
    pickedUpAt: null,
    deliveredAt: null,
    refundedAt: null,
    refundIds: [],
    violations: [],
  };
  state.orders.set(order.orderId, order);
  merchantOf(state, event.merchantId);
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
  order.trackingNo = event.trackingNo;
  order.carrier = event.carrier;
  closeObligation(order, "ship");
  if (order.refundedAt !== null) {
    out.push({
      type: "parcel.intercept_required",
      at: event.at,
      orderId: order.orderId,
      reason: "online_click",
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
