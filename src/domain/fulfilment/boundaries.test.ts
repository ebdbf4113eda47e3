/**
 * Order readings at their edges (order-plan.ts, settle.ts): facts at the same instant, decisions
 * exactly at the watermark, several decisions of one order settled together, and an order with
 * nothing left to decide.
 */
import { describe, expect, it } from "vitest";
import { settleTouched } from "./arrival.js";
import type { ChannelEvent, RefundKind } from "./contract/events.js";
import type { Decision } from "./decisions.js";
import { advance, receive } from "./engine.js";
import { replayEvents, testCampaign } from "./fixtures.js";
import { passed, through } from "./keys.js";
import type { Target } from "./settle-queue.js";
import { emptyState, type FulfilmentState } from "./state.js";

const campaign = testCampaign();
const HOUR = 3_600_000;
const T0 = Date.parse("2024-02-10T09:00:00+08:00");
const iso = (ms: number) => new Date(ms).toISOString();

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
const shipped = (at: number): ChannelEvent => ({
  type: "order.shipped",
  at,
  orderId: "o1",
  trackingNo: "SF1",
  carrier: "SF",
});
const scanned = (at: number): ChannelEvent => ({ type: "order.picked_up", at, orderId: "o1" });
const delivered = (at: number): ChannelEvent => ({ type: "order.delivered", at, orderId: "o1" });
const refund = (refundId: string, at: number, kind: RefundKind = "refund_only"): ChannelEvent => ({
  type: "refund.requested",
  at,
  orderId: "o1",
  refundId,
  amountFen: 5_000,
  kind,
});

function feed(state: FulfilmentState, events: readonly ChannelEvent[], now?: number): Decision[] {
  const out: Decision[] = [];
  for (const e of events) expect(receive(state, e, campaign, now ?? e.at, out)).toBeNull();
  return out;
}
function settle(state: FulfilmentState, bound: number): Decision[] {
  const out: Decision[] = [];
  advance(state, bound, campaign, out);
  return out;
}
const brief = (out: readonly Decision[]) =>
  out.map((d) => [d.type, "reason" in d ? d.reason : null, d.at]);
const lines = (events: readonly ChannelEvent[]) => events.map((e) => ({ ...e, at: iso(e.at) }));

describe("facts at the same instant", () => {
  it("a refund requested at the click's instant is after the click: not instant", () => {
    const state = emptyState();
    feed(state, [
      listed,
      paid,
      shipped(T0 + HOUR),
      scanned(T0 + 2 * HOUR),
      refund("r1", T0 + HOUR),
    ]);
    expect(brief(settle(state, passed(T0 + 3 * HOUR)))).toEqual([
      ["refund.awaiting_merchant", "shipped_online", T0 + HOUR],
    ]);
  });

  it("a click stopped at the instant of a second request is asked for before its answer", () => {
    const state = emptyState();
    feed(state, [
      listed,
      paid,
      refund("r1", T0 + HOUR),
      shipped(T0 + 2 * HOUR),
      refund("r2", T0 + 2 * HOUR),
    ]);
    expect(brief(settle(state, passed(T0 + 3 * HOUR)))).toEqual([
      ["refund.approved", null, T0 + HOUR],
      ["parcel.intercept_required", "online_click", T0 + 2 * HOUR],
      ["refund.awaiting_merchant", "shipped_online", T0 + 2 * HOUR],
    ]);
  });

  it("a delivery exactly at the pickup limit proves the pickup", () => {
    const out = replayEvents(campaign, [
      ...lines([listed, paid, shipped(T0 + HOUR), delivered(T0 + 25 * HOUR)]),
      { type: "clock", at: iso(T0 + 48 * HOUR) },
    ]);
    expect(out).toEqual([]);
    const late = replayEvents(campaign, [
      ...lines([listed, paid, shipped(T0 + HOUR), delivered(T0 + 25 * HOUR + 1)]),
    ]);
    expect(late.map((d) => [d.type, d.kind])).toEqual([
      ["violation.recorded", "false_shipment"],
      ["claim.paid", "false_shipment"],
      ["listing.weight_changed", undefined],
    ]);
  });
});

describe("refund verdicts read the requests before them", () => {
  it("the first instant refund is the one that counts: a click after it is stopped", () => {
    const state = emptyState();
    feed(state, [
      listed,
      paid,
      refund("r1", T0 + HOUR),
      refund("r2", T0 + 3 * HOUR),
      shipped(T0 + 2 * HOUR),
    ]);
    expect(brief(settle(state, passed(T0 + 4 * HOUR)))).toEqual([
      ["refund.approved", null, T0 + HOUR],
      ["parcel.intercept_required", "online_click", T0 + 2 * HOUR],
      ["refund.awaiting_merchant", "shipped_online", T0 + 3 * HOUR],
    ]);
  });

  it("a request that went to the merchant does not stop a later one going through", () => {
    const state = emptyState();
    feed(state, [
      listed,
      paid,
      refund("r1", T0 + HOUR, "return_refund"),
      refund("r2", T0 + 2 * HOUR),
    ]);
    expect(brief(settle(state, passed(T0 + 3 * HOUR)))).toEqual([
      ["refund.awaiting_merchant", "kind", T0 + HOUR],
      ["refund.approved", null, T0 + 2 * HOUR],
    ]);
  });
});

describe("decisions exactly at the watermark", () => {
  it("a request, a click to stop and a scan to stop wait until time passes their instant", () => {
    const state = emptyState();
    feed(state, [listed, paid, refund("r1", T0 + HOUR)]);
    expect(settle(state, passed(T0 + HOUR))).toEqual([]);
    expect(brief(settle(state, through(T0 + HOUR)))).toEqual([
      ["refund.approved", null, T0 + HOUR],
    ]);
    feed(state, [shipped(T0 + 2 * HOUR)], T0 + HOUR);
    expect(settle(state, passed(T0 + 2 * HOUR))).toEqual([]);
    expect(brief(settle(state, through(T0 + 2 * HOUR)))).toEqual([
      ["parcel.intercept_required", "online_click", T0 + 2 * HOUR],
    ]);

    const other = emptyState();
    feed(other, [listed, paid, refund("r1", T0 + HOUR), scanned(T0 + 2 * HOUR)]);
    settle(other, through(T0 + HOUR));
    expect(settle(other, passed(T0 + 2 * HOUR))).toEqual([]);
    expect(brief(settle(other, through(T0 + 2 * HOUR)))).toEqual([
      ["parcel.intercept_required", "carrier_pickup", T0 + 2 * HOUR],
    ]);
  });
});

describe("a fact received with time settled exactly to an instant", () => {
  it("leaves that instant's request, click and scan for time to pass", () => {
    const state = emptyState();
    feed(state, [listed, paid, refund("r1", T0 + HOUR)]);
    settle(state, passed(T0 + HOUR));
    // Settling the order again at the same bound (another fact of it) decides nothing yet.
    expect(feed(state, [delivered(T0 + HOUR)])).toEqual([]);
    expect(brief(settle(state, through(T0 + HOUR)))).toEqual([
      ["refund.approved", null, T0 + HOUR],
    ]);
    settle(state, passed(T0 + 2 * HOUR));
    expect(feed(state, [shipped(T0 + 2 * HOUR), scanned(T0 + 2 * HOUR)])).toEqual([]);
    expect(brief(settle(state, through(T0 + 2 * HOUR)))).toEqual([
      ["parcel.intercept_required", "online_click", T0 + 2 * HOUR],
    ]);
  });
});

describe("an order settled again", () => {
  it("asks for each intercept once, and then has nothing pending", () => {
    const state = emptyState();
    feed(state, [
      listed,
      paid,
      refund("r1", T0 + HOUR),
      scanned(T0 + 2 * HOUR),
      shipped(T0 + 3 * HOUR),
    ]);
    expect(settle(state, passed(T0 + 4 * HOUR)).map((d) => d.type)).toEqual([
      "refund.approved",
      "parcel.intercept_required",
      "parcel.intercept_required",
    ]);
    // More facts about the order, settled at once: nothing new to ask for.
    expect(feed(state, [delivered(T0 + 5 * HOUR)], T0 + 6 * HOUR)).toEqual([]);
    settle(state, passed(T0 + 7 * HOUR));
    expect(feed(state, [refund("r2", T0 + 8 * HOUR)], T0 + 9 * HOUR)).toEqual([]);
    expect(brief(settle(state, passed(T0 + 10 * HOUR)))).toEqual([
      ["refund.awaiting_merchant", "shipped_online", T0 + 8 * HOUR],
    ]);
    expect(settle(state, passed(T0 + 100 * HOUR))).toEqual([]);
    // The sweeper's index: nothing is due on this order any more.
    expect(state.orders.get("o1")!.nextKey).toBeNull();
  });

  it("a batch's late payment decides its missed deadline before a later refund request", () => {
    const state = emptyState();
    feed(state, [listed]);
    settle(state, passed(T0 + 30 * HOUR));
    const touched = new Set<Target>();
    const out: Decision[] = [];
    for (const e of [paid, refund("r1", T0 + 25 * HOUR)]) {
      receive(state, e, campaign, T0 + 30 * HOUR, out, { touched });
    }
    settleTouched(state, touched, T0 + 30 * HOUR, campaign, out);
    expect(brief(out)).toEqual([
      ["violation.recorded", null, T0 + 24 * HOUR],
      ["claim.paid", null, T0 + 24 * HOUR],
      ["listing.weight_changed", null, T0 + 24 * HOUR],
      ["refund.approved", null, T0 + 25 * HOUR],
    ]);
  });
});

describe("corrections happen at the stream's present", () => {
  it("an older clock does not move the present back", () => {
    const out = replayEvents(campaign, [
      ...lines([listed, paid]),
      { type: "clock", at: iso(T0 + 30 * HOUR) },
      { type: "clock", at: iso(T0 + 20 * HOUR) },
      ...lines([scanned(T0 + 2 * HOUR), shipped(T0 + HOUR)]),
    ]);
    expect(
      out.filter((d) => d.type === "violation.revoked").map((d) => Date.parse(String(d.at))),
    ).toEqual([T0 + 30 * HOUR]);
  });
});
