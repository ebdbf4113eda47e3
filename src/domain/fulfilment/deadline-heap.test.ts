import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { heapPop, heapPush } from "./deadline-heap.js";
import type { Deadline } from "./state.js";

describe("deadline heap", () => {
  it("pops in (due, kind, orderId) order whatever the push order", () => {
    const deadline = fc.record({
      due: fc.integer({ min: 0, max: 50 }),
      kind: fc.constantFrom("ship" as const, "pickup" as const),
      orderId: fc.string({ maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(deadline, { maxLength: 200 }), (items) => {
        const heap: Deadline[] = [];
        for (const item of items) heapPush(heap, item);
        const popped: Deadline[] = [];
        for (let d = heapPop(heap); d !== undefined; d = heapPop(heap)) popped.push(d);
        const key = (d: Deadline) => [d.due, d.kind === "ship" ? 0 : 1, d.orderId] as const;
        const sorted = [...items].sort((a, b) => {
          const [x, y] = [key(a), key(b)];
          return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
        });
        expect(popped.map(key)).toEqual(sorted.map(key));
      }),
    );
  });
});
