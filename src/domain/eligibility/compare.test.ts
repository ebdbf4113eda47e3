import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../campaign/load.js";
import type { Campaign } from "../campaign/model.js";
import { createComparison } from "./compare.js";
import type { Decision, Failure } from "./decision.js";
import { compileEligibility } from "./engine.js";
import { validMerchant, validProduct } from "./fixtures.js";
import { createSummary } from "./summary.js";

const text = readFileSync(
  new URL("../../../campaigns/spring-festival-2024.yaml", import.meta.url),
  "utf8",
);
const parsed = parseCampaign(text, "spring-festival-2024.yaml");
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const base: Campaign = parsed.campaign;

/** The same campaign with one check's value changed (and a different hash, as a new file would have). */
function variant(code: string, value: unknown): Campaign {
  return {
    ...base,
    hash: `${base.hash.slice(0, 60)}beef`,
    rules: base.rules.map((r) =>
      r.code === code ? { ...r, checks: r.checks.map((c) => ({ ...c, value })) } : r,
    ),
  };
}

const lines = [
  [{ ...validMerchant("m1"), pickupRate48h: 0.82 }, [validProduct("p1"), validProduct("p2")]],
  [{ ...validMerchant("m2"), pickupRate48h: 0.75 }, [validProduct("p3")]],
  [
    { ...validMerchant("m3"), violationPoints: 30 },
    [{ ...validProduct("p4"), sevenDayReturn: false }],
  ],
  [validMerchant("m4"), []],
  [{ ...validMerchant("m5"), violationPoints: 25 }, [validProduct("p5")]],
] as const;

describe("summary", () => {
  it("counts merchants, products and failures per rule", () => {
    const engine = compileEligibility(base);
    const tally = createSummary(engine.campaign, engine.rules);
    for (const [m, ps] of lines) tally.add(engine.evaluate(m, ps));
    const summary = tally.result();
    expect(summary).toMatchObject({
      campaign: base.hash,
      merchants: 5,
      eligibleMerchants: 3,
      products: 5,
      eligibleProducts: 1,
    });
    expect(summary.failuresByRule["merchant.pickup_rate_48h"]).toBe(2);
    expect(summary.failuresByRule["product.seven_day_return"]).toBe(1);
    expect(summary.failuresByRule["merchant.trade_medal"]).toBe(0);
  });
});

describe("comparison", () => {
  const run = (other: Campaign) => {
    const a = compileEligibility(base);
    const b = compileEligibility(other);
    const tally = createComparison(a, b);
    for (const [m, ps] of lines) tally.add(a.evaluate(m, ps), b.evaluate(m, ps));
    return tally.result();
  };

  it("lowering the pickup rate to 80% lets in the merchant at 82% and its products", () => {
    const result = run(variant("merchant.pickup_rate_48h", 0.8));
    expect(result.merchants).toEqual({
      total: 5,
      becameEligible: { count: 1, through: { "merchant.pickup_rate_48h": 1 } },
      becameIneligible: { count: 0, through: {} },
    });
    expect(result.products.becameEligible).toEqual({
      count: 2,
      through: { "merchant.pickup_rate_48h": 2 },
    });
    expect(result.base.eligibleMerchants).toBe(3);
    expect(result.other.eligibleMerchants).toBe(4);
  });

  it("tightening violation points to < 20 shuts out a merchant, through that rule", () => {
    const result = run(variant("merchant.violation_points", 20));
    expect(result.merchants.becameIneligible).toEqual({
      count: 2,
      through: { "merchant.violation_points": 2 },
    });
    // m3's only product already failed its own rule; m5's goes with its merchant.
    expect(result.products.becameIneligible).toEqual({
      count: 1,
      through: { "merchant.violation_points": 1 },
    });
  });

  it("the same campaign on both sides changes nothing", () => {
    const result = run(base);
    expect(result.merchants.becameEligible.count + result.merchants.becameIneligible.count).toBe(0);
    expect(result.products.becameEligible.count + result.products.becameIneligible.count).toBe(0);
  });
});

describe("a comparison's tally", () => {
  const failing = (...rules: string[]) => rules.map((rule) => ({ rule }) as Failure);
  const decision = (eligible: boolean, failures: Failure[], products: Decision["products"] = []) =>
    ({ merchantId: "m", eligible, failures, products, campaign: "h" }) as Decision;

  it("orders the rules a change went through by how often, most first, each once a subject", () => {
    const tally = createComparison({ campaign: "a", rules: [] }, { campaign: "b", rules: [] });
    tally.add(decision(true, []), decision(false, failing("r1", "r2", "r2")));
    tally.add(decision(true, []), decision(false, failing("r2")));
    tally.add(decision(false, failing("r3")), decision(true, []));
    tally.add(decision(false, failing("r3")), decision(false, failing("r3")));
    const { merchants } = tally.result();
    expect(merchants.total).toBe(4);
    expect(merchants.becameIneligible).toEqual({ count: 2, through: { r2: 2, r1: 1 } });
    expect(Object.keys(merchants.becameIneligible.through)).toEqual(["r2", "r1"]);
    expect(merchants.becameEligible).toEqual({ count: 1, through: { r3: 1 } });
  });

  it("counts a product's change through its own rules and its merchant's", () => {
    const tally = createComparison({ campaign: "a", rules: [] }, { campaign: "b", rules: [] });
    const product = (eligible: boolean, failures: Failure[]) => ({
      productId: "p",
      eligible,
      failures,
    });
    tally.add(
      decision(true, [], [product(true, []), product(false, failing("p1"))]),
      decision(false, failing("m1"), [
        product(false, failing("p2")),
        product(false, failing("p1")),
      ]),
    );
    expect(tally.result().products).toEqual({
      total: 2,
      becameEligible: { count: 0, through: {} },
      becameIneligible: { count: 1, through: { m1: 1, p2: 1 } },
    });
  });
});
