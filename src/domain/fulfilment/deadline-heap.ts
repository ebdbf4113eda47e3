import type { Deadline } from "./state.js";

/**
 * A binary min-heap of deadlines in a plain array, so a sweep costs what is due, not what exists.
 *
 * Ties on the due instant break by obligation kind, then order id: the order of firing is a
 * function of the deadlines alone, so a server that rebuilds the heap from stored rows fires them
 * in exactly the order a replay does.
 */
function before(a: Deadline, b: Deadline): boolean {
  if (a.due !== b.due) return a.due < b.due;
  if (a.kind !== b.kind) return a.kind === "ship";
  return a.orderId < b.orderId;
}

export function heapPush(heap: Deadline[], item: Deadline): void {
  let i = heap.length;
  heap.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    if (!before(item, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = item;
}

export function heapPeek(heap: readonly Deadline[]): Deadline | undefined {
  return heap[0];
}

export function heapPop(heap: Deadline[]): Deadline | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  const n = heap.length;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
    if (!before(heap[child]!, last)) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
  return top;
}
