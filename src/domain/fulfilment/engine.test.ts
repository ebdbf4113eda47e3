import { describe, expect, it } from "vitest";
import { advanceTo, step } from "./engine.js";
import type { ChannelEvent } from "./events.js";
import { testCampaign } from "./fixtures.js";
import { loadState, snapshotState } from "./snapshot.js";
import { emptyState } from "./state.js";

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

describe("advanceTo (the server's deadline sweeper)", () => {
  it("fires only deadlines strictly before the instant, at the deadline", () => {
    const state = emptyState();
    step(state, listed, campaign);
    step(state, paid, campaign);
    expect(advanceTo(state, T0 + 24 * HOUR, campaign).decisions).toEqual([]);
    const { decisions } = advanceTo(state, T0 + 24 * HOUR + 1, campaign);
    expect(decisions.map((d) => [d.type, d.at])).toEqual([
      ["violation.recorded", T0 + 24 * HOUR],
      ["claim.paid", T0 + 24 * HOUR],
      ["listing.weight_changed", T0 + 24 * HOUR],
    ]);
    expect(advanceTo(state, T0 + 48 * HOUR, campaign).decisions).toEqual([]);
  });

  it("never moves the clock backwards, and later events before the clock are refused", () => {
    const state = emptyState();
    step(state, listed, campaign);
    advanceTo(state, T0 + HOUR, campaign);
    advanceTo(state, T0, campaign);
    expect(state.clock).toBe(T0 + HOUR);
    expect(step(state, paid, campaign).error?.code).toBe("out_of_order");
  });

  it("fires the same decisions from a state rebuilt from its rows", () => {
    const a = emptyState();
    step(a, listed, campaign);
    step(a, paid, campaign);
    const b = loadState(JSON.parse(JSON.stringify(snapshotState(a))));
    expect(advanceTo(b, T0 + 30 * HOUR, campaign).decisions).toEqual(
      advanceTo(a, T0 + 30 * HOUR, campaign).decisions,
    );
  });

  it("step returns the refusal and leaves the state as it was", () => {
    const state = emptyState();
    step(state, listed, campaign);
    const before = JSON.stringify(snapshotState(state));
    const result = step(state, { type: "order.delivered", at: T0, orderId: "nope" }, campaign);
    expect(result.error).toMatchObject({ code: "unknown_order", field: "orderId" });
    expect(result.decisions).toEqual([]);
    expect(JSON.stringify(snapshotState(state))).toBe(before);
  });
});
