import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../campaign/load.js";
import type { Campaign } from "../campaign/model.js";
import { compileEligibility } from "./engine.js";
import { validMerchant, validProduct } from "./fixtures.js";

const file = new URL("../../../campaigns/spring-festival-2024.yaml", import.meta.url);
const parsed = parseCampaign(readFileSync(file, "utf8"), "spring-festival-2024.yaml");
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const campaign: Campaign = parsed.campaign;
const engine = compileEligibility(campaign);

const merchantWith = (facts: Record<string, unknown>) => ({ ...validMerchant(), ...facts });
const productWith = (facts: Record<string, unknown>) => ({ ...validProduct(), ...facts });
const merchantFailures = (facts: Record<string, unknown>) =>
  engine.evaluateMerchant(merchantWith(facts)).failures;
const productFailures = (facts: Record<string, unknown>) =>
  engine.evaluateProduct(productWith(facts), { eligible: true }).failures;

describe("the reference campaign", () => {
  it("accepts a merchant and product that meet every rule", () => {
    const decision = engine.evaluate(validMerchant("m1"), [validProduct("p1", "m1")]);
    expect(decision).toEqual({
      merchantId: "m1",
      eligible: true,
      failures: [],
      products: [{ productId: "p1", eligible: true, failures: [] }],
      campaign: campaign.hash,
    });
  });

  // [rule, fact, passes at, fails at, reported actual, required]
  const merchantBoundaries: [string, string, unknown, unknown, unknown, string][] = [
    ["merchant.pickup_rate_48h", "pickupRate48h", 0.85, 0.8499, 0.8499, ">= 0.85"],
    ["merchant.lighthouse_score", "lighthouseScore", 2, 1.99, 1.99, ">= 2"],
    [
      "merchant.main_category",
      "mainCategory",
      "女装",
      "房地产",
      "房地产",
      "in [工作, 文明, 鞋子, 童装, 内衣, … 40 more]",
    ],
    ["merchant.trade_medal", "tradeMedal", "A", "none", "none", ">= A"],
    ["merchant.chengxintong", "chengxintong", true, false, false, "= true"],
    ["merchant.alipay_verified", "alipayVerified", true, false, false, "= true"],
    ["merchant.buyer_protection", "buyerProtection", true, false, false, "= true"],
    ["merchant.buyer_protection_deposit", "depositFen", 300000, 299999, 299999, ">= 300000"],
    [
      "merchant.certification",
      "certification",
      "individual",
      "none",
      "none",
      "in [enterprise, individual]",
    ],
    ["merchant.fake_transactions", "seriousFakeTransactions90d", false, true, true, "= false"],
    ["merchant.violation_points", "violationPoints", 35, 36, 36, "< 36"],
    ["merchant.ip_infringement", "seriousIpInfringement", false, true, true, "= false"],
    ["merchant.competitiveness", "competitivenessOk", true, false, false, "= true"],
    ["merchant.prohibited_info_points", "prohibitedInfoPoints", 23, 24, 24, "< 24"],
    ["merchant.business_compliance", "businessComplianceViolation", false, true, true, "= false"],
    ["merchant.infringing_listing_penalty", "infringingListingPenalty", 0, 6, 6, "in [false, 0]"],
    ["merchant.court_dishonest", "courtDishonest", false, true, true, "= false"],
    ["merchant.finance_overdue", "financeSeriousOverdue", false, true, true, "= false"],
    ["merchant.holiday_shipping", "holidayShipping", true, false, false, "= true"],
  ];

  it.each(merchantBoundaries)(
    "%s: %s passes at %j, fails at %j",
    (rule, fact, pass, fail, actual, required) => {
      expect(merchantFailures({ [fact]: pass })).toEqual([]);
      const failures = merchantFailures({ [fact]: fail });
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ rule, actual, required });
    },
  );

  const productBoundaries: [string, string, unknown, unknown, unknown][] = [
    ["product.category", "category", "玩具", "房地产", "房地产"],
    ["product.alipay_escrow", "alipayEscrow", true, false, false],
    [
      "product.free_shipping",
      "nonFreeShippingRegions",
      ["CN-HI", "US"],
      ["CN-HI", "CN-GD"],
      ["CN-GD"],
    ],
    ["product.shipping_guarantee", "shippingGuaranteeHours", 24, 72, 72],
    ["product.seven_day_return", "sevenDayReturn", true, false, false],
    ["product.douyin_ewaybill", "douyinEwaybill", true, false, false],
  ];

  it.each(productBoundaries)(
    "%s: %s passes at %j, fails at %j",
    (rule, fact, pass, fail, actual) => {
      expect(productFailures({ [fact]: pass })).toEqual([]);
      const failures = productFailures({ [fact]: fail });
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ rule, actual });
    },
  );

  it("covers every rule of the campaign in the boundary tables", () => {
    const covered = [...merchantBoundaries, ...productBoundaries].map(([rule]) => rule);
    expect(covered.sort()).toEqual(campaign.rules.map((r) => r.code).sort());
  });

  it("cuts the category list in `required` and carries the whole list", () => {
    const [failure] = merchantFailures({ mainCategory: "房地产" });
    expect(failure?.requiredValue).toEqual(campaign.categories.map((c) => c.id));
  });
});

describe("messages", () => {
  it("render in both languages for every rule, with no placeholder left", () => {
    const merchant = engine.evaluateMerchant({ id: "m-empty" });
    const product = engine.evaluateProduct({ id: "p-empty" }, { eligible: true });
    const all = [...merchant.failures, ...product.failures];
    expect(all.map((f) => f.rule).sort()).toEqual(campaign.rules.map((r) => r.code).sort());
    for (const { message } of all) {
      for (const text of [message.zh, message.en]) {
        expect(text.length).toBeGreaterThan(10);
        expect(text).not.toMatch(/\{(actual|required)\}/);
      }
      expect(message.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("format percent, yuan and hours", () => {
    const [pickup] = merchantFailures({ pickupRate48h: 0.84 });
    expect(pickup?.message.zh).toContain("84%");
    expect(pickup?.message.en).toContain("85%");
    const [deposit] = merchantFailures({ depositFen: 250000 });
    expect(deposit?.message.zh).toContain("¥2,500.00");
    expect(deposit?.message.en).toContain("¥3,000.00");
    const [guarantee] = productFailures({ shippingGuaranteeHours: 72 });
    expect(guarantee?.message.zh).toContain("72小时");
  });

  it("name the regions a product charges shipping to", () => {
    const [failure] = productFailures({ nonFreeShippingRegions: ["CN-GD", "CN-XJ", "CN-ZJ"] });
    expect(failure?.actual).toEqual(["CN-GD", "CN-ZJ"]);
    expect(failure?.message.zh).toContain("CN-GD、CN-ZJ");
    expect(failure?.message.en).toContain("CN-GD, CN-ZJ");
  });

  it("use the check's own message when it has one (free shipping without drop-ship)", () => {
    const [failure] = productFailures({ dropship: false });
    expect(failure).toMatchObject({
      rule: "product.free_shipping",
      actual: false,
      required: "= true",
    });
    expect(failure?.message.en).toMatch(/not set up for drop-shipping/);
  });
});

describe("fail closed", () => {
  it("a missing fact fails its rule with actual null", () => {
    const merchant = merchantWith({});
    delete merchant.violationPoints;
    const failures = engine.evaluateMerchant(merchant).failures;
    expect(failures).toEqual([
      expect.objectContaining({
        rule: "merchant.violation_points",
        actual: null,
        required: "< 36",
      }),
    ]);
  });

  it("says the data is missing rather than stating the rule's failure as fact", () => {
    const [failure] = merchantFailures({ courtDishonest: undefined });
    expect(failure).toMatchObject({ rule: "merchant.court_dishonest", actual: null });
    expect(failure!.message.zh).toContain("未提供");
    expect(failure!.message.zh).toContain("courtDishonest");
    expect(failure!.message.zh).not.toContain("列入");
    expect(failure!.message.en).toMatch(/^No data for ".+" \(field courtDishonest\)/);
    // With the fact present and failing, the rule's own message.
    const [present] = merchantFailures({ courtDishonest: true });
    expect(present!.message.zh).not.toContain("未提供");
  });

  it("null counts as missing", () => {
    expect(merchantFailures({ pickupRate48h: null })[0]).toMatchObject({ actual: null });
    expect(productFailures({ shippingGuaranteeHours: null })[0]).toMatchObject({
      rule: "product.shipping_guarantee",
      actual: null,
    });
  });

  it("a wrongly typed fact fails with the value as given", () => {
    expect(merchantFailures({ pickupRate48h: "0.9" })[0]).toMatchObject({ actual: "0.9" });
    expect(merchantFailures({ chengxintong: "yes" })[0]).toMatchObject({ actual: "yes" });
    expect(merchantFailures({ depositFen: { fen: 1 } })[0]).toMatchObject({ actual: { fen: 1 } });
    expect(productFailures({ nonFreeShippingRegions: "CN-GD" })[0]).toMatchObject({
      rule: "product.free_shipping",
      actual: "CN-GD",
    });
  });

  it("a merchant that is not an object fails every merchant rule, with no id", () => {
    for (const input of [null, undefined, 42, "m1", [validMerchant()], true]) {
      const decision = engine.evaluate(input, []);
      expect(decision.merchantId).toBeNull();
      expect(decision.eligible).toBe(false);
      expect(decision.failures).toHaveLength(19);
      expect(decision.failures.every((f) => f.actual === null)).toBe(true);
    }
  });

  it("products that are missing or not an array give no product decisions", () => {
    for (const products of [undefined, null, "p1", { id: "p1" }, 3]) {
      expect(engine.evaluate(validMerchant(), products).products).toEqual([]);
    }
  });

  it("a product that is not an object fails every product rule", () => {
    const [decision] = engine.evaluate(validMerchant(), ["p1", null]).products;
    expect(decision).toMatchObject({ productId: null, eligible: false });
    expect(decision?.failures).toHaveLength(6);
  });

  it("ids that are not strings or numbers become null", () => {
    expect(engine.evaluateMerchant(merchantWith({ id: { x: 1 } })).merchantId).toBeNull();
    expect(engine.evaluateMerchant(merchantWith({ id: 17 })).merchantId).toBe(17);
  });
});

describe("products and their merchant", () => {
  it("a product of an ineligible merchant is ineligible but lists only product rules", () => {
    const decision = engine.evaluate(merchantWith({ violationPoints: 40 }), [
      validProduct("p1"),
      productWith({ id: "p2", sevenDayReturn: false }),
    ]);
    expect(decision.eligible).toBe(false);
    expect(decision.products).toEqual([
      { productId: "p1", eligible: false, failures: [] },
      {
        productId: "p2",
        eligible: false,
        failures: [expect.objectContaining({ rule: "product.seven_day_return" })],
      },
    ]);
  });

  it("lists every failing rule, in campaign order", () => {
    const failures = merchantFailures({
      violationPoints: 40,
      pickupRate48h: 0.5,
      tradeMedal: "none",
    });
    expect(failures.map((f) => f.rule)).toEqual([
      "merchant.pickup_rate_48h",
      "merchant.trade_medal",
      "merchant.violation_points",
    ]);
  });

  it("a standalone product decision carries the campaign and reads the merchant's eligibility", () => {
    expect(engine.evaluateProduct(validProduct("p9"), { eligible: false })).toEqual({
      productId: "p9",
      eligible: false,
      failures: [],
      campaign: campaign.hash,
    });
  });
});
