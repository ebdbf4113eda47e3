import { describe, expect, it } from "vitest";
import { compensationFen } from "./claims.js";
import { DEFAULT_POLICY, replayEvents, testCampaign } from "./fixtures.js";

const campaign = testCampaign();
const listed = (productId: string, merchantId = "m1") => ({
  type: "product.listed",
  at: "2024-02-09T00:00:00+08:00",
  merchantId,
  productId,
  shippingGuaranteeHours: 24,
});
let seq = 0;
/** An order paid at `day` 09:00 that nobody ships: a late shipment one day later. */
const lateOrder = (productId: string, day: number, extra: object = {}) => ({
  type: "order.paid",
  at: `2024-02-${String(day).padStart(2, "0")}T09:00:${String(seq++ % 60).padStart(2, "0")}+08:00`,
  orderId: `o-${productId}-${seq}`,
  merchantId: "m1",
  productId,
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: `b${seq}`, risk: "normal" },
  ...extra,
});
const clock = (at: string) => ({ type: "clock", at });

describe("compensation (enforce.evaluation)", () => {
  const c = DEFAULT_POLICY.compensation;
  it("pays 5 % of the order, half up, between 500 and 10000 fen", () => {
    expect(compensationFen(20_000, c)).toBe(1_000);
    expect(compensationFen(10_010, c)).toBe(501);
    expect(compensationFen(9_999, c)).toBe(500); // 499.95 → 500 (min)
    expect(compensationFen(1, c)).toBe(500);
    expect(compensationFen(200_000, c)).toBe(10_000);
    expect(compensationFen(200_020, c)).toBe(10_000);
  });

  it("pays a normal buyer at once and holds a high-risk buyer's claim for a person", () => {
    const out = replayEvents(campaign, [
      listed("p1"),
      lateOrder("p1", 10, { orderId: "o-normal", buyer: { id: "b-normal", risk: "normal" } }),
      lateOrder("p1", 10, { orderId: "o-risky", buyer: { id: "b-risky", risk: "high" } }),
      clock("2024-02-12T00:00:00+08:00"),
    ]);
    const claims = out.filter((d) => String(d.type).startsWith("claim."));
    expect(claims).toEqual([
      expect.objectContaining({
        type: "claim.paid",
        orderId: "o-normal",
        buyerId: "b-normal",
        amountFen: 1_000,
      }),
      expect.objectContaining({
        type: "claim.held",
        orderId: "o-risky",
        buyerId: "b-risky",
        reason: "buyer_risk",
      }),
    ]);
  });
});

describe("traffic (enforce.traffic, enforce.delist)", () => {
  it("halves the weight, halves it again, then delists at the third violation", () => {
    const out = replayEvents(campaign, [
      listed("p1"),
      lateOrder("p1", 10),
      lateOrder("p1", 11),
      lateOrder("p1", 12),
      lateOrder("p1", 13),
      clock("2024-02-15T00:00:00+08:00"),
    ]);
    const listing = out.filter((d) => String(d.type).startsWith("listing."));
    expect(listing.map((d) => [d.type, d.weight ?? d.reason])).toEqual([
      ["listing.weight_changed", 0.5],
      ["listing.weight_changed", 0.25],
      ["listing.delisted", "violations"],
    ]);
    // The fourth violation is still recorded and compensated, but the product is already gone.
    expect(out.filter((d) => d.type === "claim.paid")).toHaveLength(4);
  });

  it("reads the steps from the policy", () => {
    const steep = testCampaign({ traffic: { weightSteps: [0.1], delistAtViolations: 2 } });
    const out = replayEvents(steep, [
      listed("p1"),
      lateOrder("p1", 10),
      lateOrder("p1", 11),
      clock("2024-02-13T00:00:00+08:00"),
    ]);
    expect(
      out.filter((d) => String(d.type).startsWith("listing.")).map((d) => d.weight ?? d.type),
    ).toEqual([0.1, "listing.delisted"]);
  });
});

describe("merchant exit (enforce.no_exception_report, exit threshold)", () => {
  it("an exception report exits the merchant; its orders and listings are still tracked", () => {
    const out = replayEvents(campaign, [
      listed("p1"),
      lateOrder("p1", 10, { orderId: "o1" }),
      {
        type: "merchant.exception_report",
        at: "2024-02-10T10:00:00+08:00",
        merchantId: "m1",
        reason: "春节停工",
      },
      clock("2024-02-12T00:00:00+08:00"),
    ]);
    // A listing's weight follows the violations in force, in the venue or out of it.
    expect(out.map((d) => d.type)).toEqual([
      "merchant.exited",
      "violation.recorded",
      "claim.paid",
      "listing.weight_changed",
    ]);
    expect(out[0]).toMatchObject({
      merchantId: "m1",
      reason: "exception_report",
      at: "2024-02-10T10:00:00+08:00",
    });
  });

  it("a campaign that allows exception reports keeps the merchant", () => {
    const lenient = testCampaign({
      shipping: { ...DEFAULT_POLICY.shipping, exceptionReportAllowed: true },
    });
    const report = {
      type: "merchant.exception_report",
      at: "2024-02-10T10:00:00+08:00",
      merchantId: "m1",
      reason: "x",
    };
    expect(replayEvents(lenient, [listed("p1"), report])).toEqual([]);
  });

  it("an exception report outside the activity window changes nothing", () => {
    const report = (at: string) => ({
      type: "merchant.exception_report",
      at,
      merchantId: "m1",
      reason: "x",
    });
    expect(replayEvents(campaign, [listed("p1"), report("2024-02-08T23:59:59.999+08:00")])).toEqual(
      [],
    );
    expect(replayEvents(campaign, [listed("p1"), report("2024-02-17T00:00:00+08:00")])).toEqual([]);
    expect(replayEvents(campaign, [listed("p1"), report("2024-02-16T23:59:59.999+08:00")])).toEqual(
      [expect.objectContaining({ type: "merchant.exited", reason: "exception_report" })],
    );
  });

  it("exits at the tenth violation within the campaign, once", () => {
    const products = ["p1", "p2", "p3", "p4"];
    const events: object[] = products.map((p) => listed(p));
    for (let i = 0; i < 11; i++) events.push(lateOrder(products[i % 4]!, 9 + Math.floor(i / 3)));
    events.push(clock("2024-02-16T00:00:00+08:00"));
    const out = replayEvents(campaign, events);
    const exits = out.filter((d) => d.type === "merchant.exited");
    expect(exits).toEqual([expect.objectContaining({ merchantId: "m1", reason: "violations" })]);
    const violationsBefore = out
      .slice(0, out.indexOf(exits[0]!))
      .filter((d) => d.type === "violation.recorded");
    expect(violationsBefore).toHaveLength(10);
    expect(out.filter((d) => d.type === "violation.recorded")).toHaveLength(11);
  });
});
