import { describe, expect, it } from "vitest";
import { replayEvents, testCampaign } from "./fixtures.js";

const campaign = testCampaign();
const setup = (amountFen = 50_000, paidAt = "2024-02-10T09:00:00+08:00") => [
  {
    type: "product.listed",
    at: "2024-02-01T00:00:00+08:00",
    merchantId: "m1",
    productId: "p1",
    shippingGuaranteeHours: 48,
  },
  {
    type: "order.paid",
    at: paidAt,
    orderId: "o1",
    merchantId: "m1",
    productId: "p1",
    amountFen,
    region: "CN-GD",
    buyer: { id: "b1", risk: "normal" },
  },
];
const refund = (
  amountFen: number,
  at = "2024-02-10T10:00:00+08:00",
  kind = "refund_only",
  refundId = "r1",
) => ({
  type: "refund.requested",
  at,
  orderId: "o1",
  refundId,
  amountFen,
  kind,
});

describe("instant refund (refund.instant)", () => {
  it("approves 30000 fen at the request's instant, with no merchant step", () => {
    expect(replayEvents(campaign, [...setup(), refund(30_000)])).toEqual([
      {
        type: "refund.approved",
        at: "2024-02-10T10:00:00+08:00",
        orderId: "o1",
        refundId: "r1",
        amountFen: 30_000,
        instant: true,
        campaign: "test",
      },
    ]);
  });

  it("sends 30001 fen to the merchant", () => {
    expect(replayEvents(campaign, [...setup(), refund(30_001)])).toEqual([
      {
        type: "refund.awaiting_merchant",
        at: "2024-02-10T10:00:00+08:00",
        orderId: "o1",
        refundId: "r1",
        reason: "over_instant_limit",
        campaign: "test",
      },
    ]);
  });

  it("sends a return-and-refund to the merchant", () => {
    const out = replayEvents(campaign, [...setup(), refund(100, undefined, "return_refund")]);
    expect(out[0]).toMatchObject({ type: "refund.awaiting_merchant", reason: "kind" });
  });

  it("sends a request on an order shipped online to the merchant", () => {
    const ship = {
      type: "order.shipped",
      at: "2024-02-10T09:30:00+08:00",
      orderId: "o1",
      trackingNo: "T",
      carrier: "YTO",
    };
    const out = replayEvents(campaign, [...setup(), ship, refund(100)]);
    expect(out[0]).toMatchObject({ type: "refund.awaiting_merchant", reason: "shipped_online" });
  });

  it("follows the campaign order, not the calendar (scope.campaign_orders)", () => {
    const refundOf = (paidAt: string, t: string) =>
      replayEvents(campaign, [...setup(50_000, paidAt), refund(100, t)])[0];
    const eve = "2024-02-08T23:59:59.999+08:00";
    const first = "2024-02-09T00:00:00+08:00";
    const last = "2024-02-16T23:59:59.999+08:00";
    // Paid before the window: not a campaign order, so no decision at all.
    expect(refundOf(eve, "2024-02-09T00:00:01+08:00")).toBeUndefined();
    expect(refundOf(first, "2024-02-09T00:00:01+08:00")).toMatchObject({
      type: "refund.approved",
    });
    expect(refundOf(last, last)).toMatchObject({ type: "refund.approved" });
    // A campaign order's request after the window is instant too.
    expect(refundOf(last, "2024-02-17T00:00:01+08:00")).toMatchObject({
      type: "refund.approved",
    });
    // Paid one millisecond after the window: not a campaign order.
    expect(refundOf("2024-02-17T00:00:00+08:00", "2024-02-17T00:00:01+08:00")).toBeUndefined();
  });

  it("never approves more than the order's amount, nor a second refund, instantly", () => {
    expect(replayEvents(campaign, [...setup(1_000), refund(1_001)])[0]).toMatchObject({
      reason: "over_order_amount",
    });
    const twice = [
      ...setup(1_000),
      refund(500),
      refund(500, "2024-02-10T10:00:01+08:00", "refund_only", "r2"),
    ];
    expect(replayEvents(campaign, twice).map((d) => d.reason ?? d.type)).toEqual([
      "refund.approved",
      "already_refunded",
    ]);
  });

  it("refuses a repeated refund id as a line error", () => {
    const out = replayEvents(campaign, [
      ...setup(),
      refund(100),
      refund(100, "2024-02-10T10:00:01+08:00"),
    ]);
    expect(out).toContainEqual({
      line: 4,
      error: {
        code: "duplicate_refund",
        field: "refundId",
        message: "refund r1 was already requested on order o1",
      },
    });
    expect(out.filter((d) => d.type === "refund.approved")).toHaveLength(1);
  });

  it("reads every number from the policy: a 50000-fen limit approves 30001", () => {
    const generous = testCampaign({
      instantRefund: { kinds: ["refund_only"], maxAmountFen: 50_000, window: "activity" },
    });
    expect(replayEvents(generous, [...setup(), refund(30_001)])[0]).toMatchObject({
      type: "refund.approved",
    });
  });
});
