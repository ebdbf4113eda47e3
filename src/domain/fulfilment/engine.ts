import type { Campaign, Instant } from "../campaign/model.js";
import { advanceClock } from "./deadlines.js";
import type { Decision } from "./decisions.js";
import type { ChannelEvent, EventError } from "./events.js";
import { merchantOf, onExceptionReport } from "./exit.js";
import { onProductListed } from "./listings.js";
import { onOrderDelivered, onOrderPaid, onOrderPickedUp, onOrderShipped } from "./orders.js";
import { precondition } from "./preconditions.js";
import { onRefundRequested } from "./refunds.js";
import type { FulfilmentState } from "./state.js";
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
  const error = precondition(state, event);
  if (error !== null) return { state, decisions: [], error };
  const decisions: Decision[] = [];
  advanceClock(state, event.at, campaign, decisions);
  apply(state, event, campaign, decisions);
  return { state, decisions };
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

function apply(
  state: FulfilmentState,
  event: ChannelEvent,
  campaign: Campaign,
  out: Decision[],
): void {
  switch (event.type) {
    case "product.listed":
      onProductListed(state, event);
      return;
    case "order.paid":
      onOrderPaid(state, event, campaign);
      return;
    case "merchant.exception_report":
      onExceptionReport(
        merchantOf(state, event.merchantId),
        event.at,
        campaign.policy.shipping,
        out,
      );
      return;
    case "clock":
      return;
  }
  // Every remaining event names an order that the precondition found.
  const order = state.orders.get(event.orderId)!;
  switch (event.type) {
    case "order.shipped":
      onOrderShipped(state, order, event, campaign, out);
      return;
    case "order.picked_up":
      onOrderPickedUp(order, event, out);
      return;
    case "order.delivered":
      onOrderDelivered(order, event);
      return;
    case "refund.requested":
      onRefundRequested(order, event, campaign, out);
      return;
  }
}
