import { describe, expect, it } from "vitest";
import { replayEvents, testCampaign } from "../fixtures.js";
import { ReplaySession } from "../replay-session.js";
import { readEventFast } from "./fast-read.js";
import { scanEvent } from "./scan-event.js";
import { validateEvent } from "./validate.js";

const at = "2024-02-10T09:00:00+08:00";
const paid = {
  type: "order.paid",
  at,
  orderId: "o1",
  merchantId: "m1",
  productId: "p1",
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: "b1", risk: "normal" },
};

describe("validateEvent", () => {
  it("returns the typed event with `at` as an instant and only contract fields", () => {
    const result = validateEvent({ ...paid, id: "evt-1", note: "ignored" });
    expect(result).toEqual({
      ok: true,
      value: { ...paid, at: Date.parse(at) },
    });
  });

  it.each([
    [[1, 2], "invalid_event", undefined],
    [{ at }, "missing_field", "type"],
    [{ type: "order.cancelled", at }, "unknown_type", "type"],
    [{ type: 7, at }, "invalid_field", "type"],
    [{ type: "clock" }, "missing_field", "at"],
    [{ type: "clock", at: "2024-02-10T09:00:00" }, "invalid_time", "at"],
    [{ type: "clock", at: "2024-02-30T09:00:00+08:00" }, "invalid_time", "at"],
    [{ ...paid, amountFen: 12.5 }, "invalid_field", "amountFen"],
    [{ ...paid, amountFen: -1 }, "invalid_field", "amountFen"],
    [{ ...paid, amountFen: "100" }, "invalid_field", "amountFen"],
    [{ ...paid, orderId: "" }, "invalid_field", "orderId"],
    [{ ...paid, region: undefined }, "missing_field", "region"],
    [{ ...paid, buyer: "b1" }, "invalid_field", "buyer"],
    [{ ...paid, buyer: { id: "b1" } }, "missing_field", "buyer.risk"],
    [{ ...paid, buyer: { id: "b1", risk: "medium" } }, "invalid_field", "buyer.risk"],
    [{ type: "order.shipped", at, orderId: "o1", carrier: "SF" }, "missing_field", "trackingNo"],
    [
      { type: "refund.requested", at, orderId: "o1", refundId: "r", amountFen: 1, kind: "x" },
      "invalid_field",
      "kind",
    ],
    [
      { type: "product.listed", at, merchantId: "m", productId: "p", shippingGuaranteeHours: 1.5 },
      "invalid_field",
      "shippingGuaranteeHours",
    ],
    [{ type: "merchant.exception_report", at, merchantId: "m" }, "missing_field", "reason"],
    // Lone surrogates: not Unicode, and no store reads them back as sent.
    [{ ...paid, orderId: "o\ud800" }, "invalid_field", "orderId"],
    [{ ...paid, buyer: { id: "b\udfff", risk: "normal" } }, "invalid_field", "buyer.id"],
    [
      { type: "merchant.exception_report", at, merchantId: "m", reason: "r\ud83d" },
      "invalid_field",
      "reason",
    ],
  ])("refuses %j with %s on %s", (raw, code, field) => {
    const result = validateEvent(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.field).toBe(field);
    expect(result.error.message.length).toBeGreaterThan(0);
  });

  it("takes a surrogate pair (an emoji) but names a lone surrogate as not Unicode", () => {
    expect(validateEvent({ ...paid, orderId: "订单\ud83d\ude00" }).ok).toBe(true);
    expect(readEventFast({ ...paid, orderId: "o\ud800" })).toBeUndefined();
    const refused = validateEvent({ ...paid, orderId: "o\ud800" });
    expect(refused.ok ? "" : refused.error.message).toMatch(/orderId must not contain a lone/);
  });

  it("never throws, whatever the input", () => {
    for (const raw of [
      null,
      undefined,
      0,
      "x",
      true,
      {},
      { type: null },
      { type: "clock", at: 5 },
    ]) {
      expect(() => validateEvent(raw)).not.toThrow();
      expect(validateEvent(raw).ok).toBe(false);
    }
  });

  it("takes ids of up to 128 characters, on every path that reads a line", () => {
    const paid = (orderId: string, buyerId = "b1") =>
      JSON.stringify({
        type: "order.paid",
        at: "2024-02-10T09:00:00+08:00",
        orderId,
        merchantId: "m1",
        productId: "p1",
        amountFen: 100,
        region: "CN-ZJ",
        buyer: { id: buyerId, risk: "normal" },
      });
    const longest = "o".repeat(128);
    for (const line of [paid(longest), paid("o1", "b".repeat(128))]) {
      expect(scanEvent(line)).toEqual(readEventFast(JSON.parse(line)));
      expect(validateEvent(JSON.parse(line)).ok).toBe(true);
    }
    for (const [line, field] of [
      [paid(`${longest}o`), "orderId"],
      [paid("o1", "b".repeat(129)), "buyer.id"],
    ] as const) {
      expect(scanEvent(line)).toBeUndefined();
      expect(readEventFast(JSON.parse(line))).toBeUndefined();
      expect(validateEvent(JSON.parse(line))).toMatchObject({
        ok: false,
        error: { code: "invalid_field", field },
      });
    }
  });

  it("accepts a listing with no guarantee recorded", () => {
    const result = validateEvent({ type: "product.listed", at, merchantId: "m", productId: "p" });
    expect(result).toMatchObject({ ok: true, value: { shippingGuaranteeHours: null } });
  });
});

describe("refusals against the state (line errors; processing goes on)", () => {
  const campaign = testCampaign();
  const listed = {
    type: "product.listed",
    at,
    merchantId: "m1",
    productId: "p1",
    shippingGuaranteeHours: 48,
  };
  const ship = { type: "order.shipped", at, orderId: "o1", trackingNo: "T1", carrier: "SF" };
  const codes = (events: object[]) =>
    replayEvents(campaign, events).map(
      (d) => (d.error as { code: string } | undefined)?.code ?? d.type,
    );

  it("unknown orders, second clicks, second scans, second deliveries", () => {
    expect(codes([listed, ship])).toEqual(["unknown_order"]);
    expect(codes([listed, paid, ship, ship])).toEqual(["already_shipped"]);
    const scan = { type: "order.picked_up", at, orderId: "o1" };
    expect(codes([listed, paid, scan, scan])).toEqual(["already_picked_up"]);
    const done = { type: "order.delivered", at, orderId: "o1" };
    expect(codes([listed, paid, done, done])).toEqual(["already_delivered"]);
  });

  it("a second payment of one order, a product listed twice, a product sold by another merchant", () => {
    expect(codes([listed, paid, paid])).toEqual(["duplicate_order"]);
    expect(codes([listed, listed])).toEqual(["already_listed"]);
    expect(codes([listed, { ...paid, merchantId: "m2" }])).toEqual(["merchant_mismatch"]);
  });

  it("an event earlier than one already seen is taken: events come in any order", () => {
    const early = { ...listed, at: "2024-01-01T00:00:00+08:00", productId: "p2" };
    const out = replayEvents(campaign, [
      listed,
      paid,
      { type: "clock", at: "2024-02-10T08:59:59+08:00" },
      early,
      { ...paid, at: "2024-02-10T08:00:00+08:00", orderId: "o0", productId: "p2" },
    ]);
    expect(out).toEqual([]);
  });

  it("a refused line changes nothing: the same order can then be paid correctly", () => {
    expect(codes([listed, { ...paid, amountFen: -5 }, paid, ship])).toEqual(["invalid_field"]);
  });

  it("bad JSON gets a line error too; blank lines are skipped", () => {
    const session = new ReplaySession(campaign);
    expect(session.line("   ", 1)).toBe("");
    const out = JSON.parse(session.line("{not json", 2));
    expect(out).toMatchObject({ line: 2, error: { code: "invalid_json" } });
    expect(session.errors).toBe(1);
  });
});
