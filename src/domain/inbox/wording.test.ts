import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DecisionType } from "../fulfilment/decisions.js";
import {
  NOT_FOR_THE_INBOX,
  REVIEW_APPROVED,
  REVIEW_REJECTED,
  wordingFor,
  yuan,
} from "./wording.js";

// Every decision type the engine makes: a new one fails to compile here until it is listed,
// and then this test asks for its own words (or a place in NOT_FOR_THE_INBOX).
const ENGINE_TYPES: Record<DecisionType, true> = {
  "refund.approved": true,
  "refund.awaiting_merchant": true,
  "refund.contradicted": true,
  "violation.recorded": true,
  "violation.revoked": true,
  "claim.paid": true,
  "claim.held": true,
  "claim.reversed": true,
  "claim.withdrawn": true,
  "listing.weight_changed": true,
  "listing.delisted": true,
  "listing.relisted": true,
  "merchant.exited": true,
  "merchant.reinstated": true,
  "parcel.intercept_required": true,
};
const OTHERS = [
  "claim.declined",
  "listing.suspended",
  "listing.restored",
  REVIEW_APPROVED,
  REVIEW_REJECTED,
];

describe("inbox wording", () => {
  it("has words of its own for every type a merchant is told of", () => {
    const types = [...Object.keys(ENGINE_TYPES), ...OTHERS].filter(
      (t) => !NOT_FOR_THE_INBOX.has(t),
    );
    for (const type of types) {
      const w = wordingFor({
        type,
        merchantId: "m1",
        orderId: "o1",
        productId: "p1",
        body: { kind: "late_shipment", amountFen: 1234, weight: 0.5, violations: 1, reason: "x" },
      });
      expect(w.title.en, type).not.toMatch(/New decision/);
      expect(w.title.zh, type).not.toMatch(/新的处理结果/);
    }
  });

  it("names a suspension's failing rules by their titles, a code it does not know as is", () => {
    const w = wordingFor({
      type: "listing.suspended",
      merchantId: "m1",
      productId: "p1",
      body: { rules: ["product.seven_day_return", "product.gone"] },
      ruleTitles: new Map([
        ["product.seven_day_return", { zh: "支持7天无理由退货", en: "7-day no-reason returns" }],
      ]),
    });
    expect(w.detail).toEqual({
      zh: "未满足：支持7天无理由退货 (product.seven_day_return)、product.gone。更新资料后将自动恢复。",
      en: "Failing: 7-day no-reason returns (product.seven_day_return), product.gone. It comes back once its facts pass again.",
    });
  });

  it("words any decision, known or not, in both languages, with a subject", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.option(fc.string({ minLength: 1 }), { nil: null }),
        fc.option(fc.string({ minLength: 1 }), { nil: null }),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (type, orderId, productId, body) => {
          const w = wordingFor({ type, merchantId: "m1", orderId, productId, body });
          expect(w.title.zh.length).toBeGreaterThan(0);
          expect(w.title.en.length).toBeGreaterThan(0);
          expect(w.subject.id.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it("links an unknown decision to its order, else its product, else the merchant", () => {
    expect(wordingFor({ type: "x.y", merchantId: "m1", orderId: "o9", body: {} }).subject).toEqual({
      type: "order",
      id: "o9",
    });
    expect(wordingFor({ type: "x.y", merchantId: "m1", productId: "p9", body: {} })).toMatchObject({
      subject: { type: "product", id: "p9" },
      title: { en: "New decision (x.y) about product p9" },
    });
    expect(wordingFor({ type: "x.y", merchantId: "m1", body: {} }).subject).toEqual({
      type: "merchant",
      id: "m1",
    });
  });

  it("writes fen as yuan exactly", () => {
    expect(yuan(1234)).toBe("¥12.34");
    expect(yuan(5)).toBe("¥0.05");
    expect(yuan(-100)).toBe("-¥1.00");
    // Zero has no sign, whichever zero it is.
    expect(yuan(0)).toBe("¥0.00");
    expect(yuan(-0)).toBe("¥0.00");
  });
});
