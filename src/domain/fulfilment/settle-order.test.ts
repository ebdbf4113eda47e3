/**
 * The order decisions due at one instant are taken in (settle-queue.ts): ship deadlines before
 * pickup deadlines, then by order id, whatever order the facts came in and whichever lane or
 * heap holds them; and a lane that has fired many deadlines keeps only what is still pending.
 */
import { describe, expect, it } from "vitest";
import type { ChannelEvent } from "./contract/events.js";
import type { Decision } from "./decisions.js";
import { advance, receive } from "./engine.js";
import { testCampaign } from "./fixtures.js";
import { passed } from "./keys.js";
import { loadState, snapshotState } from "./snapshot.js";
import { emptyState, type FulfilmentState } from "./state.js";

const campaign = testCampaign();
const HOUR = 3_600_000;
const T0 = Date.parse("2024-02-10T09:00:00+08:00");

const listed = (productId: string, hours: number): ChannelEvent => ({
  type: "product.listed",
  at: T0 - 10 * HOUR,
  merchantId: "m1",
  productId,
  shippingGuaranteeHours: hours,
});
const paid = (orderId: string, at: number, productId = "p24"): ChannelEvent => ({
  type: "order.paid",
  at,
  orderId,
  merchantId: "m1",
  productId,
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: `b-${orderId}`, risk: "normal" },
});
const shipped = (orderId: string, at: number): ChannelEvent => ({
  type: "order.shipped",
  at,
  orderId,
  trackingNo: `T-${orderId}`,
  carrier: "SF",
});

function feed(state: FulfilmentState, events: readonly ChannelEvent[]): Decision[] {
  const out: Decision[] = [];
  for (const e of events) expect(receive(state, e, campaign, e.at, out)).toBeNull();
  return out;
}

function settle(state: FulfilmentState, bound: number): Decision[] {
  const out: Decision[] = [];
  advance(state, bound, campaign, out);
  return out;
}

const recorded = (out: readonly Decision[]) =>
  out.filter((d) => d.type === "violation.recorded").map((d) => [d.orderId, d.kind, d.at]);

describe("deadlines due at the same instant", () => {
  const due = T0 + 24 * HOUR;

  it("fire by order id within one lane, whatever order the payments came in", () => {
    const state = emptyState();
    feed(state, [listed("p24", 24), paid("o-c", T0), paid("o-a", T0), paid("o-b", T0)]);
    expect(recorded(settle(state, passed(due + 1)))).toEqual([
      ["o-a", "late_shipment", due],
      ["o-b", "late_shipment", due],
      ["o-c", "late_shipment", due],
    ]);
  });

  it("fire ship before pickup, then by order id, across lanes and the heap", () => {
    const state = emptyState();
    feed(state, [
      listed("p24", 24),
      listed("p48", 48),
      // Clicked in time and never scanned: a false shipment at click + 24 h = `due`.
      paid("a-pickup", T0 - 2 * HOUR),
      shipped("a-pickup", T0),
      // Not shipped: late at payment + 24 h (one lane) or + 48 h (another), at `due`.
      paid("z-ship", T0, "p24"),
      paid("b-ship", T0 - 24 * HOUR, "p48"),
      // Reported after a later payment of its lane: out of the lane's order, so in the heap.
      paid("y-after", T0 + HOUR, "p24"),
      paid("c-heap", T0, "p24"),
    ]);
    expect(recorded(settle(state, passed(due + 1)))).toEqual([
      ["b-ship", "late_shipment", due],
      ["c-heap", "late_shipment", due],
      ["z-ship", "late_shipment", due],
      ["a-pickup", "false_shipment", due],
    ]);
    expect(recorded(settle(state, passed(due + HOUR + 1)))).toEqual([
      ["y-after", "late_shipment", due + HOUR],
    ]);
  });

  it("fire in the same order from a state rebuilt from its rows", () => {
    const events = [
      listed("p24", 24),
      paid("a-pickup", T0 - 2 * HOUR),
      shipped("a-pickup", T0),
      paid("z-ship", T0),
      paid("m-ship", T0),
    ];
    const live = emptyState();
    feed(live, events);
    const fromRows = loadState(JSON.parse(JSON.stringify(snapshotState(live))));
    const expected = [
      ["m-ship", "late_shipment", due],
      ["z-ship", "late_shipment", due],
      ["a-pickup", "false_shipment", due],
    ];
    expect(recorded(settle(live, passed(due + 1)))).toEqual(expected);
    expect(recorded(settle(fromRows, passed(due + 1)))).toEqual(expected);
  });
});

describe("a lane after many fired deadlines", () => {
  const id = (i: number) => `o${String(i).padStart(4, "0")}`;
  /** `n` unshipped orders a second apart: one lane of `n` ship deadlines, the i-th at `dueOf(i)`. */
  function oneLane(n: number) {
    const state = emptyState();
    const events: ChannelEvent[] = [listed("p24", 24)];
    for (let i = 0; i < n; i++) events.push(paid(id(i), T0 + i * 1_000));
    feed(state, events);
    const lanes = state.queue.lanes.filter((l) => l.keys.length > 0);
    expect(lanes.map((l) => l.keys.length)).toEqual([n]);
    return { state, lane: lanes[0]! };
  }
  const dueOf = (i: number) => T0 + 24 * HOUR + i * 1_000;

  it("drops the fired entries from the 1,024th on, once they are half of it, and loses none", () => {
    const n = 2_048;
    const { state, lane } = oneLane(n);
    // 1,023 fired: kept (a lane is not copied for a few entries).
    expect(recorded(settle(state, passed(dueOf(1_023))))).toHaveLength(1_023);
    expect([lane.head, lane.keys.length]).toEqual([1_023, n]);
    // The 1,024th: the fired half goes, the pending half stays.
    expect(recorded(settle(state, passed(dueOf(1_024))))).toEqual([
      [id(1_023), "late_shipment", dueOf(1_023)],
    ]);
    expect([lane.head, lane.keys.length, lane.targets.length]).toEqual([0, 1_024, 1_024]);
    // The rest fire once each, in order: nothing lost or repeated by the copy.
    const rest = recorded(settle(state, passed(T0 + 48 * HOUR)));
    expect(rest.map((r) => r[0])).toEqual(Array.from({ length: 1_024 }, (_, i) => id(i + 1_024)));
    expect(rest.map((r) => r[2])).toEqual(
      Array.from({ length: 1_024 }, (_, i) => dueOf(i + 1_024)),
    );
    expect(settle(state, passed(T0 + 96 * HOUR))).toEqual([]);
  });

  it("keeps a lane whose fired entries are fewer than half of it", () => {
    const n = 2_100;
    const { state, lane } = oneLane(n);
    settle(state, passed(dueOf(1_049)));
    expect([lane.head, lane.keys.length]).toEqual([1_049, n]);
    settle(state, passed(dueOf(1_050)));
    expect([lane.head, lane.keys.length]).toEqual([0, n - 1_050]);
    expect(recorded(settle(state, passed(dueOf(1_051))))).toEqual([
      [id(1_050), "late_shipment", dueOf(1_050)],
    ]);
  });
});
