import type { Instant } from "../campaign/model.js";
import { type DueObligation, pushDeadline } from "./deadline-queue.js";
import type { FulfilmentState, ObligationKind, OrderRecord } from "./state.js";

/**
 * An order's open obligations live on the order record (`shipDueAt`, `pickupDueAt`); the queue
 * only indexes them. Closing an obligation just clears the field: the heap entry goes stale and
 * is skipped when it comes due, which keeps closing O(1).
 */
const HOUR_MS = 3_600_000;

export function openShipObligation(
  state: FulfilmentState,
  order: OrderRecord,
  hours: number,
): void {
  order.shipDueAt = order.paidAt + hours * HOUR_MS;
  pushDeadline(state.deadlines, "ship", hours * HOUR_MS, order.shipDueAt, order);
}

export function openPickupObligation(
  state: FulfilmentState,
  order: OrderRecord,
  shippedAt: Instant,
  hours: number,
): void {
  order.pickupDueAt = shippedAt + hours * HOUR_MS;
  pushDeadline(state.deadlines, "pickup", hours * HOUR_MS, order.pickupDueAt, order);
}

/** The due instant of an order's obligation of this kind, or `null` when it is not open. */
export function dueOf(order: OrderRecord, kind: ObligationKind): Instant | null {
  return kind === "ship" ? order.shipDueAt : order.pickupDueAt;
}

export function closeObligation(order: OrderRecord, kind: ObligationKind): void {
  if (kind === "ship") order.shipDueAt = null;
  else order.pickupDueAt = null;
}

/**
 * Rebuilds the index from the order records (after loading rows, or a snapshot). Entries go in
 * sorted by due instant so each lane starts in order; the lane is chosen by the obligation's
 * duration, recomputed from the record (payment → ship by; click → pick up by).
 */
export function rebuildDeadlines(state: FulfilmentState): void {
  const open: Array<DueObligation & { durationMs: number }> = [];
  for (const order of state.orders.values()) {
    const { shipDueAt, pickupDueAt, paidAt, shippedAt } = order;
    if (shipDueAt !== null) {
      open.push({ due: shipDueAt, kind: "ship", order, durationMs: shipDueAt - paidAt });
    }
    if (pickupDueAt !== null && shippedAt !== null) {
      open.push({ due: pickupDueAt, kind: "pickup", order, durationMs: pickupDueAt - shippedAt });
    }
  }
  open.sort((a, b) => a.due - b.due);
  state.deadlines = [];
  for (const o of open) pushDeadline(state.deadlines, o.kind, o.durationMs, o.due, o.order);
}
