import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DeadlineQueue,
  loneDueLane,
  nextDue,
  pushDeadline,
  takeDue,
  takeHead,
} from "./deadline-queue.js";
import type { ObligationKind, OrderRecord } from "./state.js";

type Entry = { due: number; kind: ObligationKind; orderId: string };

function drain(queue: DeadlineQueue): Entry[] {
  const out: Entry[] = [];
  for (let due = nextDue(queue); due !== undefined; due = nextDue(queue)) {
    for (const d of takeDue(queue, due))
      out.push({ due: d.due, kind: d.kind, orderId: d.order.orderId });
  }
  return out;
}

/** `drain` as the engine fires: a lone due deadline through `loneDueLane`, ties through `takeDue`. */
function drainLone(queue: DeadlineQueue): Entry[] {
  const out: Entry[] = [];
  for (let due = nextDue(queue); due !== undefined; due = nextDue(queue)) {
    const lane = loneDueLane(queue, due);
    if (lane !== undefined) {
      out.push({ due, kind: lane.kind, orderId: takeHead(lane).orderId });
      continue;
    }
    for (const d of takeDue(queue, due))
      out.push({ due: d.due, kind: d.kind, orderId: d.order.orderId });
  }
  return out;
}

const order = (orderId: string) => ({ orderId }) as OrderRecord;

const byFiringOrder = (a: Entry, b: Entry) =>
  a.due - b.due ||
  (a.kind === b.kind ? 0 : a.kind === "ship" ? -1 : 1) ||
  (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);

const opening = fc.record({
  at: fc.integer({ min: 0, max: 100 }),
  kind: fc.constantFrom("ship" as const, "pickup" as const),
  duration: fc.constantFrom(24, 48),
  orderId: fc.string({ maxLength: 3 }),
});

function pushAll(
  openings: Array<{ at: number; kind: ObligationKind; duration: number; orderId: string }>,
) {
  const queue: DeadlineQueue = [];
  const pushed: Entry[] = [];
  for (const o of openings) {
    const due = o.at + o.duration;
    pushDeadline(queue, o.kind, o.duration, due, order(o.orderId));
    pushed.push({ due, kind: o.kind, orderId: o.orderId });
  }
  return { queue, pushed };
}

describe("deadline queue", () => {
  it("takes deadlines in (due, kind, orderId) order when opened in time order", () => {
    fc.assert(
      fc.property(fc.array(opening, { maxLength: 300 }), (openings) => {
        const { queue, pushed } = pushAll([...openings].sort((a, b) => a.at - b.at));
        expect(drain(queue)).toEqual([...pushed].sort(byFiringOrder));
      }),
    );
  });

  it("keeps that order even when pushes come out of time order", () => {
    fc.assert(
      fc.property(fc.array(opening, { maxLength: 200 }), (openings) => {
        const { queue, pushed } = pushAll(openings);
        expect(drain(queue)).toEqual([...pushed].sort(byFiringOrder));
      }),
    );
  });

  it("fires a lone due deadline through loneDueLane in the same order as takeDue", () => {
    fc.assert(
      fc.property(fc.array(opening, { maxLength: 300 }), fc.boolean(), (openings, sorted) => {
        const list = sorted ? [...openings].sort((a, b) => a.at - b.at) : openings;
        expect(drainLone(pushAll(list).queue)).toEqual(drain(pushAll(list).queue));
      }),
    );
  });

  it("takes only what is due and compacts lanes as they drain", () => {
    const queue: DeadlineQueue = [];
    for (let i = 0; i < 5000; i++) pushDeadline(queue, "ship", 10, i, order(`o${i}`));
    for (let due = nextDue(queue); due !== undefined && due < 4000; due = nextDue(queue)) {
      takeDue(queue, due);
    }
    expect(nextDue(queue)).toBe(4000);
    expect(queue[0]!.dues.length).toBeLessThan(5000);
  });
});
