/** The claim decision table: first match wins, pay within bounds in integer fen, every claim named. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "../../../test/support/runs.js";
import type { ClaimRow, Range } from "../campaign/model.js";
import { decidingRow, inRange, payFen, rowMatches } from "./claim-table.js";
import { evaluateClaim } from "./claims.js";
import { NONE, type OrderRecord } from "./state.js";

const range: fc.Arbitrary<Range> = fc.record(
  {
    gte: fc.integer({ min: 0, max: 10 }),
    gt: fc.integer({ min: 0, max: 10 }),
    lte: fc.integer({ min: 0, max: 10 }),
    lt: fc.integer({ min: 0, max: 10 }),
  },
  { requiredKeys: [] },
);
const amountRange: fc.Arbitrary<Range> = range.map((r) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v * 10_000])),
);
const outcome: fc.Arbitrary<ClaimRow["outcome"]> = fc.oneof(
  fc.constant({ action: "none" as const }),
  fc.constant({ action: "hold" as const, reason: "buyer_risk" }),
  fc
    .tuple(
      fc.integer({ min: 0, max: 20_000 }),
      fc.integer({ min: 0, max: 50_000 }),
      fc.integer({ min: 0, max: 50_000 }),
    )
    .map(([rate, a, b]) => ({
      action: "pay" as const,
      rateBasisPoints: rate,
      minFen: Math.min(a, b),
      maxFen: Math.max(a, b),
    })),
);
const row = (id: string): fc.Arbitrary<ClaimRow> =>
  fc.record({
    id: fc.constant(id),
    when: fc.record(
      {
        kind: fc.subarray(["late_shipment", "false_shipment"], { minLength: 1 }),
        amountFen: amountRange,
        merchantViolations: range,
        buyerRisk: fc.subarray(["normal", "high"], { minLength: 1 }),
      },
      { requiredKeys: [] },
    ),
    outcome,
  });
/** Rows r0…, then a catch-all, as the loader requires. */
const table = fc
  .array(fc.nat(), { maxLength: 6 })
  .chain((ids) => fc.tuple(...ids.map((_, i) => row(`r${i}`))))
  .chain((rows) => row("last").map((last) => [...rows, { ...last, when: {} }]));
const facts = fc.record({
  kind: fc.constantFrom("late_shipment", "false_shipment"),
  amountFen: fc.integer({ min: 0, max: 120_000 }),
  merchantViolations: fc.integer({ min: 0, max: 12 }),
  buyerRisk: fc.constantFrom("normal", "high"),
});

function order(f: { amountFen: number; buyerRisk: string }): OrderRecord {
  return {
    orderId: "o1",
    merchantId: "m1",
    productId: "p1",
    amountFen: f.amountFen,
    buyerId: "b1",
    buyerRisk: f.buyerRisk as OrderRecord["buyerRisk"],
    paidAt: 0,
    campaign: true,
    shipDueAt: 0,
    shippedAt: null,
    trackingNo: null,
    carrier: null,
    pickedUpAt: null,
    deliveredAt: null,
    refunds: NONE,
    waived: NONE,
    violation: null,
    violationAt: null,
    revoked: NONE,
    claim: null,
    intercepts: 0,
    nextKey: null,
  };
}

describe("claim decision table", () => {
  it("the first matching row decides, and no row before it matches", () => {
    fc.assert(
      fc.property(table, facts, (rows, f) => {
        const chosen = decidingRow(rows, f);
        expect(chosen).toBeDefined();
        const index = rows.indexOf(chosen!);
        expect(rowMatches(chosen!, f)).toBe(true);
        for (const earlier of rows.slice(0, index)) expect(rowMatches(earlier, f)).toBe(false);
      }),
      { numRuns: runs(500) },
    );
  });

  it("every claim names its row and pays integer fen within the row's bounds", () => {
    fc.assert(
      fc.property(table, facts, (rows, f) => {
        const kind = f.kind as "late_shipment" | "false_shipment";
        const claim = evaluateClaim(order(f), kind, 1_000, f.merchantViolations, rows);
        const row = decidingRow(rows, f)!;
        if (row.outcome.action === "none") {
          expect(claim).toBeNull();
          return;
        }
        expect(claim!.rule).toBe(row.id);
        if (row.outcome.action === "hold") {
          expect(claim!.type).toBe("claim.held");
          return;
        }
        expect(claim!.type).toBe("claim.paid");
        const paid = (claim as { amountFen: number }).amountFen;
        expect(Number.isInteger(paid)).toBe(true);
        expect(paid).toBeGreaterThanOrEqual(row.outcome.minFen);
        expect(paid).toBeLessThanOrEqual(row.outcome.maxFen);
      }),
      { numRuns: runs(500) },
    );
  });

  it("pays the rate of the amount, half up, when the bounds do not bite", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amountFen, rate) => {
          const exact = (amountFen * rate) / 10_000;
          const paid = payFen(amountFen, { rateBasisPoints: rate, minFen: 0, maxFen: 1e12 });
          expect(paid).toBe(Math.floor(exact + 0.5));
        },
      ),
    );
  });

  it("reads ranges with every bound holding", () => {
    expect(inRange(3, { gte: 3 })).toBe(true);
    expect(inRange(3, { gt: 3 })).toBe(false);
    expect(inRange(3, { gte: 1, lt: 3 })).toBe(false);
    expect(inRange(3, {})).toBe(true);
    // Each bound at its edge, and each one alone refusing.
    expect([inRange(4, { gt: 3 }), inRange(3, { lte: 3 }), inRange(4, { lte: 3 })]).toEqual([
      true,
      true,
      false,
    ]);
    expect([inRange(2, { lt: 3 }), inRange(3, { lt: 3 }), inRange(2, { gte: 3 })]).toEqual([
      true,
      false,
      false,
    ]);
    expect(inRange(5, { gte: 1, gt: 1, lte: 5, lt: 6 })).toBe(true);
  });

  it("with the reference rows: high-risk buyers held, repeat offenders pay double", () => {
    const reference: ClaimRow[] = [
      {
        id: "high-risk-buyer",
        when: { buyerRisk: ["high"] },
        outcome: { action: "hold", reason: "buyer_risk" },
      },
      {
        id: "history-3",
        when: { merchantViolations: { gte: 3 } },
        outcome: { action: "pay", rateBasisPoints: 1000, minFen: 1000, maxFen: 20_000 },
      },
      {
        id: "standard",
        when: {},
        outcome: { action: "pay", rateBasisPoints: 500, minFen: 500, maxFen: 10_000 },
      },
    ];
    const claim = (violations: number, risk = "normal") =>
      evaluateClaim(
        order({ amountFen: 30_000, buyerRisk: risk }),
        "late_shipment",
        0,
        violations,
        reference,
      );
    expect(claim(2)).toMatchObject({ type: "claim.paid", amountFen: 1_500, rule: "standard" });
    expect(claim(3)).toMatchObject({ type: "claim.paid", amountFen: 3_000, rule: "history-3" });
    expect(claim(5, "high")).toMatchObject({
      type: "claim.held",
      reason: "buyer_risk",
      rule: "high-risk-buyer",
    });
  });
});
