/**
 * Refusals by the facts (arrival.ts): the whole error a channel gets back — its code, the
 * message that says what is wrong, and the field to fix — and a refused event changes nothing.
 */
import { describe, expect, it } from "vitest";
import type { ChannelEvent } from "./contract/events.js";
import type { Decision } from "./decisions.js";
import { advance, receive } from "./engine.js";
import { testCampaign } from "./fixtures.js";
import { passed } from "./keys.js";
import { snapshotState } from "./snapshot.js";
import { emptyState, type FulfilmentState } from "./state.js";

const campaign = testCampaign();
const T0 = Date.parse("2024-02-10T09:00:00+08:00");

const listed: ChannelEvent = {
  type: "product.listed",
  at: T0 - 1_000,
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
const shipped: ChannelEvent = {
  type: "order.shipped",
  at: T0 + 1_000,
  orderId: "o1",
  trackingNo: "SF1",
  carrier: "SF",
};
const scanned: ChannelEvent = { type: "order.picked_up", at: T0 + 2_000, orderId: "o1" };
const delivered: ChannelEvent = { type: "order.delivered", at: T0 + 3_000, orderId: "o1" };
const refund: ChannelEvent = {
  type: "refund.requested",
  at: T0 + 4_000,
  orderId: "o1",
  refundId: "r1",
  amountFen: 100,
  kind: "refund_only",
};

function stateWith(events: readonly ChannelEvent[]): FulfilmentState {
  const state = emptyState();
  for (const e of events) expect(receive(state, e, campaign, e.at, [])).toBeNull();
  return state;
}

/** Receives `event` after `before`: its error, and whether it left the state and output alone. */
function refusal(before: readonly ChannelEvent[], event: ChannelEvent) {
  const state = stateWith(before);
  const was = JSON.stringify(snapshotState(state));
  const out: Decision[] = [];
  const error = receive(state, event, campaign, event.at, out);
  expect(out).toEqual([]);
  expect(JSON.stringify(snapshotState(state))).toBe(was);
  return error;
}

describe("refusals by the facts", () => {
  it("an event on an order never paid", () => {
    expect(refusal([listed], shipped)).toStrictEqual({
      code: "unknown_order",
      message: "no order o1 has been paid",
      field: "orderId",
    });
  });

  it("a second click, scan or delivery", () => {
    expect(refusal([listed, paid, shipped], { ...shipped, at: T0 + 9_000 })).toStrictEqual({
      code: "already_shipped",
      message: "order o1 was already shipped online",
    });
    expect(refusal([listed, paid, scanned], scanned)).toStrictEqual({
      code: "already_picked_up",
      message: "order o1 was already picked up",
    });
    expect(refusal([listed, paid, delivered], delivered)).toStrictEqual({
      code: "already_delivered",
      message: "order o1 was already delivered",
    });
  });

  it("a click, scan, delivery or refund dated before the payment", () => {
    // Taken, an early click counted as on time and an early refund cancelled the deadline, where
    // the same events in time order are refused (unknown_order) and the order is late: refused
    // the same way.
    const early = T0 - 60_000;
    const message =
      "order o1 was not paid yet at 2024-02-10T08:59:00+08:00, the event's time (it was paid at 2024-02-10T09:00:00+08:00): check the event's time";
    for (const event of [shipped, scanned, delivered, refund]) {
      expect(refusal([listed, paid], { ...event, at: early })).toStrictEqual({
        code: "unknown_order",
        message,
        field: "at",
      });
    }
    // At the very instant of payment it is taken.
    for (const event of [shipped, scanned, delivered, refund]) {
      expect(receive(stateWith([listed, paid]), { ...event, at: T0 }, campaign, T0, [])).toBeNull();
    }
  });

  it("a refund id asked for twice", () => {
    expect(refusal([listed, paid, refund], { ...refund, at: T0 + 5_000 })).toStrictEqual({
      code: "duplicate_refund",
      message: "refund r1 was already requested on order o1",
      field: "refundId",
    });
  });

  it("a second payment, a second listing, a product another merchant lists", () => {
    expect(refusal([listed, paid], paid)).toStrictEqual({
      code: "duplicate_order",
      message: "order o1 was already paid",
      field: "orderId",
    });
    expect(refusal([listed], listed)).toStrictEqual({
      code: "already_listed",
      message: "product p1 is already listed (live)",
      field: "productId",
    });
    expect(refusal([listed], { ...paid, merchantId: "m2" })).toStrictEqual({
      code: "merchant_mismatch",
      message: "product p1 is listed by merchant m1, not m2",
      field: "merchantId",
    });
  });

  it("a guarantee the campaign does not allow, naming the ones it does", () => {
    expect(refusal([], { ...listed, shippingGuaranteeHours: 36 })).toStrictEqual({
      code: "guarantee_not_allowed",
      message:
        "a 36 h shipping guarantee is not one this campaign allows (24 h, 48 h): list the product with one of them",
      field: "shippingGuaranteeHours",
    });
  });

  it("reads refund requests in time order, then by id, whatever order they came in", () => {
    const state = stateWith([listed, paid]);
    const asked = (refundId: string, at: number): ChannelEvent => ({ ...refund, refundId, at });
    for (const e of [
      asked("r-b", T0 + 5_000),
      asked("r-c", T0 + 6_000),
      asked("r-a", T0 + 5_000),
    ]) {
      expect(receive(state, e, campaign, e.at, [])).toBeNull();
    }
    expect(receive(state, asked("r-0", T0 + 4_000), campaign, T0 + 7_000, [])).toBeNull();
    const out: Decision[] = [];
    advance(state, passed(T0 + 10_000), campaign, out);
    // One instant refund per order: the first in that order goes through.
    expect(out.map((d) => [d.type, "refundId" in d ? d.refundId : null])).toEqual([
      ["refund.approved", "r-0"],
      ["refund.awaiting_merchant", "r-a"],
      ["refund.awaiting_merchant", "r-b"],
      ["refund.awaiting_merchant", "r-c"],
    ]);
  });
});
