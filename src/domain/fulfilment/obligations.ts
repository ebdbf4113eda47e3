import type { Instant } from "../campaign/model.js";
import { heapPush } from "./deadline-heap.js";
import type { FulfilmentState, ObligationKind, OrderRecord } from "./state.js";

/**
 * An order's open obligations live on the order record (`shipDueAt`, `pickupDueAt`); the heap
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
  heapPush(state.deadlines, { due: order.shipDueAt, kind: "ship", orderId: order.orderId });
}

export function openPickupObligation(
  state: FulfilmentState,
  order: OrderRecord,
  shippedAt: Instant,
  hours: number,
): void {
  order.pickupDueAt = shippedAt + hours * HOUR_MS;
  heapPush(state.deadlines, { due: order.pickupDueAt, kind: "pickup", orderId: order.orderId });
}

/** The due instant of an order's obligation of this kind, or `null` when it is not open. */
export function dueOf(order: OrderRecord, kind: ObligationKind): Instant | null {
  return kind === "ship" ? order.shipDueAt : order.pickupDueAt;
}

export function closeObligation(order: OrderRecord, kind: ObligationKind): void {
  if (kind === "ship") order.shipDueAt = null;
  else order.pickupDueAt = null;
}

/** Rebuilds the heap from the order records (after loading rows, or deserializing). */
export function rebuildDeadlines(state: FulfilmentState): void {
  state.deadlines = [];
  for (const order of state.orders.values()) {
    if (order.shipDueAt !== null) {
      heapPush(state.deadlines, { due: order.shipDueAt, kind: "ship", orderId: order.orderId });
    }
    if (order.pickupDueAt !== null) {
      heapPush(state.deadlines, { due: order.pickupDueAt, kind: "pickup", orderId: order.orderId });
    }
  }
}
