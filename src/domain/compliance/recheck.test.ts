import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../campaign/load.js";
import { validMerchant, validProduct } from "../eligibility/fixtures.js";
import type { Failure } from "../eligibility/index.js";
import { complianceChange, continuousEligibility, failingRules } from "./recheck.js";

const loaded = parseCampaign(readFileSync("campaigns/spring-festival-2024.yaml", "utf8"), "ref");
if (!loaded.ok) throw new Error("reference campaign does not load");
const campaign = loaded.campaign;
const failure = (rule: string): Failure => ({
  rule,
  actual: null,
  required: "",
  message: { zh: rule, en: rule },
});

describe("continuous compliance", () => {
  const eligibility = continuousEligibility(campaign)!;

  it("judges the continuous rules only: the campaign measures the pickup rate itself", () => {
    const merchant = { ...validMerchant("m1"), pickupRate48h: 0.1 };
    expect(failingRules(eligibility, merchant, validProduct("p1", "m1"))).toEqual([]);
    const dishonest = { ...validMerchant("m1"), courtDishonest: true, depositFen: 0 };
    const noReturn = { ...validProduct("p1", "m1"), sevenDayReturn: false };
    expect(failingRules(eligibility, dishonest, noReturn).map((f) => f.rule)).toEqual([
      "merchant.buyer_protection_deposit",
      "merchant.court_dishonest",
      "product.seven_day_return",
    ]);
    // Facts gone: every rule fails closed.
    expect(failingRules(eligibility, {}, {}).length).toBe(
      campaign.rules.filter((r) => r.recheck === "continuous").length,
    );
  });

  it("suspends on a first failure, restores when all pass, and tells changed reasons", () => {
    expect(complianceChange(null, [])).toBeNull();
    expect(complianceChange(null, [failure("a")])).toEqual({ change: "suspend", rules: ["a"] });
    expect(complianceChange(["a"], [failure("a")])).toBeNull();
    expect(complianceChange(["a"], [failure("a"), failure("b")])).toEqual({
      change: "resuspend",
      rules: ["a", "b"],
    });
    expect(complianceChange(["a"], [])).toEqual({ change: "restore" });
  });

  it("is suspended after a change exactly when some continuous rule fails", () => {
    const codes = fc.subarray(["a", "b", "c"]);
    fc.assert(
      fc.property(fc.option(codes.filter((c) => c.length > 0)), codes, (current, now) => {
        const change = complianceChange(current, now.map(failure));
        const after = change === null ? current : change.change === "restore" ? null : change.rules;
        expect(after === null).toBe(now.length === 0);
        if (after !== null) expect(after).toEqual(now);
      }),
    );
  });
});
