import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Decision } from "./decisions.js";
import { testCampaign } from "./fixtures.js";
import { decisionEncoder } from "./output.js";

const encode = decisionEncoder({ ...testCampaign(), hash: "abc" });

describe("decisionEncoder", () => {
  it("writes what JSON.stringify writes, `at` in the campaign zone, the hash last", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.integer({ min: 0, max: 2 ** 41 }),
        fc.integer(),
        (orderId, buyerId, at, amountFen) => {
          const d: Decision = {
            type: "claim.paid",
            at,
            orderId,
            buyerId,
            amountFen,
            kind: "late_shipment",
            rule: "standard",
          };
          const text = encode(d);
          const parsed = JSON.parse(text);
          expect(parsed).toEqual({ ...d, at: parsed.at, campaign: "abc" });
          expect(Date.parse(parsed.at)).toBe(at);
          expect(text).toBe(JSON.stringify({ ...d, at: parsed.at, campaign: "abc" }));
        },
      ),
    );
  });

  it("escapes quotes, backslashes, control characters and lone surrogates like JSON.stringify", () => {
    for (const id of ['a"b', "a\\b", "a\nb", "\u0000", "\ud800", "订单-1"]) {
      const d: Decision = {
        type: "parcel.intercept_required",
        at: 0,
        orderId: id,
        reason: "online_click",
      };
      expect(encode(d)).toBe(
        JSON.stringify({ ...d, at: "1970-01-01T08:00:00+08:00", campaign: "abc" }),
      );
    }
  });

  it("keeps booleans and fractional weights as JSON", () => {
    const d: Decision = {
      type: "listing.weight_changed",
      at: 0,
      productId: "p",
      merchantId: "m",
      weight: 0.25,
      violations: 2,
    };
    expect(JSON.parse(encode(d)).weight).toBe(0.25);
    const r: Decision = {
      type: "refund.approved",
      at: 0,
      orderId: "o",
      refundId: "r",
      amountFen: 1,
      instant: true,
    };
    expect(JSON.parse(encode(r)).instant).toBe(true);
  });
});
