import { describe, expect, it } from "vitest";
import { replayEvents, testCampaign } from "./fixtures.js";

const campaign = testCampaign();
const listed = (hours: number | null = 48, productId = "p1", merchantId = "m1") => ({
  type: "product.listed",
  at: "2024-02-09T08:00:00+08:00",
  merchantId,
  productId,
  shippingGuaranteeHours: hours,
});
const paid = (at: string, orderId = "o1", extra: object = {}) => ({
  type: "order.paid",
  at,
  orderId,
  merchantId: "m1",
  productId: "p1",
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: "b1", risk: "normal" },
  ...extra,
});
const shipped = (at: string, orderId = "o1") => ({
  type: "order.shipped",
  at,
  orderId,
  trackingNo: "SF1",
  carrier: "SF",
});
const clock = (at: string) => ({ type: "clock", at });
const types = (out: Array<Record<string, unknown>>) => out.map((d) => d.type);

describe("ship deadline (ship.deadline, ship.late)", () => {
  it("a click exactly at the deadline is on time", () => {
    const out = replayEvents(campaign, [
      listed(48),
      paid("2024-02-10T09:00:00+08:00"),
      shipped("2024-02-12T09:00:00+08:00"),
      clock("2024-02-12T10:00:00+08:00"),
    ]);
    expect(out).toEqual([]);
  });

  it("a click one millisecond after the deadline is late, recorded at the deadline", () => {
    const out = replayEvents(campaign, [
      listed(48),
      paid("2024-02-10T09:00:00+08:00"),
      shipped("2024-02-12T09:00:00.001+08:00"),
    ]);
    expect(out[0]).toEqual({
      type: "violation.recorded",
      at: "2024-02-12T09:00:00+08:00",
      orderId: "o1",
      merchantId: "m1",
      productId: "p1",
      kind: "late_shipment",
      campaign: "test",
    });
    expect(types(out)).toEqual(["violation.recorded", "claim.paid", "listing.weight_changed"]);
  });

  it("uses the product's 24 h guarantee", () => {
    const out = replayEvents(campaign, [
      listed(24),
      paid("2024-02-10T09:00:00+08:00"),
      clock("2024-02-11T09:00:00.001+08:00"),
    ]);
    expect(out[0]).toMatchObject({ type: "violation.recorded", at: "2024-02-11T09:00:00+08:00" });
  });

  it("falls back to the policy's default guarantee for a product with none recorded", () => {
    const out = replayEvents(campaign, [
      listed(null),
      paid("2024-02-10T09:00:00+08:00"),
      clock("2024-02-12T09:00:00+08:00"),
      clock("2024-02-12T09:00:01+08:00"),
    ]);
    expect(out[0]).toMatchObject({ type: "violation.recorded", at: "2024-02-12T09:00:00+08:00" });
    expect(out).toHaveLength(3);
  });

  it("a clock exactly at the deadline fires nothing; time never moves past the last event", () => {
    expect(
      replayEvents(campaign, [
        listed(24),
        paid("2024-02-10T09:00:00+08:00"),
        clock("2024-02-11T09:00:00+08:00"),
      ]),
    ).toEqual([]);
    expect(replayEvents(campaign, [listed(24), paid("2024-02-10T09:00:00+08:00")])).toEqual([]);
  });

  it("fires several deadlines in deadline order, before the event that passes them", () => {
    const out = replayEvents(campaign, [
      listed(48),
      listed(24, "p2"),
      paid("2024-02-10T09:00:00+08:00", "o-48"),
      paid("2024-02-10T10:00:00+08:00", "o-24", { productId: "p2" }),
      paid("2024-02-13T00:00:00+08:00", "o-late-event"),
    ]);
    const violations = out.filter((d) => d.type === "violation.recorded");
    expect(violations.map((d) => [d.orderId, d.at])).toEqual([
      ["o-24", "2024-02-11T10:00:00+08:00"],
      ["o-48", "2024-02-12T09:00:00+08:00"],
    ]);
  });

  it("an order refunded before its deadline has no late shipment", () => {
    const refund = {
      type: "refund.requested",
      at: "2024-02-12T08:59:59+08:00",
      orderId: "o1",
      refundId: "r1",
      amountFen: 20_000,
      kind: "refund_only",
    };
    const out = replayEvents(campaign, [
      listed(48),
      paid("2024-02-10T09:00:00+08:00"),
      refund,
      clock("2024-02-20T00:00:00+08:00"),
    ]);
    expect(types(out)).toEqual(["refund.approved"]);
  });

  it("a refund requested exactly at the deadline is in time", () => {
    const refund = {
      type: "refund.requested",
      at: "2024-02-12T09:00:00+08:00",
      orderId: "o1",
      refundId: "r1",
      amountFen: 20_000,
      kind: "refund_only",
    };
    const out = replayEvents(campaign, [
      listed(48),
      paid("2024-02-10T09:00:00+08:00"),
      refund,
      clock("2024-02-20T00:00:00+08:00"),
    ]);
    expect(types(out)).toEqual(["refund.approved"]);
  });

  it("a refund after the deadline comes after the violation, which stands", () => {
    const refund = {
      type: "refund.requested",
      at: "2024-02-12T09:00:01+08:00",
      orderId: "o1",
      refundId: "r1",
      amountFen: 20_000,
      kind: "refund_only",
    };
    const out = replayEvents(campaign, [listed(48), paid("2024-02-10T09:00:00+08:00"), refund]);
    expect(types(out)).toEqual([
      "violation.recorded",
      "claim.paid",
      "listing.weight_changed",
      "refund.approved",
    ]);
  });
});

describe("false shipment (ship.false)", () => {
  const base = [
    listed(48),
    paid("2024-02-10T09:00:00+08:00"),
    shipped("2024-02-10T12:00:00+08:00"),
  ];
  const pickup = (at: string) => ({ type: "order.picked_up", at, orderId: "o1" });

  it("a pickup exactly 24 h after the click is in time", () => {
    const out = replayEvents(campaign, [
      ...base,
      pickup("2024-02-11T12:00:00+08:00"),
      clock("2024-02-20T00:00:00+08:00"),
    ]);
    expect(out).toEqual([]);
  });

  it("no pickup within 24 h of the click is a false shipment at click + 24 h", () => {
    const out = replayEvents(campaign, [...base, pickup("2024-02-11T12:00:00.001+08:00")]);
    expect(out[0]).toMatchObject({
      type: "violation.recorded",
      at: "2024-02-11T12:00:00+08:00",
      kind: "false_shipment",
    });
  });

  it("a delivery proves the pickup", () => {
    const delivered = { type: "order.delivered", at: "2024-02-11T11:00:00+08:00", orderId: "o1" };
    expect(
      replayEvents(campaign, [...base, delivered, clock("2024-02-20T00:00:00+08:00")]),
    ).toEqual([]);
  });

  it("one order, one shipping violation: late and never scanned is late only (ship.one_violation)", () => {
    const out = replayEvents(campaign, [
      listed(48),
      paid("2024-02-10T09:00:00+08:00"),
      shipped("2024-02-13T09:00:00+08:00"),
      clock("2024-02-20T00:00:00+08:00"),
    ]);
    expect(out.filter((d) => d.type === "violation.recorded").map((d) => d.kind)).toEqual([
      "late_shipment",
    ]);
    expect(out.filter((d) => d.type === "claim.paid").map((d) => d.kind)).toEqual([
      "late_shipment",
    ]);
  });

  it("a click on a refunded order asks for the parcel to be stopped, and owes no pickup", () => {
    const refund = {
      type: "refund.requested",
      at: "2024-02-10T10:00:00+08:00",
      orderId: "o1",
      refundId: "r1",
      amountFen: 20_000,
      kind: "refund_only",
    };
    const out = replayEvents(campaign, [
      listed(48),
      paid("2024-02-10T09:00:00+08:00"),
      refund,
      shipped("2024-02-10T11:00:00+08:00"),
      clock("2024-02-20T00:00:00+08:00"),
    ]);
    expect(out.map((d) => [d.type, d.at])).toEqual([
      ["refund.approved", "2024-02-10T10:00:00+08:00"],
      ["parcel.intercept_required", "2024-02-10T11:00:00+08:00"],
    ]);
  });

  it("an offline parcel scanned after an instant refund must be stopped too (refund.offline_shipped)", () => {
    const refund = {
      type: "refund.requested",
      at: "2024-02-10T10:00:00+08:00",
      orderId: "o1",
      refundId: "r1",
      amountFen: 20_000,
      kind: "refund_only",
    };
    const out = replayEvents(campaign, [
      listed(48),
      paid("2024-02-10T09:00:00+08:00"),
      refund,
      pickup("2024-02-10T11:00:00+08:00"),
    ]);
    expect(out[1]).toMatchObject({ type: "parcel.intercept_required", reason: "carrier_pickup" });
  });

  it("an instant refund on a parcel already scanned offline asks for it to be stopped", () => {
    const refund = {
      type: "refund.requested",
      at: "2024-02-10T12:00:00+08:00",
      orderId: "o1",
      refundId: "r1",
      amountFen: 20_000,
      kind: "refund_only",
    };
    const out = replayEvents(campaign, [
      listed(48),
      paid("2024-02-10T09:00:00+08:00"),
      pickup("2024-02-10T11:00:00+08:00"),
      refund,
    ]);
    expect(out.map((d) => [d.type, d.reason ?? null])).toEqual([
      ["refund.approved", null],
      ["parcel.intercept_required", "carrier_pickup"],
    ]);
  });

  it("an offline scan is not an online click: the order is still late", () => {
    const out = replayEvents(campaign, [
      listed(48),
      paid("2024-02-10T09:00:00+08:00"),
      pickup("2024-02-10T11:00:00+08:00"),
      clock("2024-02-13T00:00:00+08:00"),
    ]);
    expect(out[0]).toMatchObject({ type: "violation.recorded", kind: "late_shipment" });
  });
});
