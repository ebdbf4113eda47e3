import { describe, expect, it } from "vitest";
import type { ChannelEvent } from "./contract/events.js";
import type { Decision } from "./decisions.js";
import { advance, receive } from "./engine.js";
import { testCampaign } from "./fixtures.js";
import { passed, through } from "./keys.js";
import { loadState, snapshotState } from "./snapshot.js";
import { emptyState, type FulfilmentState } from "./state.js";

const campaign = testCampaign();
const T0 = Date.parse("2024-02-10T09:00:00+08:00");
const HOUR = 3_600_000;
const listed: ChannelEvent = {
  type: "product.listed",
  at: T0 - HOUR,
  merchantId: "m1",
  productId: "p1",
  shippingGuaranteeHours: 24,
};
const paid: ChannelEvent = {
  type: "order.paid",
  at: T0,
  orderId: "o1",
  merchantId: "m1",
  productId: "p1",
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: "b1", risk: "normal" },
};

function settle(state: FulfilmentState, bound: number): Decision[] {
  const out: Decision[] = [];
  advance(state, bound, campaign, out);
  return out;
}

function take(state: FulfilmentState, event: ChannelEvent, now = event.at) {
  const out: Decision[] = [];
  const error = receive(state, event, campaign, now, out);
  return { error, out };
}

describe("advance (settling time: the watermark, the server's sweeper)", () => {
  it("fires a deadline only once time has passed it, carrying the deadline as at", () => {
    const state = emptyState();
    take(state, listed);
    take(state, paid);
    const due = T0 + 24 * HOUR;
    expect(settle(state, passed(due))).toEqual([]);
    expect(settle(state, through(due))).toEqual([]);
    expect(settle(state, passed(due + 1)).map((d) => [d.type, d.at])).toEqual([
      ["violation.recorded", due],
      ["claim.paid", due],
      ["listing.weight_changed", due],
    ]);
    expect(settle(state, passed(T0 + 48 * HOUR))).toEqual([]);
  });

  it("never settles backwards: a smaller bound decides nothing and keeps the settled time", () => {
    const state = emptyState();
    take(state, listed);
    settle(state, passed(T0 + HOUR));
    settle(state, passed(T0));
    expect(state.settled).toBe(passed(T0 + HOUR));
  });

  it("settles the same decisions from a state rebuilt from its rows", () => {
    const a = emptyState();
    take(a, listed);
    take(a, paid);
    const b = loadState(JSON.parse(JSON.stringify(snapshotState(a))));
    expect(settle(b, passed(T0 + 30 * HOUR))).toEqual(settle(a, passed(T0 + 30 * HOUR)));
  });

  it("a refused event leaves the state as it was", () => {
    const state = emptyState();
    take(state, listed);
    const before = JSON.stringify(snapshotState(state));
    const { error, out } = take(state, { type: "order.delivered", at: T0, orderId: "nope" });
    expect(error).toMatchObject({ code: "unknown_order", field: "orderId" });
    expect(out).toEqual([]);
    expect(JSON.stringify(snapshotState(state))).toBe(before);
  });
});

describe("receive (a fact arriving after time was settled past it)", () => {
  it("takes a missed deadline at once, at the deadline, for a payment that came late", () => {
    const state = emptyState();
    take(state, listed);
    settle(state, passed(T0 + 30 * HOUR));
    const { out } = take(state, paid, T0 + 30 * HOUR);
    expect(out.map((d) => [d.type, d.at])).toEqual([
      ["violation.recorded", T0 + 24 * HOUR],
      ["claim.paid", T0 + 24 * HOUR],
      ["listing.weight_changed", T0 + 24 * HOUR],
    ]);
  });

  it("revokes a violation a late click contradicts, with its claim and its weight, at now", () => {
    const state = emptyState();
    take(state, listed);
    take(state, paid);
    settle(state, passed(T0 + 30 * HOUR));
    const now = T0 + 31 * HOUR;
    const ship: ChannelEvent = {
      type: "order.shipped",
      at: T0 + 10 * HOUR,
      orderId: "o1",
      trackingNo: "T1",
      carrier: "SF",
    };
    const { out } = take(state, ship, now);
    expect(out).toEqual([
      {
        type: "violation.revoked",
        at: now,
        orderId: "o1",
        merchantId: "m1",
        productId: "p1",
        kind: "late_shipment",
        reason: "late_event",
      },
      {
        type: "claim.reversed",
        at: now,
        orderId: "o1",
        buyerId: "b1",
        kind: "late_shipment",
        amountFen: 1_000,
      },
      {
        type: "listing.weight_changed",
        at: now,
        productId: "p1",
        merchantId: "m1",
        weight: 1,
        violations: 0,
      },
    ]);
    expect(state.orders.get("o1")).toMatchObject({
      violation: null,
      claim: null,
      revoked: ["late_shipment"],
    });
    // The click opened the pickup obligation: without a scan it is a false shipment later.
    expect(state.orders.get("o1")!.nextKey).toBe(2 * (T0 + 34 * HOUR) + 1);
    expect(settle(state, passed(T0 + 34 * HOUR + 1)).map((d) => [d.type, d.at])).toEqual([
      ["violation.recorded", T0 + 34 * HOUR],
      ["claim.paid", T0 + 34 * HOUR],
      ["listing.weight_changed", T0 + 34 * HOUR],
    ]);
  });
});
