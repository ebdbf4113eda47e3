/**
 * Disputes on the engine: an upheld appeal undoes a violation and everything that followed from
 * it; a withdrawal is final, even for a merchant already out by its violation count.
 */
import { describe, expect, it } from "vitest";
import { waiveViolation } from "./appeal.js";
import { withdraw } from "./arrival.js";
import type { Decision } from "./decisions.js";
import { testCampaign } from "./fixtures.js";
import { ReplaySession } from "./replay-session.js";

const campaign = testCampaign({
  traffic: { weightSteps: [0.5], delistAtViolations: 2 },
  exit: { maxViolations: 2 },
});
const at = (iso: string) => Date.parse(iso);
const paid = (orderId: string, productId: string, time: string) => ({
  type: "order.paid",
  at: time,
  orderId,
  merchantId: "m1",
  productId,
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: `b-${orderId}`, risk: "normal" },
});

/** m1 lists p1; o1 and o2 are never shipped: two violations, delisted, the merchant out. */
function twoViolations(): ReplaySession {
  const session = new ReplaySession(campaign);
  const lines = [
    {
      type: "product.listed",
      at: "2024-02-09T08:00:00+08:00",
      merchantId: "m1",
      productId: "p1",
      shippingGuaranteeHours: 24,
    },
    paid("o1", "p1", "2024-02-10T09:00:00+08:00"),
    paid("o2", "p1", "2024-02-10T10:00:00+08:00"),
    { type: "clock", at: "2024-02-12T00:00:00+08:00" },
  ];
  lines.forEach((l, i) => {
    session.line(JSON.stringify(l), i + 1);
  });
  return session;
}

const types = (out: Decision[]) =>
  out.map((d) => `${d.type} ${"reason" in d ? d.reason : ""}`.trim());

describe("appeals and withdrawal on the engine", () => {
  it("an upheld appeal revokes the violation, reverses its claim, relists and reinstates", () => {
    const session = twoViolations();
    const { state } = session;
    expect(state.merchants.get("m1")?.status).toBe("exited");
    const out: Decision[] = [];
    const now = at("2024-02-12T10:00:00+08:00");
    expect(waiveViolation(state, "o1", "late_shipment", now, campaign, out)).toBe(true);
    expect(types(out)).toEqual([
      "violation.revoked appeal_upheld",
      "claim.reversed",
      "listing.relisted",
      "merchant.reinstated",
    ]);
    expect(out.every((d) => d.at === now)).toBe(true);
    expect(out[1]).toMatchObject({ orderId: "o1", amountFen: 1_000 });
    expect(state.orders.get("o1")).toMatchObject({ violation: null, waived: ["late_shipment"] });
    // Waived for good: settling the order again changes nothing.
    const again: Decision[] = [];
    waiveViolation(state, "o1", "late_shipment", now + 1, campaign, again);
    expect(again).toEqual([]);
    expect(waiveViolation(state, "no-such-order", "late_shipment", now, campaign, again)).toBe(
      false,
    );
  });

  it("a withdrawal is final at once, whatever the watermark, and announced once", () => {
    const session = new ReplaySession(campaign);
    const out: Decision[] = [];
    const now = at("2024-02-10T12:00:00+08:00");
    withdraw(session.state, "m2", now, campaign, out);
    expect(out).toEqual([
      { type: "merchant.exited", at: now, merchantId: "m2", reason: "withdrew" },
    ]);
    const again: Decision[] = [];
    withdraw(session.state, "m2", now + 1000, campaign, again);
    expect(again).toEqual([]);
  });

  it("a merchant out by its violations that withdraws is out for good: no reinstatement", () => {
    const session = twoViolations();
    const { state } = session;
    const now = at("2024-02-12T10:00:00+08:00");
    const out: Decision[] = [];
    withdraw(state, "m1", now, campaign, out);
    expect(types(out)).toEqual(["merchant.exited withdrew"]);
    const after: Decision[] = [];
    waiveViolation(state, "o1", "late_shipment", now + 1, campaign, after);
    waiveViolation(state, "o2", "late_shipment", now + 2, campaign, after);
    expect(types(after)).not.toContain("merchant.reinstated");
    expect(state.merchants.get("m1")).toMatchObject({ status: "exited", exitReason: "withdrew" });
  });
});
