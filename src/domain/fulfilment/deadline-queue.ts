import type { Instant } from "../campaign/model.js";
import type { ObligationKind, OrderRecord } from "./state.js";

/**
 * The index of open deadlines, so a sweep costs what is due, not what exists.
 *
 * Every deadline is "an event's time + a fixed duration" (payment + the guarantee, click + the
 * pickup limit), and events come in time order, so deadlines of one kind and duration arrive
 * already sorted. One FIFO lane per (kind, duration) therefore gives O(1) push and pop, and the
 * next deadline is the smallest of a handful of lane heads. A push that would break a lane's
 * order (only possible from hand-built state) is inserted in place instead, so order always holds.
 *
 * Deadlines due at the same instant fire by kind (ship before pickup), then order id: the order
 * is a function of the deadlines alone, so a server that rebuilds the index from stored rows fires
 * them exactly as a replay does. Lanes hold the order records themselves, not their ids: firing
 * a deadline then costs no lookup in the (large) order table.
 */
export interface DueObligation {
  due: Instant;
  kind: ObligationKind;
  order: OrderRecord;
}

export interface DeadlineLane {
  kind: ObligationKind;
  durationMs: number;
  dues: Instant[];
  orders: OrderRecord[];
  /** Entries before `head` have been taken. */
  head: number;
}

export type DeadlineQueue = DeadlineLane[];

/** Opens `order`'s obligation of `kind`, due `durationMs` after the event that opened it. */
export function pushDeadline(
  queue: DeadlineQueue,
  kind: ObligationKind,
  durationMs: number,
  due: Instant,
  order: OrderRecord,
): void {
  let lane: DeadlineLane | undefined;
  for (const l of queue) if (l.kind === kind && l.durationMs === durationMs) lane = l;
  if (lane === undefined) {
    lane = { kind, durationMs, dues: [], orders: [], head: 0 };
    queue.push(lane);
  }
  const { dues, orders } = lane;
  let i = dues.length;
  while (i > lane.head && dues[i - 1]! > due) i--;
  if (i === dues.length) {
    dues.push(due);
    orders.push(order);
  } else {
    dues.splice(i, 0, due);
    orders.splice(i, 0, order);
  }
}

/** The earliest due instant in the queue, or `undefined` when nothing is open. */
export function nextDue(queue: DeadlineQueue): Instant | undefined {
  let best: Instant | undefined;
  for (const lane of queue) {
    if (lane.head < lane.dues.length) {
      const due = lane.dues[lane.head]!;
      if (best === undefined || due < best) best = due;
    }
  }
  return best;
}

/** Removes and returns every deadline due at `due` (the earliest), in firing order. */
export function takeDue(queue: DeadlineQueue, due: Instant): DueObligation[] {
  const taken: DueObligation[] = [];
  for (const lane of queue) {
    while (lane.head < lane.dues.length && lane.dues[lane.head] === due) {
      taken.push({ due, kind: lane.kind, order: lane.orders[lane.head]! });
      lane.head++;
    }
    compact(lane);
  }
  if (taken.length > 1) taken.sort(firingOrder);
  return taken;
}

/**
 * `takeDue` for the usual case, without building a list: when exactly one deadline is due at
 * `due` (the earliest), the lane that holds it; `undefined` when several are (then `takeDue`
 * orders them). Take its entry with `takeHead`.
 */
export function loneDueLane(queue: DeadlineQueue, due: Instant): DeadlineLane | undefined {
  let found: DeadlineLane | undefined;
  for (const lane of queue) {
    const { head, dues } = lane;
    if (head < dues.length && dues[head] === due) {
      if (found !== undefined) return undefined;
      if (head + 1 < dues.length && dues[head + 1] === due) return undefined;
      found = lane;
    }
  }
  return found;
}

/** Removes and returns the order at the head of `lane` (which must not be empty). */
export function takeHead(lane: DeadlineLane): OrderRecord {
  const order = lane.orders[lane.head]!;
  lane.head++;
  compact(lane);
  return order;
}

function firingOrder(a: DueObligation, b: DueObligation): number {
  if (a.kind !== b.kind) return a.kind === "ship" ? -1 : 1;
  const x = a.order.orderId;
  const y = b.order.orderId;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Drops taken entries once they are most of the lane, so memory follows what is still open. */
function compact(lane: DeadlineLane): void {
  if (lane.head < 1024 || lane.head * 2 < lane.dues.length) return;
  lane.dues = lane.dues.slice(lane.head);
  lane.orders = lane.orders.slice(lane.head);
  lane.head = 0;
}
