import type { Campaign, Instant } from "../campaign/model.js";
import { instantFormatter, inWindow } from "../time/index.js";
import type {
  ChannelEvent,
  EventError,
  ExceptionReport,
  OrderPaid,
  ProductListed,
  RefundRequested,
} from "./contract/events.js";
import type { Decision } from "./decisions.js";
import { eventKey } from "./keys.js";
import { settleMerchant, settleOrder } from "./settle.js";
import type { Target } from "./settle-queue.js";
import { merchantOf, reconcileListing } from "./standing.js";
import { type FulfilmentState, type ListingRecord, NONE, type OrderRecord } from "./state.js";

/**
 * An event arrives: it is checked against the facts already known (a refusal changes nothing),
 * recorded as a fact of its order, listing or merchant, and the record is settled up to where
 * time already is (`state.settled`). An event no later than the watermark changes nothing
 * decided and only queues what it calls for; a later one corrects at `now` what it contradicts.
 * Arrival order never matters beyond that: the checks below are about facts, not times.
 */
export interface ArrivalOptions {
  /**
   * The server's reading of a campaign order: paid on a product the campaign's venue listed
   * then (approved at review or listed by the channel). `gala replay` has no venue: the window
   * alone.
   */
  venueGate?: boolean;
  /**
   * Events that arrive together (a server's batch): each record the event touches is put here
   * instead of being settled at once, and the caller settles them once every fact of the batch
   * is recorded (`settleTouched`). A payment and its refund sent together an hour late then give
   * the refund, not a violation revoked a moment later. A replay reads one line at a time.
   */
  touched?: Set<Target>;
}

const HOUR_MS = 3_600_000;

function refuse(code: string, message: string, field?: string): EventError {
  return field === undefined ? { code, message } : { code, message, field };
}

export function receive(
  state: FulfilmentState,
  event: ChannelEvent,
  campaign: Campaign,
  now: Instant,
  out: Decision[],
  options: ArrivalOptions = {},
): EventError | null {
  switch (event.type) {
    case "product.listed":
      return onListed(state, event, campaign, now, out, options);
    case "order.paid":
      return onPaid(state, event, campaign, now, out, options);
    case "merchant.exception_report":
      onExceptionReport(state, event, campaign, now, out, options);
      return null;
    case "clock":
      return null;
  }
  const order = state.orders.get(event.orderId);
  const id = event.orderId;
  if (order === undefined) {
    return refuse("unknown_order", `no order ${id} has been paid`, "orderId");
  }
  // Nothing happens to an order before it is paid. Taken, such a fact would count as an on-time
  // shipment or an instant refund that cancels the order's deadline, where the same events in
  // time order refuse it: so it is refused the same way (`unknown_order`, as the contract says
  // of an event for an order not yet paid), the message saying when the order was paid.
  if (event.at < order.paidAt) return beforePayment(order, event.at, campaign);
  switch (event.type) {
    case "order.shipped":
      if (order.shippedAt !== null) {
        return refuse("already_shipped", `order ${id} was already shipped online`);
      }
      order.shippedAt = event.at;
      order.trackingNo = event.trackingNo;
      order.carrier = event.carrier;
      break;
    case "order.picked_up":
      if (order.pickedUpAt !== null) {
        return refuse("already_picked_up", `order ${id} was already picked up`);
      }
      order.pickedUpAt = event.at;
      break;
    case "order.delivered":
      if (order.deliveredAt !== null) {
        return refuse("already_delivered", `order ${id} was already delivered`);
      }
      order.deliveredAt = event.at;
      break;
    case "refund.requested":
      if (order.refunds.some((r) => r.refundId === event.refundId)) {
        const message = `refund ${event.refundId} was already requested on order ${id}`;
        return refuse("duplicate_refund", message, "refundId");
      }
      order.refunds = withRefund(order.refunds, event);
      break;
  }
  settleNowOrLater(state, order, now, campaign, out, options);
  return null;
}

function beforePayment(order: OrderRecord, at: Instant, campaign: Campaign): EventError {
  const show = instantFormatter(campaign.timeZone);
  const message = `order ${order.orderId} was not paid yet at ${show(at)}, the event's time (it was paid at ${show(order.paidAt)}): check the event's time`;
  return refuse("unknown_order", message, "at");
}

/** Settles the record up to the time already settled, or leaves it for the caller's batch. */
function settleNowOrLater(
  state: FulfilmentState,
  target: Target,
  now: Instant,
  campaign: Campaign,
  out: Decision[],
  options: ArrivalOptions,
): void {
  if (options.touched !== undefined) {
    options.touched.add(target);
    return;
  }
  settleTarget(state, target, now, campaign, out);
}

function settleTarget(
  state: FulfilmentState,
  target: Target,
  now: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  if ("orderId" in target) settleOrder(state, target, state.settled, now, campaign, out);
  else settleMerchant(state, target, state.settled, campaign, out);
}

/** Settles every record a batch's events touched, in the order they were first touched. */
export function settleTouched(
  state: FulfilmentState,
  touched: Iterable<Target>,
  now: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  for (const target of touched) settleTarget(state, target, now, campaign, out);
}

/** Requests in time order, then by id: the order the instant-refund rule reads them in. */
function withRefund(
  refunds: OrderRecord["refunds"],
  event: RefundRequested,
): OrderRecord["refunds"] {
  const fact = {
    refundId: event.refundId,
    at: event.at,
    amountFen: event.amountFen,
    kind: event.kind,
    decided: null,
  };
  const next = [...refunds, fact];
  if (next.length > 1) {
    next.sort(
      (a, b) => a.at - b.at || (a.refundId < b.refundId ? -1 : a.refundId > b.refundId ? 1 : 0),
    );
  }
  return next;
}

function onListed(
  state: FulfilmentState,
  event: ProductListed,
  campaign: Campaign,
  now: Instant,
  out: Decision[],
  options: ArrivalOptions,
): EventError | null {
  const existing = state.listings.get(event.productId);
  if (existing !== undefined) {
    const message = `product ${event.productId} is already listed (${existing.status})`;
    return refuse("already_listed", message, "productId");
  }
  const hours = event.shippingGuaranteeHours;
  const allowed = campaign.policy.shipping.allowedGuaranteeHours;
  if (hours !== null && !allowed.includes(hours)) {
    const message = `a ${hours} h shipping guarantee is not one this campaign allows (${allowed.map((h) => `${h} h`).join(", ")}): list the product with one of them`;
    return refuse("guarantee_not_allowed", message, "shippingGuaranteeHours");
  }
  const listing: ListingRecord = {
    productId: event.productId,
    merchantId: event.merchantId,
    shippingGuaranteeHours: hours,
    listedAt: event.at,
    violations: 0,
    weight: 1,
    status: "live",
    delistedAt: null,
    changes: 0,
  };
  state.listings.set(listing.productId, listing);
  merchantOf(state, event.merchantId);
  // A listing reported after payments it dates from before: on the server, every order of the
  // product it loaded for the batch; in a replay, those paid while no listing was known.
  if (options.venueGate || (state.unlisted.get(listing.productId) ?? 0) > 0) {
    relistOrders(state, listing, campaign, now, out, options);
  }
  return null;
}

/**
 * A listing reported after payments on its product that it dates from before: those orders owe
 * the listing's guarantee, not the default, and their violations count against it. On the
 * server they are campaign orders after all (the venue listed the product when they were paid).
 */
function relistOrders(
  state: FulfilmentState,
  listing: ListingRecord,
  campaign: Campaign,
  now: Instant,
  out: Decision[],
  options: ArrivalOptions,
): void {
  let left = 0;
  const window = campaign.windows[campaign.policy.instantRefund.window];
  for (const order of state.orders.values()) {
    if (order.productId !== listing.productId) continue;
    if (order.violation !== null && order.violationAt! >= listing.listedAt) listing.violations++;
    if (order.paidAt < listing.listedAt) {
      left++;
      continue;
    }
    order.shipDueAt = order.paidAt + guaranteeHours(listing, campaign) * HOUR_MS;
    if (
      options.venueGate &&
      !order.campaign &&
      order.merchantId === listing.merchantId &&
      inWindow(window, order.paidAt) &&
      venueListed(listing, order.paidAt)
    ) {
      order.campaign = true;
    }
  }
  if (left === 0) state.unlisted.delete(listing.productId);
  else state.unlisted.set(listing.productId, left);
  reconcileListing(listing, now, campaign.policy.traffic, out);
  for (const order of state.orders.values()) {
    if (order.productId === listing.productId && order.paidAt >= listing.listedAt) {
      settleNowOrLater(state, order, now, campaign, out, options);
    }
  }
}

function guaranteeHours(listing: ListingRecord | undefined, campaign: Campaign): number {
  return listing?.shippingGuaranteeHours ?? campaign.policy.shipping.defaultGuaranteeHours;
}

function onPaid(
  state: FulfilmentState,
  event: OrderPaid,
  campaign: Campaign,
  now: Instant,
  out: Decision[],
  options: ArrivalOptions,
): EventError | null {
  if (state.orders.has(event.orderId)) {
    return refuse("duplicate_order", `order ${event.orderId} was already paid`, "orderId");
  }
  const listing = state.listings.get(event.productId);
  if (listing !== undefined && listing.merchantId !== event.merchantId) {
    const message = `product ${event.productId} is listed by merchant ${listing.merchantId}, not ${event.merchantId}`;
    return refuse("merchant_mismatch", message, "merchantId");
  }
  const applies = listing !== undefined && listing.listedAt <= event.at ? listing : undefined;
  const campaignOrder =
    inWindow(campaign.windows[campaign.policy.instantRefund.window], event.at) &&
    (!options.venueGate || venueListed(applies, event.at));
  const order: OrderRecord = {
    orderId: event.orderId,
    // The listing's copies of the ids: one string per product kept alive, not one per order.
    merchantId: listing?.merchantId ?? event.merchantId,
    productId: listing?.productId ?? event.productId,
    amountFen: event.amountFen,
    buyerId: event.buyer.id,
    buyerRisk: event.buyer.risk,
    paidAt: event.at,
    campaign: campaignOrder,
    shipDueAt: event.at + guaranteeHours(applies, campaign) * HOUR_MS,
    shippedAt: null,
    trackingNo: null,
    carrier: null,
    pickedUpAt: null,
    deliveredAt: null,
    refunds: NONE,
    waived: NONE,
    violation: null,
    violationAt: null,
    revoked: NONE,
    claim: null,
    intercepts: 0,
    nextKey: null,
  };
  state.orders.set(order.orderId, order);
  if (!campaignOrder) return null;
  if (applies === undefined) {
    state.unlisted.set(order.productId, (state.unlisted.get(order.productId) ?? 0) + 1);
  }
  settleNowOrLater(state, order, now, campaign, out, options);
  return null;
}

/**
 * Whether the campaign's venue listed the product when it was paid for: listed for the campaign
 * (approved at review, or by the channel) at or before the payment. A later delisting or the
 * merchant's exit does not make an order placed meanwhile anything but a campaign order (orders
 * already placed are still tracked); and the listing's time is a fact, so the answer does not
 * depend on the order events arrive in.
 */
function venueListed(listing: ListingRecord | undefined, at: Instant): boolean {
  return listing !== undefined && listing.listedAt <= at;
}

/**
 * An "abnormal shipping" report where the policy forbids filing one, inside the activity window,
 * is the merchant's final exit at the report's instant (the earliest such report counts).
 * Outside the window, or where reports are allowed, it is taken and changes nothing.
 */
function onExceptionReport(
  state: FulfilmentState,
  event: ExceptionReport,
  campaign: Campaign,
  now: Instant,
  out: Decision[],
  options: ArrivalOptions,
): void {
  if (campaign.policy.shipping.exceptionReportAllowed) return;
  if (!inWindow(campaign.windows.activity, event.at)) return;
  const merchant = merchantOf(state, event.merchantId);
  if (merchant.finalExit !== null && merchant.finalExit.at <= event.at) return;
  if (merchant.finalApplied) {
    // Already out for good: an earlier report changes only the record of when.
    merchant.finalExit = { at: event.at, reason: merchant.finalExit!.reason };
    return;
  }
  merchant.finalExit = { at: event.at, reason: "exception_report" };
  settleNowOrLater(state, merchant, now, campaign, out, options);
}

/** A merchant's withdrawal (docs/interfaces.md, "Disputes and the merchant's own exit"): final, at `at`. */
export function withdraw(
  state: FulfilmentState,
  merchantId: string,
  at: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  const merchant = merchantOf(state, merchantId);
  if (merchant.finalApplied) return;
  merchant.finalExit = { at, reason: "withdrew" };
  // The merchant's own act takes effect at once, whatever the watermark says.
  settleMerchant(state, merchant, Math.max(state.settled, eventKey(at) + 1), campaign, out);
}
