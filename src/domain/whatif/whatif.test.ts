import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  campaignStream,
  HOUR,
  lineOf,
  START,
  type Timed,
} from "../../../test/support/event-streams.js";
import { type NetTotals, netTotals } from "../../../test/support/net-totals.js";
import type { Campaign, Policy } from "../campaign/model.js";
import { DEFAULT_POLICY, testCampaign } from "../fulfilment/fixtures.js";
import { ReplaySession } from "../fulfilment/index.js";
import { inWindow, zoneDays } from "../time/index.js";
import { StreamComparison } from "./stream-comparison.js";
import { tallyState } from "./tally.js";

/**
 * The comparison counts what a plain replay leaves: for any stream and any two policies, the
 * totals under each equal the net of a plain `gala replay` under it, worked out here from its
 * decisions (recorded minus revoked, paid minus reversed, last weight, …) rather than from the
 * engine's state, as the comparison does. And a policy compared with itself differs in nothing.
 */

function plainReplay(campaign: Campaign, lines: readonly string[]): NetTotals {
  const session = new ReplaySession(campaign);
  let out = "";
  lines.forEach((line, i) => {
    out += session.line(line, i + 1);
  });
  out += session.finish();
  return netTotals(
    out
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );
}

function compare(a: Campaign, b: Campaign, lines: readonly string[]) {
  const session = new StreamComparison(a, b);
  lines.forEach((line, i) => {
    session.line(line, i + 1);
  });
  session.finish();
  return { session, result: session.result() };
}

function side(compared: ReturnType<typeof compare>, which: "a" | "b") {
  const { session, result } = compared;
  const t = result.totals;
  const merchants: NetTotals["merchants"] = {};
  const tally = tallyState(session[which].state, zoneDays("Asia/Shanghai"));
  for (const [merchantId, m] of tally.merchants) {
    if (m.violations > 0) {
      merchants[merchantId] = { violations: m.violations, claimsPaidFen: m.claimsPaidFen };
    }
  }
  return {
    violations: t.violations[which],
    claimsPaid: t.claimsPaid[which],
    claimsPaidFen: t.claimsPaidFen[which],
    claimsHeld: t.claimsHeld[which],
    weightCuts: t.weightCuts[which],
    delistings: t.delistings[which],
    exits: t.exits[which],
    instantRefunds: t.instantRefunds[which],
    instantRefundsFen: t.instantRefundsFen[which],
    refused: t.refused[which],
    merchants,
  };
}

/** Policies that differ where enforcement can: rate, bounds, steps, thresholds, lateness, … */
const policy: fc.Arbitrary<Partial<Policy>> = fc.record({
  lateness: fc.constantFrom(0, 10 * 60_000, 2 * HOUR),
  compensation: fc.record({
    rateBasisPoints: fc.constantFrom(300, 500, 800),
    minFen: fc.constantFrom(0, 500),
    maxFen: fc.constantFrom(5_000, 10_000),
    holdForBuyerRisk: fc.constantFrom([], ["high"]),
  }),
  traffic: fc.record({
    weightSteps: fc.constantFrom([0.5, 0.25], [0.8], []),
    delistAtViolations: fc.constantFrom(0, 2, 3),
  }),
  exit: fc.record({ maxViolations: fc.constantFrom(0, 2, 10) }),
  falseShipment: fc.record({ pickupWithinHours: fc.constantFrom(12, 24) }),
  instantRefund: fc.record({
    kinds: fc.constantFrom(["refund_only"], ["refund_only", "return_refund"]),
    maxAmountFen: fc.constantFrom(10_000, 30_000),
    window: fc.constant("activity" as const),
  }),
});

/** The stream, sometimes with events shuffled (late events, corrections), then a far clock. */
const lines = fc
  .tuple(campaignStream, fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 32 })))
  .map(([stream, shuffle]) => {
    const arrived = shuffle === null ? stream : shuffled(stream, shuffle);
    return [
      ...arrived.map(lineOf),
      lineOf({ t: 30 * 24 * HOUR, event: { type: "clock" } }),
      "not json",
    ];
  });

function shuffled(stream: readonly Timed[], keys: readonly number[]): Timed[] {
  return stream
    .map((e, i) => ({ e, k: keys[i % keys.length]! * 1_000 + i }))
    .sort((x, y) => x.k - y.k)
    .map((x) => x.e);
}

describe("what-if over a stream (gala replay --compare)", () => {
  it("the totals under each policy are a plain replay's net outcome under it", () => {
    fc.assert(
      fc.property(lines, policy, policy, (input, pa, pb) => {
        const a = testCampaign(pa);
        const b = testCampaign(pb);
        const compared = compare(a, b, input);
        expect(side(compared, "b")).toEqual(plainReplay(b, input));
        expect(side(compared, "a")).toEqual(plainReplay(a, input));
        // A merchant listed as changed carries the same figures as the tally behind it.
        for (const m of compared.result.merchants.list) {
          for (const which of ["a", "b"] as const) {
            const own = side(compared, which).merchants[m.merchantId];
            expect(own?.claimsPaidFen ?? 0).toBe(m.claimsPaidFen[which]);
            expect(own?.violations ?? 0).toBe(m.violations[which]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a policy compared with itself differs in nothing", () => {
    fc.assert(
      fc.property(lines, policy, (input, p) => {
        const a = testCampaign(p);
        const { result } = compare(a, { ...a, hash: "same-rules-other-file" }, input);
        expect(result.same).toBe(true);
        expect(result.merchants).toEqual({ changed: 0, list: [] });
        expect(result.products).toEqual({ changed: 0, list: [] });
        for (const pair of Object.values(result.totals)) expect(pair.a).toBe(pair.b);
      }),
      { numRuns: 100 },
    );
  });

  it("claims paid per day add up to the total, on the campaign's local days", () => {
    fc.assert(
      fc.property(lines, policy, (input, p) => {
        const { result } = compare(testCampaign(), testCampaign(p), input);
        for (const which of ["a", "b"] as const) {
          const sum = result.daily.reduce((s, d) => s + d.claimsPaidFen[which], 0);
          expect(sum).toBe(result.totals.claimsPaidFen[which]);
        }
        const days = result.daily.map((d) => d.day);
        expect([...days].sort()).toEqual(days);
        expect(new Set(days).size).toBe(days.length);
      }),
      { numRuns: 100 },
    );
  });

  it("names the merchant and product a higher rate costs more, by how much and on which day", () => {
    const at = (h: number) => new Date(START + h * HOUR).toISOString();
    const input = [
      { type: "product.listed", merchantId: "m1", productId: "p1", shippingGuaranteeHours: 24 },
      {
        type: "order.paid",
        orderId: "o1",
        merchantId: "m1",
        productId: "p1",
        amountFen: 40_000,
        region: "CN-ZJ",
        buyer: { id: "b1", risk: "normal" },
      },
      {
        type: "refund.requested",
        orderId: "o1",
        refundId: "r1",
        amountFen: 100,
        kind: "refund_only",
      },
      { type: "clock" },
    ].map((e, i) => JSON.stringify({ ...e, at: at([0, 1, 26, 30][i]!) }));
    const rate = (rateBasisPoints: number) =>
      testCampaign({ compensation: { ...DEFAULT_POLICY.compensation, rateBasisPoints } });
    const { result, session } = compare(rate(500), rate(800), input);
    expect(session.badLines).toBe(0);
    expect(result.same).toBe(false);
    // Paid at 01:00, 24 h to ship: late at 2024-02-10 01:00 Beijing time; 5 % and 8 % of 400 yuan.
    // The refund comes after the deadline: instant (not shipped), and the violation stands.
    expect(result.totals.claimsPaidFen).toEqual({ a: 2_000, b: 3_200 });
    expect(result.totals.claimsPaid).toEqual({ a: 1, b: 1 });
    expect(result.totals.violations).toEqual({ a: 1, b: 1 });
    expect(result.totals.instantRefunds).toEqual({ a: 1, b: 1 });
    expect(result.byKind.late_shipment.claimsPaidFen).toEqual({ a: 2_000, b: 3_200 });
    expect(result.merchants.list).toEqual([
      expect.objectContaining({ merchantId: "m1", claimsPaidFen: { a: 2_000, b: 3_200 } }),
    ]);
    expect(result.products.list).toEqual([
      expect.objectContaining({ productId: "p1", merchantId: "m1", weight: { a: 0.5, b: 0.5 } }),
    ]);
    expect(result.daily).toEqual([
      { day: "2024-02-10", claimsPaid: { a: 1, b: 1 }, claimsPaidFen: { a: 2_000, b: 3_200 } },
    ]);
  });

  it("a line one policy refuses and the other takes is counted under the one that refused it", () => {
    const listed = JSON.stringify({
      type: "product.listed",
      at: new Date(START).toISOString(),
      merchantId: "m1",
      productId: "p1",
      shippingGuaranteeHours: 24,
    });
    const only48 = testCampaign({
      shipping: { ...DEFAULT_POLICY.shipping, allowedGuaranteeHours: [48] },
    });
    const { session, result } = compare(testCampaign(), only48, [listed, "{"]);
    expect(result.totals.refused).toEqual({ a: 1, b: 2 });
    expect(session.badLines).toBe(2);
    expect(session.refusals.map((r) => [r.line, r.policy, r.error.code])).toEqual([
      [1, "b", "guarantee_not_allowed"],
      [2, "both", "invalid_json"],
    ]);
    expect(inWindow(only48.windows.activity, START)).toBe(true);
  });
});
