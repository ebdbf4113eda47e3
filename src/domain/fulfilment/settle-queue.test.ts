/**
 * The settle queue against a model: whatever is pushed, in whatever order, to whichever lane,
 * `nextKey` is the least key pending and `takeAt` hands over every entry at it in settling order
 * (rank, then id), each exactly once.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "../../../test/support/runs.js";
import { newQueue, nextKey, pushEntry, takeAt } from "./settle-queue.js";
import { newMerchant } from "./standing.js";
import type { OrderRecord } from "./state.js";

interface Pushed {
  lane: number;
  key: number;
  id: string;
  merchant: boolean;
}
/** Lane i always has rank i % 3, as the engine's lanes do (one kind and duration each). */
const LANES = 4;
const rankOf = (lane: number) => lane % 3;

const op = fc.oneof(
  {
    arbitrary: fc.record({
      lane: fc.integer({ min: 0, max: LANES - 1 }),
      key: fc.integer({ min: 0, max: 40 }),
      merchant: fc.boolean(),
    }),
    weight: 8,
  },
  { arbitrary: fc.constant("take" as const), weight: 1 },
);

/** An order or a merchant record as the queue sees it: only its id is read. */
function target(p: Pushed) {
  return p.merchant ? newMerchant(p.id) : ({ orderId: p.id } as OrderRecord);
}
const idOf = (t: ReturnType<typeof target>) => ("orderId" in t ? t.orderId : t.merchantId);

describe("settle queue", () => {
  it("takes the least key's entries by rank then id, each once, across lanes and the heap", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const queue = newQueue();
        let model: Pushed[] = [];
        let n = 0;
        const take = () => {
          const key = nextKey(queue);
          if (model.length === 0) {
            expect(key).toBeUndefined();
            return;
          }
          const least = Math.min(...model.map((p) => p.key));
          expect(key).toBe(least);
          const due = model
            .filter((p) => p.key === least)
            .sort((a, b) => rankOf(a.lane) - rankOf(b.lane) || (a.id < b.id ? -1 : 1));
          model = model.filter((p) => p.key !== least);
          expect(takeAt(queue, least).map(idOf)).toEqual(due.map((p) => p.id));
        };
        for (const o of ops) {
          if (o === "take") {
            take();
            continue;
          }
          // Ids that sort differently from the order of pushing.
          const p = { ...o, id: `${o.merchant ? "m" : "o"}${(n++ * 7919) % 1000}` };
          model.push(p);
          pushEntry(queue, `lane${p.lane}`, rankOf(p.lane), p.key, target(p));
        }
        while (model.length > 0) take();
        expect(nextKey(queue)).toBeUndefined();
      }),
      { numRuns: runs(500) },
    );
  });

  it("an empty queue has no next key", () => {
    expect(nextKey(newQueue())).toBeUndefined();
  });
});
