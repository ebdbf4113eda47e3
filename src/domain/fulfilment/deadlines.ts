import type { Campaign, Instant } from "../campaign/model.js";
import { loneDueLane, nextDue, takeDue, takeHead } from "./deadline-queue.js";
import type { Decision, ViolationKind } from "./decisions.js";
import { closeObligation, dueOf } from "./obligations.js";
import type { FulfilmentState, ObligationKind, OrderRecord } from "./state.js";
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
  for (
    let due = nextDue(state.deadlines);
    due !== undefined && due < instant;
    due = nextDue(state.deadlines)
  ) {
    const lane = loneDueLane(state.deadlines, due);
    if (lane !== undefined) {
      fire(state, takeHead(lane), lane.kind, due, campaign, out);
      continue;
    }
    for (const { order, kind } of takeDue(state.deadlines, due)) {
      fire(state, order, kind, due, campaign, out);
    }
  }
}

function fire(
  state: FulfilmentState,
  order: OrderRecord,
  kind: ObligationKind,
  due: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  // Stale entry: the obligation was met (or closed) after the entry was pushed.
  if (dueOf(order, kind) !== due) return;
  closeObligation(order, kind);
  recordViolation(state, order, MISSED[kind], due, campaign, out);
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
