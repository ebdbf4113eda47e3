import type { MerchantRecord, OrderRecord } from "./state.js";

/**
 * The index of pending decisions by settle key (keys.ts), so settling costs what is due, not
 * what exists. An entry names an order or a merchant; it is stale once its target's `nextKey`
 * has moved on (the caller skips it), which keeps every change O(1) or O(log n).
 *
 * Most keys are "an event's time + a fixed duration" (payment + the guarantee, click + the
 * pickup limit, a request + 0), and events mostly come in time order, so each lane (one per kind
 * and duration) is pushed in key order: a FIFO with O(1) push and pop. An entry that would break
 * its lane's order — an event that came late — goes to one binary heap instead. The next key is
 * the least of the lane heads and the heap's top.
 *
 * Entries due at the same key are taken by rank (ship deadlines before pickup deadlines, orders
 * before merchants), then id: a function of the entries alone, so a server that rebuilds the
 * index from stored rows settles them exactly as a replay does.
 */
export type Target = OrderRecord | MerchantRecord;

export const RANK_SHIP = 0;
export const RANK_PICKUP = 1;
export const RANK_EVENT = 0;
export const RANK_MERCHANT = 2;

interface Lane {
  id: string;
  rank: number;
  keys: number[];
  targets: Target[];
  /** Entries before `head` have been taken. */
  head: number;
}

interface Entry {
  key: number;
  rank: number;
  target: Target;
}

export interface SettleQueue {
  lanes: Lane[];
  heap: Entry[];
}

export function newQueue(): SettleQueue {
  return { lanes: [], heap: [] };
}

export function isOrder(target: Target): target is OrderRecord {
  return (target as OrderRecord).orderId !== undefined;
}

function idOf(target: Target): string {
  return isOrder(target) ? target.orderId : target.merchantId;
}

/** Adds an entry; `laneId` names the lane (kind and duration) whose keys come in order. */
export function pushEntry(
  queue: SettleQueue,
  laneId: string,
  rank: number,
  key: number,
  target: Target,
): void {
  let lane: Lane | undefined;
  for (const l of queue.lanes) {
    if (l.id === laneId) {
      lane = l;
      break;
    }
  }
  if (lane === undefined) {
    lane = { id: laneId, rank, keys: [], targets: [], head: 0 };
    queue.lanes.push(lane);
  }
  const { keys } = lane;
  if (keys.length === lane.head || keys[keys.length - 1]! <= key) {
    keys.push(key);
    lane.targets.push(target);
  } else {
    heapPush(queue.heap, { key, rank, target });
  }
}

/** The least key in the queue (stale entries included), or `undefined` when it is empty. */
export function nextKey(queue: SettleQueue): number | undefined {
  let best = queue.heap.length > 0 ? queue.heap[0]!.key : undefined;
  for (const lane of queue.lanes) {
    if (lane.head < lane.keys.length) {
      const key = lane.keys[lane.head]!;
      if (best === undefined || key < best) best = key;
    }
  }
  return best;
}

/**
 * Removes and returns the targets of every entry at `key` (which must be the least), in settling
 * order. The usual case, one entry, allocates nothing beyond the returned array's reuse.
 */
// Stryker disable next-line ArrayDeclaration: emptied before every use
const lone: Target[] = [];

export function takeAt(queue: SettleQueue, key: number): readonly Target[] {
  let found: Lane | undefined;
  let several = false;
  for (const lane of queue.lanes) {
    const { head, keys } = lane;
    if (head < keys.length && keys[head] === key) {
      if (found !== undefined || (head + 1 < keys.length && keys[head + 1] === key)) {
        several = true;
        break;
      }
      found = lane;
    }
  }
  const { heap } = queue;
  if (heap.length > 0 && heap[0]!.key === key) several = true;
  if (!several && found !== undefined) {
    lone.length = 0;
    lone.push(found.targets[found.head]!);
    advanceHead(found);
    return lone;
  }
  const taken: Entry[] = [];
  for (const lane of queue.lanes) {
    while (lane.head < lane.keys.length && lane.keys[lane.head] === key) {
      taken.push({ key, rank: lane.rank, target: lane.targets[lane.head]! });
      advanceHead(lane);
    }
  }
  while (heap.length > 0 && heap[0]!.key === key) taken.push(heapPop(heap));
  taken.sort(before);
  return taken.map((e) => e.target);
}

function advanceHead(lane: Lane): void {
  lane.head++;
  // Drop taken entries once they are most of the lane, so memory follows what is still pending.
  if (lane.head < 1024 || lane.head * 2 < lane.keys.length) return;
  lane.keys = lane.keys.slice(lane.head);
  lane.targets = lane.targets.slice(lane.head);
  lane.head = 0;
}

/** Settling order: key, then rank, then id. */
function before(a: Entry, b: Entry): number {
  if (a.key !== b.key) return a.key - b.key;
  if (a.rank !== b.rank) return a.rank - b.rank;
  const x = idOf(a.target);
  const y = idOf(b.target);
  return x < y ? -1 : x > y ? 1 : 0;
}

function heapPush(heap: Entry[], entry: Entry): void {
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (before(heap[parent]!, entry) <= 0) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = entry;
}

function heapPop(heap: Entry[]): Entry {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const c = r < heap.length && before(heap[r]!, heap[l]!) < 0 ? r : l;
      if (before(last, heap[c]!) <= 0) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = last;
  }
  return top;
}
