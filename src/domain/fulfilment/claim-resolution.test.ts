import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveClaim } from "./claim-resolution.js";
import { compensationFen } from "./claims.js";
import { DEFAULT_POLICY } from "./fixtures.js";

const held = { orderId: "o1", buyerId: "b1", kind: "late_shipment" as const };
const policy = DEFAULT_POLICY.compensation;
const AT = Date.parse("2024-02-12T10:00:00+08:00");

describe("resolveClaim", () => {
  it("pays what the evaluation would have paid: 5 %, at least 500 and at most 10,000 fen", () => {
    const pay = (amount: number) => {
      const r = resolveClaim(held, amount, { decision: "pay" }, policy, AT);
      return r.ok && r.value.type === "claim.paid" ? r.value.amountFen : null;
    };
    expect(pay(20_000)).toBe(1_000);
    expect(pay(9_999)).toBe(500); // 499.95 → the 500 floor
    expect(pay(10_010)).toBe(501); // 500.5 rounds half up
    expect(pay(1_000_000)).toBe(10_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (amount) => {
        expect(pay(amount)).toBe(compensationFen(amount, policy));
      }),
    );
  });

  it("keeps the claim's order, buyer and kind, at the resolution's instant", () => {
    const r = resolveClaim(held, 20_000, { decision: "pay", note: "  " }, policy, AT);
    expect(r).toEqual({
      ok: true,
      value: {
        type: "claim.paid",
        at: AT,
        orderId: "o1",
        buyerId: "b1",
        amountFen: 1_000,
        kind: "late_shipment",
        note: null,
        resolvedFrom: "claim.held",
      },
    });
  });

  it("declines only with a reason, trimmed", () => {
    expect(resolveClaim(held, 20_000, { decision: "decline", reason: " \n" }, policy, AT)).toEqual({
      ok: false,
      refusal: { code: "reason_required", message: "declining a claim needs a reason" },
    });
    const r = resolveClaim(
      held,
      20_000,
      { decision: "decline", reason: " fraud ring " },
      policy,
      AT,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        type: "claim.declined",
        at: AT,
        orderId: "o1",
        buyerId: "b1",
        kind: "late_shipment",
        reason: "fraud ring",
        resolvedFrom: "claim.held",
      },
    });
  });

  it("keeps a payment's note, trimmed", () => {
    const r = resolveClaim(
      held,
      20_000,
      { decision: "pay", note: " called the buyer\n" },
      policy,
      AT,
    );
    expect(r.ok && r.value.type === "claim.paid" && r.value.note).toBe("called the buyer");
    const none = resolveClaim(held, 20_000, { decision: "pay" }, policy, AT);
    expect(none.ok && none.value.type === "claim.paid" && none.value.note).toBeNull();
  });
});
