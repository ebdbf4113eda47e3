import type { Campaign, Instant } from "../campaign/model.js";
import { heapPeek, heapPop } from "./deadline-heap.js";
import type { Decision, ViolationKind } from "./decisions.js";
import { closeObligation, dueOf } from "./obligations.js";
import type { FulfilmentState, ObligationKind } from "./state.js";
import { recordViolation } from "./violations.js";

/**
 * Moving time forward (contracts.md): every deadline strictly earlier than `instant` fires, in
 * deadline order, each decision carrying the deadline as `at`. A deadline equal to `instant` does
 * not fire: an action at exactly the deadline is on time.
 */
const MISSED: Record<ObligationKind, ViolationKind> = {
  ship: "late_shipment",
  pickup: "false_shipment",
};

export function fireDeadlinesBefore(
  state: FulfilmentState,
  instant: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  const heap = state.deadlines;
  for (let next = heapPeek(heap); next !== undefined && next.due < instant; next = heapPeek(heap)) {
    heapPop(heap);
    const order = state.orders.get(next.orderId);
    // Stale entry: the obligation was met (or re-timed) after the entry was pushed.
    if (order === undefined || dueOf(order, next.kind) !== next.due) continue;
    closeObligation(order, next.kind);
    recordViolation(state, order, MISSED[next.kind], next.due, campaign, out);
  }
}

/** Moves the state's clock to `instant` (never backwards), firing what falls due before it. */
export function advanceClock(
  state: FulfilmentState,
  instant: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  fireDeadlinesBefore(state, instant, campaign, out);
  if (state.clock === null || instant > state.clock) state.clock = instant;
}
