import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "../../../test/support/runs.js";
import { parseCampaign } from "../campaign/load.js";
import { compileEligibility } from "./engine.js";

const text = readFileSync(
  new URL("../../../campaigns/spring-festival-2024.yaml", import.meta.url),
  "utf8",
);
const parsed = parseCampaign(text, "spring-festival-2024.yaml");
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const campaign = parsed.campaign;
const engine = compileEligibility(campaign);
const categories = campaign.categories.map((c) => c.id);

const rate = (min: number, max: number) => fc.double({ min, max, noNaN: true });

const validMerchant = fc.record({
  id: fc.string({ minLength: 1 }),
  pickupRate48h: rate(0.85, 1),
  lighthouseScore: rate(2, 5),
  mainCategory: fc.constantFrom(...categories),
  tradeMedal: fc.constantFrom("A", "AA", "AAA", "AAAA", "AAAAA"),
  chengxintong: fc.constant(true),
  alipayVerified: fc.constant(true),
  buyerProtection: fc.constant(true),
  depositFen: fc.integer({ min: 300000, max: 100_000_000 }),
  certification: fc.constantFrom("enterprise", "individual"),
  seriousFakeTransactions90d: fc.constantFrom(false, 0),
  violationPoints: fc.integer({ min: 0, max: 35 }),
  seriousIpInfringement: fc.constant(false),
  competitivenessOk: fc.constant(true),
  prohibitedInfoPoints: fc.integer({ min: 0, max: 23 }),
  businessComplianceViolation: fc.constant(false),
  infringingListingPenalty: fc.constantFrom(false, 0),
  courtDishonest: fc.constant(false),
  financeSeriousOverdue: fc.constant(false),
  holidayShipping: fc.constant(true),
});

const allowedRegion = fc.oneof(
  fc.constantFrom(...campaign.freeShippingExclusions),
  fc.constantFrom("US", "JP-13", "KR-11", "DE-BY"),
);

const validProduct = fc
  .record({
    id: fc.string({ minLength: 1 }),
    category: fc.constantFrom(...categories),
    alipayEscrow: fc.constant(true),
    dropship: fc.constant(true),
    nonFreeShippingRegions: fc.array(allowedRegion, { maxLength: 6 }),
    shippingGuaranteeHours: fc.constantFrom(24, 48),
    sevenDayReturn: fc.constant(true),
    douyinEwaybill: fc.constant(true),
  })
  .chain((p) =>
    // The campaign price at or below the lowest of the last 30 days.
    fc
      .integer({ min: 0, max: 10_000_000 })
      .chain((lowest) =>
        fc
          .integer({ min: 0, max: lowest })
          .map((price) => ({ ...p, activityPriceFen: price, lowestPrice30dFen: lowest })),
      ),
  );

/** Values that break each fact's rule. */
const merchantDefects: Record<string, fc.Arbitrary<unknown>> = {
  pickupRate48h: fc.oneof(rate(0, 0.8499), fc.constantFrom("0.9", 1.5, -0.1)),
  lighthouseScore: rate(-5, 1.99),
  mainCategory: fc.constantFrom("房地产", "", 3),
  tradeMedal: fc.constantFrom("none", "B", "a"),
  chengxintong: fc.constantFrom(false, "true", 1),
  depositFen: fc.integer({ min: -1000, max: 299999 }),
  certification: fc.constantFrom("none", "ENTERPRISE"),
  violationPoints: fc.oneof(fc.integer({ min: 36, max: 500 }), fc.constantFrom(-5, "12")),
  prohibitedInfoPoints: fc.integer({ min: 24, max: 500 }),
  infringingListingPenalty: fc.constantFrom(true, 2, "0"),
  courtDishonest: fc.constantFrom(true, null, "false"),
  holidayShipping: fc.constantFrom(false, 0),
};
const productDefects: Record<string, fc.Arbitrary<unknown>> = {
  category: fc.constantFrom("房地产", null),
  nonFreeShippingRegions: fc.constantFrom(["CN-GD"], ["CN-XJ", "CN-ZJ"], "CN-GD", ["cn-gd"], [7]),
  shippingGuaranteeHours: fc.constantFrom(72, "48", null, 0),
  douyinEwaybill: fc.constantFrom(false, "yes"),
  dropship: fc.constantFrom(false, null),
  activityPriceFen: fc.constantFrom(20_000_001, -1, 12.5, "100"),
  lowestPrice30dFen: fc.constantFrom(-1, "2790", null, 1.5),
};
const defects = { ...merchantDefects, ...productDefects };
const merchantFacts = Object.keys(merchantDefects);
const productFacts = Object.keys(productDefects);

const defect = (facts: readonly string[]) =>
  fc
    .constantFrom(...facts)
    .chain((fact) => fc.tuple(fc.constant(fact), fc.oneof(defects[fact]!, fc.constant(undefined))));

function applyDefect(subject: Record<string, unknown>, [fact, value]: [string, unknown]) {
  const copy = { ...subject };
  if (value === undefined) delete copy[fact];
  else copy[fact] = value;
  return copy;
}

const codes = (failures: readonly { rule: string }[]) => new Set(failures.map((f) => f.rule));

describe("properties", () => {
  it("a merchant and products within every bound are eligible", () => {
    fc.assert(
      fc.property(validMerchant, fc.array(validProduct, { maxLength: 3 }), (merchant, products) => {
        const decision = engine.evaluate(merchant, products);
        expect(decision.failures).toEqual([]);
        expect(decision.eligible).toBe(true);
        expect(decision.products.every((p) => p.eligible)).toBe(true);
      }),
    );
  });

  it("adding a defect never removes a failure, and the merchant is then ineligible", () => {
    const defectiveMerchant = fc
      .tuple(validMerchant, fc.array(defect(merchantFacts), { maxLength: 4 }))
      .map(([m, ds]) => ds.reduce(applyDefect, m as Record<string, unknown>));
    fc.assert(
      fc.property(defectiveMerchant, defect(merchantFacts), (merchant, extra) => {
        const before = codes(engine.evaluateMerchant(merchant).failures);
        const afterDecision = engine.evaluateMerchant(applyDefect(merchant, extra));
        const after = codes(afterDecision.failures);
        for (const rule of before) expect(after.has(rule)).toBe(true);
        expect(afterDecision.eligible).toBe(false);
      }),
    );
  });

  it("the same holds for products", () => {
    const defectiveProduct = fc
      .tuple(validProduct, fc.array(defect(productFacts), { maxLength: 3 }))
      .map(([p, ds]) => ds.reduce(applyDefect, p as Record<string, unknown>));
    fc.assert(
      fc.property(defectiveProduct, defect(productFacts), (product, extra) => {
        const merchant = { eligible: true };
        const before = codes(engine.evaluateProduct(product, merchant).failures);
        const after = engine.evaluateProduct(applyDefect(product, extra), merchant);
        for (const rule of before) expect(codes(after.failures).has(rule)).toBe(true);
        expect(after.eligible).toBe(false);
      }),
    );
  });

  it("writes a decision's JSON exactly as JSON.stringify does, on any input", () => {
    const factNames = campaign.rules.flatMap((r) => r.checks.map((c) => [c.fact, c.valueFact]));
    const names = [...new Set(factNames.flat().filter((n): n is string => n !== undefined))];
    const tricky = fc.oneof(
      fc.jsonValue(),
      fc.string({ unit: "binary" }),
      fc.constantFrom('say "hi"\n', "\\", "\u2028", "\ud800", "😀", -0, 0.849999999, 1e21, 1.5, ""),
    );
    const factsLike = fc.dictionary(fc.constantFrom("id", ...names), tricky);
    const nearValid = fc
      .tuple(validMerchant, fc.array(defect(merchantFacts), { maxLength: 6 }))
      .map(([m, ds]) => ds.reduce(applyDefect, m as Record<string, unknown>));
    const productLike = fc.oneof(
      factsLike,
      fc
        .tuple(validProduct, fc.array(defect(productFacts), { maxLength: 3 }))
        .map(([p, ds]) => ds.reduce(applyDefect, p as Record<string, unknown>)),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), factsLike, nearValid),
        fc.oneof(fc.jsonValue(), fc.array(productLike, { maxLength: 4 })),
        (merchant, products) => {
          expect(engine.evaluateJson(merchant, products)).toBe(
            JSON.stringify(engine.evaluate(merchant, products)),
          );
        },
      ),
      { numRuns: runs(1000) },
    );
  });

  it("never throws on arbitrary JSON, and the decision is JSON", () => {
    const factNames = campaign.rules.flatMap((r) => r.checks.map((c) => c.fact));
    const factsLike = fc.dictionary(fc.constantFrom("id", ...factNames), fc.jsonValue());
    const anyInput = fc.oneof(fc.jsonValue(), factsLike);
    fc.assert(
      fc.property(anyInput, fc.oneof(fc.jsonValue(), fc.array(anyInput)), (merchant, products) => {
        const decision = engine.evaluate(merchant, products);
        expect(typeof decision.eligible).toBe("boolean");
        expect(decision.campaign).toBe(campaign.hash);
        expect(() => JSON.parse(JSON.stringify(decision))).not.toThrow();
      }),
      { numRuns: runs(500) },
    );
  });
});
