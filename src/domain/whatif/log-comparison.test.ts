/**
 * People's acts in the editor's impact: an upheld appeal, a withdrawal and a held claim paid or
 * declined, not events of the log, act on both sides where the server took them, between the
 * events received before and after.
 */
import { describe, expect, it } from "vitest";
import { impliedTable } from "../campaign/claim-table.js";
import { DEFAULT_POLICY, testCampaign } from "../fulfilment/fixtures.js";
import type { ChannelEvent } from "../fulfilment/index.js";
import { LogComparison } from "./log-comparison.js";

const T0 = Date.parse("2024-02-10T09:00:00+08:00");
const HOUR = 3_600_000;
const campaign = testCampaign();
const side = { campaign, lateness: 0 };

const listed: ChannelEvent = {
  type: "product.listed",
  at: T0,
  merchantId: "m1",
  productId: "p1",
  shippingGuaranteeHours: 24,
};
const paid = (orderId: string, at: number, risk: "normal" | "high" = "normal"): ChannelEvent => ({
  type: "order.paid",
  at,
  orderId,
  merchantId: "m1",
  productId: "p1",
  amountFen: 10_000,
  region: "CN-ZJ",
  buyer: { id: `b-${orderId}`, risk },
});

/** o1 never shipped (late at T0 + 25 h), o2 paid an hour later: the log as the server took it. */
function history(): LogComparison {
  const c = new LogComparison(side, side);
  c.receive(listed, T0);
  c.receive(paid("o1", T0 + HOUR), T0 + HOUR);
  return c;
}

describe("LogComparison.act", () => {
  it("an upheld appeal revokes the violation and its claim on both sides", () => {
    const c = history();
    c.act({ type: "appeal_upheld", orderId: "o1", kind: "late_shipment" }, T0 + 30 * HOUR);
    c.receive(paid("o2", T0 + 31 * HOUR), T0 + 31 * HOUR);
    c.finish(T0 + 32 * HOUR);
    const { totals } = c.result();
    expect(totals.violations).toEqual({ a: 0, b: 0 });
    expect(totals.claimsPaid).toEqual({ a: 0, b: 0 });
    expect(totals.orders).toEqual({ a: 2, b: 2 });
  });

  it("without it, the same log keeps the violation and the claim", () => {
    const c = history();
    c.finish(T0 + 32 * HOUR);
    const { totals } = c.result();
    expect(totals.violations).toEqual({ a: 1, b: 1 });
    expect(totals.claimsPaid).toEqual({ a: 1, b: 1 });
  });

  it("a withdrawal is an exit at its time, on both sides", () => {
    const c = history();
    c.act({ type: "withdrawal", merchantId: "m1" }, T0 + 2 * HOUR);
    c.finish(T0 + 32 * HOUR);
    const result = c.result();
    expect(result.totals.exits).toEqual({ a: 1, b: 1 });
    expect(result.exitsByReason.withdrew).toEqual({ a: 1, b: 1 });
  });

  describe("a held claim paid or declined by a person", () => {
    // h1's buyer is high-risk: late at T0 + 25 h, its claim is held for a person.
    const heldHistory = (b = side) => {
      const c = new LogComparison(side, b);
      c.receive(listed, T0);
      c.receive(paid("h1", T0 + HOUR, "high"), T0 + HOUR);
      c.finish(T0 + 30 * HOUR);
      return c;
    };
    const pay = { type: "claim_resolved", orderId: "h1", kind: "late_shipment" } as const;

    it("left alone, both sides count it held", () => {
      const { totals } = heldHistory().result();
      expect(totals.claimsHeld).toEqual({ a: 1, b: 1 });
      expect(totals.claimsPaid).toEqual({ a: 0, b: 0 });
    });

    it("paid: each side pays its own policy's compensation, none held", () => {
      // B pays 8 % where A pays 5 %: a person paying under B would have paid B's amount.
      const richer = { ...DEFAULT_POLICY.compensation, rateBasisPoints: 800 };
      const b = { campaign: testCampaign({ compensation: richer }), lateness: 0 };
      const c = heldHistory(b);
      c.act({ ...pay, decision: "pay" }, T0 + 31 * HOUR);
      c.finish(T0 + 32 * HOUR);
      const { totals } = c.result();
      expect(totals.claimsHeld).toEqual({ a: 0, b: 0 });
      expect(totals.claimsPaid).toEqual({ a: 1, b: 1 });
      expect(totals.claimsPaidFen).toEqual({ a: 500, b: 800 });
    });

    it("declined: neither held nor paid", () => {
      const c = heldHistory();
      c.act({ ...pay, decision: "decline" }, T0 + 31 * HOUR);
      c.finish(T0 + 32 * HOUR);
      const { totals } = c.result();
      expect(totals.claimsHeld).toEqual({ a: 0, b: 0 });
      expect(totals.claimsPaid).toEqual({ a: 0, b: 0 });
      expect(totals.violations).toEqual({ a: 1, b: 1 });
    });

    it("a side that paid the claim at once keeps its own payment", () => {
      // B holds no one's claim: it paid h1 when the deadline passed; A's person declines later.
      const payAll = { ...DEFAULT_POLICY.compensation, holdForBuyerRisk: [] };
      const campaignB = testCampaign({ compensation: payAll, claims: impliedTable(payAll) });
      const b = { campaign: campaignB, lateness: 0 };
      const c = heldHistory(b);
      c.act({ ...pay, decision: "decline" }, T0 + 31 * HOUR);
      c.finish(T0 + 32 * HOUR);
      const { totals } = c.result();
      expect(totals.claimsHeld).toEqual({ a: 0, b: 0 });
      expect(totals.claimsPaid).toEqual({ a: 0, b: 1 });
    });

    it("a paid claim is taken back when an appeal later revokes the violation", () => {
      const c = heldHistory();
      c.act({ ...pay, decision: "pay" }, T0 + 31 * HOUR);
      c.act({ type: "appeal_upheld", orderId: "h1", kind: "late_shipment" }, T0 + 32 * HOUR);
      c.finish(T0 + 33 * HOUR);
      const { totals } = c.result();
      expect(totals.claimsPaid).toEqual({ a: 0, b: 0 });
      expect(totals.violations).toEqual({ a: 0, b: 0 });
    });
  });
});
