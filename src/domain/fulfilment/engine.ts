import type { Campaign, Instant } from "../campaign/model.js";
import { advanceClock } from "./deadlines.js";
import type { Decision } from "./decisions.js";
import type { ChannelEvent, EventError } from "./events.js";
import { merchantOf, onExceptionReport } from "./exit.js";
import { onProductListed } from "./listings.js";
import { onOrderDelivered, onOrderPaid, onOrderPickedUp, onOrderShipped } from "./orders.js";
import {
  type OrderEvent,
  orderRefusal,
  paymentRefusal,
  stateRefusal,
  timeRefusal,
} from "./preconditions.js";
import { onRefundRequested } from "./refunds.js";
import type { FulfilmentState, OrderRecord } from "./state.js";
import { validateEvent } from "./validate.js";

/**
 * The engine: state × event × campaign → state + decisions. Deterministic and free of I/O and
 * clock reads. For speed the state is updated in place and handed back (the caller owns it);
 * a refused event leaves it untouched. Order of work for an event at T: refuse or accept it,
 * fire every deadline before T, then apply the event.
 */
export interface StepResult {
  state: FulfilmentState;
  decisions: Decision[];
  /** Set when the event was refused; then `decisions` is empty and the state did not change. */
  error?: EventError;
}

export function step(state: FulfilmentState, event: ChannelEvent, campaign: Campaign): StepResult {
  const decisions: Decision[] = [];
  const error = stepInto(state, event, campaign, decisions);
  return error === null ? { state, decisions } : { state, decisions, error };
}

/**
 * `step` for hot loops: appends the decisions to `out` and returns the refusal or `null`, so a
 * replay allocates nothing per event beyond what the event itself needs.
 */
export function stepInto(
  state: FulfilmentState,
  event: ChannelEvent,
  campaign: Campaign,
  out: Decision[],
): EventError | null {
  const late = timeRefusal(state, event);
  if (late !== null) return late;
  switch (event.type) {
    case "order.shipped":
    case "order.picked_up":
    case "order.delivered":
    case "refund.requested":
      return stepOrder(state, state.orders.get(event.orderId), event, campaign, out);
    case "order.paid": {
      const listing = state.listings.get(event.productId);
      const refused = paymentRefusal(state, event, listing);
      if (refused !== null) return refused;
      advanceClock(state, event.at, campaign, out);
      onOrderPaid(state, event, listing, campaign);
      return null;
    }
  }
  const error = stateRefusal(state, event);
  if (error !== null) return error;
  advanceClock(state, event.at, campaign, out);
  switch (event.type) {
    case "product.listed":
      onProductListed(state, event);
      break;
    case "merchant.exception_report":
      onExceptionReport(
        merchantOf(state, event.merchantId),
        event.at,
        campaign.policy.shipping,
        out,
      );
      break;
  }
  return null;
}

/** An event about one order: the order is looked up once, for the check and for the change. */
function stepOrder(
  state: FulfilmentState,
  order: OrderRecord | undefined,
  event: OrderEvent,
  campaign: Campaign,
  out: Decision[],
): EventError | null {
  const error = orderRefusal(order, event);
  if (error !== null || order === undefined) return error;
  advanceClock(state, event.at, campaign, out);
  switch (event.type) {
    case "order.shipped":
      onOrderShipped(state, order, event, campaign, out);
      break;
    case "order.picked_up":
      onOrderPickedUp(order, event, out);
      break;
    case "order.delivered":
      onOrderDelivered(order, event);
      break;
    case "refund.requested":
      onRefundRequested(order, event, campaign, out);
      break;
  }
  return null;
}

/** `step` for a raw (parsed JSON) event: validation errors come back the same way as refusals. */
export function stepRaw(state: FulfilmentState, raw: unknown, campaign: Campaign): StepResult {
  const checked = validateEvent(raw);
  if (!checked.ok) return { state, decisions: [], error: checked.error };
  return step(state, checked.value, campaign);
}

/**
 * Moves time to `instant` without an event (the server's deadline sweeper): fires every deadline
 * strictly before it. Moving backwards fires nothing and leaves the clock where it is.
 */
export function advanceTo(
  state: FulfilmentState,
  instant: Instant,
  campaign: Campaign,
): StepResult {
  const decisions: Decision[] = [];
  advanceClock(state, instant, campaign, decisions);
  return { state, decisions };
}
