/**
 * A snapshot is the state as rows (snapshot.ts): stored, loaded, and carried on as if nothing
 * happened in between. What an order's refunds were decided, and under which ids, must survive
 * it: a late fact can still contradict a refund paid before the snapshot.
 */
import { describe, expect, it } from "vitest";
import { waiveViolation } from "./appeal.js";
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

const events: ChannelEvent[] = [
  {
    type: "product.listed",
    at: T0 - HOUR,
    merchantId: "m1",
    productId: "p1",
    shippingGuaranteeHours: 24,
  },
  {
    type: "order.paid",
    at: T0,
    orderId: "o1",
    merchantId: "m1",
    productId: "p1",
    amountFen: 20_000,
    region: "CN-ZJ",
    buyer: { id: "b1", risk: "normal" },
  },
  {
    type: "refund.requested",
    at: T0 + 2 * HOUR,
    orderId: "o1",
    refundId: "r-first",
    amountFen: 5_000,
    kind: "refund_only",
  },
  {
    type: "refund.requested",
    at: T0 + 3 * HOUR,
    orderId: "o1",
    refundId: "r-second",
    amountFen: 5_000,
    kind: "refund_only",
  },
];
/** Clicked an hour after payment, reported only once both refunds were decided. */
const lateClick: ChannelEvent = {
  type: "order.shipped",
  at: T0 + HOUR,
  orderId: "o1",
  trackingNo: "SF1",
  carrier: "SF",
};

function run(state: FulfilmentState, steps: ReadonlyArray<ChannelEvent | number>, now: number) {
  const out: Decision[] = [];
  for (const step of steps) {
    if (typeof step === "number") advance(state, step, campaign, out);
    else expect(receive(state, step, campaign, now, out)).toBeNull();
  }
  return out;
}

describe("snapshots", () => {
  const now = T0 + 5 * HOUR;

  it("keep each refund's id and verdict: a late click contradicts the one paid, by its id", () => {
    const live = emptyState();
    const decided = run(live, [...events, passed(T0 + 4 * HOUR)], now);
    expect(decided.map((d) => [d.type, "refundId" in d ? d.refundId : null])).toEqual([
      ["refund.approved", "r-first"],
      ["refund.awaiting_merchant", "r-second"],
    ]);
    const stored = JSON.parse(JSON.stringify(snapshotState(live)));
    const resumed = loadState(stored);
    const expected = [
      {
        type: "refund.contradicted",
        at: now,
        orderId: "o1",
        refundId: "r-first",
        reason: "shipped_online",
      },
    ];
    expect(run(resumed, [lateClick], now)).toEqual(expected);
    expect(run(live, [lateClick], now)).toEqual(expected);
    expect(snapshotState(resumed)).toEqual(snapshotState(live));
  });

  it("are copies: what the state does next leaves a snapshot as it was taken", () => {
    const live = emptyState();
    run(live, [...events.slice(0, 3), passed(T0 + 4 * HOUR)], now);
    const snapshot = snapshotState(live);
    const asTaken = JSON.parse(JSON.stringify(snapshot));
    // The refund's verdict changes in place; the order and the listing change as well.
    run(live, [lateClick, events[3]!, passed(T0 + 30 * HOUR)], now);
    expect(live.orders.get("o1")!.refunds[0]!.decided).toBe("contradicted");
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(asTaken);
    // And a state loaded from a snapshot is its own: stepping it leaves the snapshot alone.
    const loaded = loadState(snapshot);
    run(loaded, [lateClick], now);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(asTaken);
  });

  it("carry the settled bound and the pending deadlines", () => {
    const live = emptyState();
    run(live, [...events.slice(0, 2), passed(T0 + HOUR)], now);
    const resumed = loadState(JSON.parse(JSON.stringify(snapshotState(live))));
    expect(resumed.settled).toBe(passed(T0 + HOUR));
    const due = T0 + 24 * HOUR;
    expect(run(resumed, [passed(due + 1)], now).map((d) => [d.type, d.at])).toEqual([
      ["violation.recorded", due],
      ["claim.paid", due],
      ["listing.weight_changed", due],
    ]);
  });

  it("hold every record whole: claims, waived and revoked kinds, exits, unlisted products", () => {
    const state = emptyState();
    const report: ChannelEvent = {
      type: "merchant.exception_report",
      at: T0 + 40 * HOUR,
      merchantId: "m2",
      reason: "停工",
    };
    const onUnlisted: ChannelEvent = {
      ...events[1]!,
      orderId: "o2",
      productId: "p-later",
      merchantId: "m2",
    } as ChannelEvent;
    run(state, [...events.slice(0, 2), onUnlisted, report, passed(T0 + 50 * HOUR)], now);
    const out: Decision[] = [];
    // o1's violation waived on appeal: revoked, its kind remembered as waived and revoked.
    waiveViolation(state, "o1", "late_shipment", T0 + 31 * HOUR, campaign, out);
    const taken = snapshotState(state);
    expect(taken.orders.find((o) => o.orderId === "o1")).toMatchObject({
      waived: ["late_shipment"],
      revoked: ["late_shipment"],
      violation: null,
    });
    expect(taken.orders.find((o) => o.orderId === "o2")!.claim).toEqual({
      kind: "late_shipment",
      status: "paid",
      amountFen: 1_000,
    });
    expect(taken.merchants.find((m) => m.merchantId === "m2")!.finalExit).toEqual({
      at: T0 + 40 * HOUR,
      reason: "exception_report",
    });
    expect(taken.unlisted).toEqual([["p-later", 1]]);
    const stored = JSON.parse(JSON.stringify(taken));
    expect(snapshotState(loadState(stored))).toEqual(stored);
  });

  it("a resumed state goes on as the live one would", () => {
    const live = emptyState();
    const onUnlisted = { ...events[1]!, orderId: "o2", productId: "p-later" } as ChannelEvent;
    run(live, [...events.slice(0, 2), onUnlisted, passed(T0 + 30 * HOUR)], now);
    const out: Decision[] = [];
    waiveViolation(live, "o1", "late_shipment", T0 + 31 * HOUR, campaign, out);
    const resumed = loadState(JSON.parse(JSON.stringify(snapshotState(live))));
    // A listing of o2's product from before its payment: its 24 h replace the default 48 h.
    const later: ChannelEvent = { ...events[0]!, productId: "p-later" } as ChannelEvent;
    const steps = [later, lateClick, passed(T0 + 60 * HOUR)];
    const expected = run(live, steps, T0 + 32 * HOUR);
    // o2 late at 24 h; o1, its late shipment waived, clicked but never scanned: a false one.
    expect(
      expected.map((d) => [
        d.type,
        "orderId" in d ? d.orderId : "productId" in d ? d.productId : null,
      ]),
    ).toEqual([
      ["violation.recorded", "o2"],
      ["claim.paid", "o2"],
      ["listing.weight_changed", "p-later"],
      ["violation.recorded", "o1"],
      ["claim.paid", "o1"],
      ["listing.weight_changed", "p1"],
    ]);
    expect(run(resumed, steps, T0 + 32 * HOUR)).toEqual(expected);
  });
});
