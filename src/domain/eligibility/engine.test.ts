import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../campaign/load.js";
import type { Campaign } from "../campaign/model.js";
import { ByteWriter } from "./byte-writer.js";
import type { Failure } from "./decision.js";
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

  // [fact, passes at, fails at, the whole failure]: every rule at its boundary, message and all.
  type Boundary = [string, unknown, unknown, Omit<Failure, "requiredValue">];
  const merchantBoundaries: Boundary[] = [
    [
      "pickupRate48h",
      0.85,
      0.8499,
      {
        rule: "merchant.pickup_rate_48h",
        actual: 0.8499,
        required: ">= 0.85",
        message: {
          zh: "近30天48小时揽收率为 84.99%，需达到 85%。请及时发货并确保快递48小时内揽收。",
          en: "Your 48-hour pickup rate over the last 30 days is 84.99%; it must be at least 85%. Ship promptly so carriers pick parcels up within 48 hours.",
        },
      },
    ],

    [
      "lighthouseScore",
      2,
      1.99,
      {
        rule: "merchant.lighthouse_score",
        actual: 1.99,
        required: ">= 2",
        message: {
          zh: "近30天新灯塔商品体验分为 1.99，需不低于 2 分。请提升商品描述、品质与售后体验。",
          en: "Your New Lighthouse product-experience score is 1.99; it must be at least 2. Improve listings, quality and after-sales service.",
        },
      },
    ],

    [
      "mainCategory",
      "女装",
      "房地产",
      {
        rule: "merchant.main_category",
        actual: "房地产",
        required: "in [办公, 文化, 鞋子, 童装, 内衣, … 40 more]",
        message: {
          zh: "店铺主营类目为「房地产」，不在本次活动类目内。主营类目由在线商品中占比最高的类目决定。",
          en: "Your shop's main category \"房地产\" is not one of the campaign's categories. The main category is the one with the largest share of your online products.",
        },
      },
    ],

    [
      "tradeMedal",
      "A",
      "none",
      {
        rule: "merchant.trade_medal",
        actual: "none",
        required: ">= A",
        message: {
          zh: "买卖勋章等级为 none，需达到 A 级及以上。",
          en: "Your trade medal is none; level A or above is required.",
        },
      },
    ],

    [
      "chengxintong",
      true,
      false,
      {
        rule: "merchant.chengxintong",
        actual: false,
        required: "= true",
        message: {
          zh: "店铺未开通诚信通。请先开通诚信通会员后再报名。",
          en: "Your shop has no Chengxintong membership. Join Chengxintong, then register again.",
        },
      },
    ],

    [
      "alipayVerified",
      true,
      false,
      {
        rule: "merchant.alipay_verified",
        actual: false,
        required: "= true",
        message: {
          zh: "店铺未绑定已实名认证的支付宝账户。请绑定并完成实名认证。",
          en: "Your shop is not bound to a real-name-verified Alipay account. Bind one and complete verification.",
        },
      },
    ],

    [
      "buyerProtection",
      true,
      false,
      {
        rule: "merchant.buyer_protection",
        actual: false,
        required: "= true",
        message: {
          zh: "店铺未加入买家保障服务。请先加入买家保障。",
          en: "Your shop is not enrolled in buyer protection. Enrol first.",
        },
      },
    ],

    [
      "depositFen",
      300000,
      299999,
      {
        rule: "merchant.buyer_protection_deposit",
        actual: 299999,
        required: ">= 300000",
        message: {
          zh: "买家保障保证金余额为 ¥2,999.99，需不低于 ¥3,000.00。请补缴保证金。",
          en: "Your buyer-protection deposit balance is ¥2,999.99; at least ¥3,000.00 is required. Top up the deposit.",
        },
      },
    ],

    [
      "certification",
      "individual",
      "none",
      {
        rule: "merchant.certification",
        actual: "none",
        required: "in [enterprise, individual]",
        message: {
          zh: "店铺认证状态为 none，需具备有效的企业诚信通或个人诚信通认证。",
          en: "Your certification is none; a valid enterprise or individual Chengxintong certification is required.",
        },
      },
    ],

    [
      "seriousFakeTransactions90d",
      0,
      true,
      {
        rule: "merchant.fake_transactions",
        actual: true,
        required: "in [false, 0]",
        message: {
          zh: "近三个月店铺（含关联店铺及账户）存在严重虚假交易行为，不能报名本次活动。",
          en: "Your shop, or a shop or account linked to it, had serious fake-transaction behaviour in the last 3 months; it cannot join this campaign.",
        },
      },
    ],

    [
      "violationPoints",
      35,
      36,
      {
        rule: "merchant.violation_points",
        actual: 36,
        required: "< 36",
        message: {
          zh: "本年度违规累计扣分为 36 分，需低于 36 分。",
          en: "You have 36 violation points this year; fewer than 36 are required.",
        },
      },
    ],

    [
      "seriousIpInfringement",
      false,
      true,
      {
        rule: "merchant.ip_infringement",
        actual: true,
        required: "= false",
        message: {
          zh: "店铺存在知识产权严重侵权行为，不能报名本次活动。",
          en: "Your shop has a serious intellectual-property infringement on record; it cannot join this campaign.",
        },
      },
    ],

    [
      "competitivenessOk",
      true,
      false,
      {
        rule: "merchant.competitiveness",
        actual: false,
        required: "= true",
        message: {
          zh: "店铺综合竞争力未达到市场要求。请提升价格、服务与履约表现后再报名。",
          en: "Your shop's competitiveness does not meet the market's bar. Improve price, service and fulfilment, then register again.",
        },
      },
    ],

    [
      "prohibitedInfoPoints",
      23,
      24,
      {
        rule: "merchant.prohibited_info_points",
        actual: 24,
        required: "< 24",
        message: {
          zh: "违禁信息累计扣分为 24 分，需低于 24 分。",
          en: "You have 24 prohibited-information points; fewer than 24 are required.",
        },
      },
    ],

    [
      "businessComplianceViolation",
      false,
      true,
      {
        rule: "merchant.business_compliance",
        actual: true,
        required: "= false",
        message: {
          zh: "店铺存在商业合规违规行为，不能报名本次活动。",
          en: "Your shop has a business-compliance violation on record; it cannot join this campaign.",
        },
      },
    ],

    [
      "infringingListingPenalty",
      0,
      6,
      {
        rule: "merchant.infringing_listing_penalty",
        actual: 6,
        required: "in [false, 0]",
        message: {
          zh: "店铺存在发布侵权商品的扣分处罚（6），不能报名本次活动。",
          en: "Your shop has a penalty for publishing infringing products (6); it cannot join this campaign.",
        },
      },
    ],

    [
      "courtDishonest",
      false,
      true,
      {
        rule: "merchant.court_dishonest",
        actual: true,
        required: "= false",
        message: {
          zh: "企业被列入法院失信被执行人名单，不能报名本次活动。",
          en: "The company is on the court list of dishonest debtors; it cannot join this campaign.",
        },
      },
    ],

    [
      "financeSeriousOverdue",
      false,
      true,
      {
        rule: "merchant.finance_overdue",
        actual: true,
        required: "= false",
        message: {
          zh: "企业在阿里金融产品上存在严重逾期。请结清逾期款项后再报名。",
          en: "The company has serious overdue debt on Alibaba finance products. Settle it, then register again.",
        },
      },
    ],

    [
      "holidayShipping",
      true,
      false,
      {
        rule: "merchant.holiday_shipping",
        actual: false,
        required: "= true",
        message: {
          zh: "未承诺2月9日至2月16日期间48小时内发货。请开启春节发货承诺。",
          en: "You have not committed to ship within 48 hours from 9 to 16 February. Turn on the holiday shipping commitment.",
        },
      },
    ],
  ];

  it.each(merchantBoundaries)("%s passes at %j, fails at %j", (fact, pass, fail, failure) => {
    expect(merchantFailures({ [fact]: pass })).toEqual([]);
    const failures = merchantFailures({ [fact]: fail });
    expect(failures).toHaveLength(1);
    const { requiredValue: _, ...rest } = failures[0]!;
    expect(rest).toEqual(failure);
  });

  const productBoundaries: Boundary[] = [
    [
      "category",
      "玩具",
      "房地产",
      {
        rule: "product.category",
        actual: "房地产",
        required: "in [办公, 文化, 鞋子, 童装, 内衣, … 40 more]",
        message: {
          zh: "商品类目「房地产」不在本次活动类目内。请选择活动类目内的商品报名。",
          en: "The product's category \"房地产\" is not one of the campaign's categories. Register products from the campaign's categories.",
        },
      },
    ],

    [
      "alipayEscrow",
      true,
      false,
      {
        rule: "product.alipay_escrow",
        actual: false,
        required: "= true",
        message: {
          zh: "商品未开通支付宝担保交易。请在商品设置中开启后再报名。",
          en: "The product does not support Alipay escrow trade. Turn it on in the product's settings.",
        },
      },
    ],

    [
      "nonFreeShippingRegions",
      ["CN-HI", "US"],
      ["CN-HI", "CN-GD"],
      {
        rule: "product.free_shipping",
        actual: ["CN-GD"],
        required:
          "subset of [CN-TW, CN-HK, CN-MO, overseas, CN-GS, CN-QH, CN-NX, CN-XJ, CN-XZ, CN-NM, CN-HI]",
        message: {
          zh: "商品对以下地区收取运费：CN-GD。除台湾、香港、澳门、海外、甘肃、青海、宁夏、新疆、西藏、内蒙古、海南外，其余地区均需包邮。",
          en: "The product charges shipping to: CN-GD. Shipping must be free everywhere except Taiwan, Hong Kong, Macau, overseas, Gansu, Qinghai, Ningxia, Xinjiang, Tibet, Inner Mongolia and Hainan.",
        },
      },
    ],

    [
      "shippingGuaranteeHours",
      24,
      null,
      {
        rule: "product.shipping_guarantee",
        actual: null,
        required: "in [24, 48]",
        message: {
          zh: "商品发货保障：未报名，需报名48小时或24小时发货保障。",
          en: "Shipping guarantee: not enrolled; enrol the product in the 48-hour or 24-hour guarantee.",
        },
      },
    ],

    [
      "activityPriceFen",
      2790,
      2791,
      {
        rule: "product.lowest_price",
        actual: 2791,
        required: "<= 2790",
        message: {
          zh: "商品活动价为 ¥27.91，高于近30天最低成交价 ¥27.90。活动价需不高于近30天最低成交价。",
          en: "The product's campaign price is ¥27.91, above its lowest price of the last 30 days, ¥27.90. The campaign price must be at or below it.",
        },
      },
    ],

    [
      "sevenDayReturn",
      true,
      false,
      {
        rule: "product.seven_day_return",
        actual: false,
        required: "= true",
        message: {
          zh: "商品未支持7天无理由退货。请开启后再报名。",
          en: "The product does not offer 7-day no-reason returns. Turn them on, then register again.",
        },
      },
    ],

    [
      "douyinEwaybill",
      true,
      false,
      {
        rule: "product.douyin_ewaybill",
        actual: false,
        required: "= true",
        message: {
          zh: "商品未支持抖音电子面单（及主流快递电子面单）。请开通后再报名。",
          en: "The product does not support the Douyin e-waybill (and the major carriers' e-waybills). Enable it, then register again.",
        },
      },
    ],

    [
      "dropship",
      true,
      false,
      {
        rule: "product.free_shipping",
        actual: false,
        required: "= true",
        message: {
          zh: "商品未开通代发。本次活动要求商品支持代发包邮。",
          en: "The product is not set up for drop-shipping. The campaign requires drop-ship with free shipping.",
        },
      },
    ],
  ];

  it.each(productBoundaries)("%s passes at %j, fails at %j", (fact, pass, fail, failure) => {
    expect(productFailures({ [fact]: pass })).toEqual([]);
    const failures = productFailures({ [fact]: fail });
    expect(failures).toHaveLength(1);
    const { requiredValue: _, ...rest } = failures[0]!;
    expect(rest).toEqual(failure);
  });

  it("covers every rule of the campaign in the boundary tables", () => {
    const covered = [...merchantBoundaries, ...productBoundaries].map(([, , , f]) => f.rule);
    expect([...new Set(covered)].sort()).toEqual(campaign.rules.map((r) => r.code).sort());
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

  it("never show a rate that fails as the rate required (0.849999999 is not 85%)", () => {
    const [pickup] = merchantFailures({ pickupRate48h: 0.849999999 });
    expect(pickup?.message).toEqual({
      zh: "近30天48小时揽收率为 84.9999999%，需达到 85%。请及时发货并确保快递48小时内揽收。",
      en: "Your 48-hour pickup rate over the last 30 days is 84.9999999%; it must be at least 85%. Ship promptly so carriers pick parcels up within 48 hours.",
    });
    const [closest] = merchantFailures({ pickupRate48h: 0.8499999999999999 });
    expect(closest?.message.en).toMatch(
      /^Your 48-hour pickup rate over the last 30 days is 84\.99999999999999%;/,
    );
  });

  it("read a product enrolled in no guarantee (null) as not enrolled, an absent one as no data", () => {
    const [enrolledInNone] = productFailures({ shippingGuaranteeHours: null });
    expect(enrolledInNone?.message).toEqual({
      zh: "商品发货保障：未报名，需报名48小时或24小时发货保障。",
      en: "Shipping guarantee: not enrolled; enrol the product in the 48-hour or 24-hour guarantee.",
    });
    const [absent] = productFailures({ shippingGuaranteeHours: undefined });
    expect(absent).toEqual({
      rule: "product.shipping_guarantee",
      actual: null,
      required: "in [24, 48]",
      message: {
        zh: "未提供「已报名48小时或24小时发货保障」的数据（字段 shippingGuaranteeHours），按未达标处理",
        en: 'No data for "Enrolled in the 48-hour or 24-hour shipping guarantee" (field shippingGuaranteeHours): treated as not met',
      },
    });
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

  it("null counts as missing where it means nothing else", () => {
    expect(merchantFailures({ pickupRate48h: null })).toEqual([
      {
        rule: "merchant.pickup_rate_48h",
        actual: null,
        required: ">= 0.85",
        message: {
          zh: "未提供「近30天48小时揽收率」的数据（字段 pickupRate48h），按未达标处理",
          en: 'No data for "48-hour pickup rate, last 30 days" (field pickupRate48h): treated as not met',
        },
      },
    ]);
  });

  it("a value the fact schema refuses fails its rule closed, saying it is invalid", () => {
    expect(merchantFailures({ pickupRate48h: 1.5 })).toEqual([
      {
        rule: "merchant.pickup_rate_48h",
        actual: 1.5,
        required: ">= 0.85",
        message: {
          zh: "「近30天48小时揽收率」的数据无效（字段 pickupRate48h 为 1.5，应为0 到 1 之间的数），按未达标处理",
          en: 'Invalid data for "48-hour pickup rate, last 30 days" (field pickupRate48h is 1.5; expected a number from 0 to 1): treated as not met',
        },
      },
    ]);
    expect(merchantFailures({ violationPoints: -5 })).toEqual([
      {
        rule: "merchant.violation_points",
        actual: -5,
        required: "< 36",
        message: {
          zh: "「本年度违规扣分低于36分」的数据无效（字段 violationPoints 为 -5，应为不小于 0 的数），按未达标处理",
          en: 'Invalid data for "Violation points this year below 36" (field violationPoints is -5; expected a number ≥ 0): treated as not met',
        },
      },
    ]);
  });

  it("a wrongly typed fact fails with the value as given, and says it is invalid", () => {
    const invalid = (failures: Failure[]) => failures.map((f) => [f.rule, f.actual, f.message.en]);
    expect(invalid(merchantFailures({ pickupRate48h: "0.9" }))).toEqual([
      [
        "merchant.pickup_rate_48h",
        "0.9",
        'Invalid data for "48-hour pickup rate, last 30 days" (field pickupRate48h is "0.9"; expected a number from 0 to 1): treated as not met',
      ],
    ]);
    expect(invalid(merchantFailures({ chengxintong: "yes" }))).toEqual([
      [
        "merchant.chengxintong",
        "yes",
        'Invalid data for "Chengxintong membership" (field chengxintong is "yes"; expected true or false): treated as not met',
      ],
    ]);
    expect(invalid(merchantFailures({ violationPoints: "12" }))).toEqual([
      [
        "merchant.violation_points",
        "12",
        'Invalid data for "Violation points this year below 36" (field violationPoints is "12"; expected a number ≥ 0): treated as not met',
      ],
    ]);
    expect(invalid(merchantFailures({ depositFen: { fen: 1 } }))).toEqual([
      [
        "merchant.buyer_protection_deposit",
        { fen: 1 },
        'Invalid data for "Buyer-protection deposit of at least 3,000 yuan" (field depositFen is {"fen":1}; expected a whole number ≥ 0): treated as not met',
      ],
    ]);
    expect(invalid(merchantFailures({ tradeMedal: "AAAAAA" }))).toEqual([
      [
        "merchant.trade_medal",
        "AAAAAA",
        'Invalid data for "Trade medal level A or above" (field tradeMedal is "AAAAAA"; expected one of none, A, AA, AAA, AAAA, AAAAA): treated as not met',
      ],
    ]);
    expect(invalid(productFailures({ nonFreeShippingRegions: "CN-GD" }))).toEqual([
      [
        "product.free_shipping",
        "CN-GD",
        'Invalid data for "Drop-ship with free shipping (allowed exclusions only)" (field nonFreeShippingRegions is "CN-GD"; expected a list of region codes (ISO 3166-2, e.g. CN-ZJ; at most 300)): treated as not met',
      ],
    ]);
    expect(invalid(productFailures({ shippingGuaranteeHours: 72 }))).toEqual([
      [
        "product.shipping_guarantee",
        72,
        'Invalid data for "Enrolled in the 48-hour or 24-hour shipping guarantee" (field shippingGuaranteeHours is 72; expected 24 or 48 (hours)): treated as not met',
      ],
    ]);
  });

  it("a long invalid value is cut in the message, whole in `actual`", () => {
    const long = "x".repeat(200);
    const [failure] = merchantFailures({ certification: long });
    expect(failure?.actual).toBe(long);
    expect(failure?.message.en).toBe(
      `Invalid data for "Valid enterprise or individual Chengxintong certification" (field certification is "${"x".repeat(78)}…; expected one of enterprise, individual, none): treated as not met`,
    );
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
    expect(decision?.failures).toHaveLength(7);
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

describe("categories by 1688's names, with the printed spellings as aliases", () => {
  const spellings = campaign.categories.flatMap((c) => [c.id, ...c.aliases]);

  it("match every category by its id and by each alias, for merchants and products", () => {
    for (const name of spellings) {
      expect(merchantFailures({ mainCategory: name })).toEqual([]);
      expect(productFailures({ category: name })).toEqual([]);
    }
  });

  it("name the real categories and the printed garbles of 七.2 and 八.1", () => {
    const byId = new Map(campaign.categories.map((c) => [c.id, c]));
    expect(byId.get("办公")).toEqual({ id: "办公", en: "Office", aliases: ["工作"] });
    expect(byId.get("文化")?.aliases).toEqual(["文明"]);
    expect(byId.get("户外运动")?.aliases).toEqual(["野外运动"]);
    expect(byId.get("生鲜")?.aliases).toEqual(["新鲜餐饮"]);
    expect(byId.get("新能源")?.aliases).toEqual(["新源"]);
    expect(byId.get("二手设备转让")?.aliases).toEqual(["二手设备转移"]);
    expect(byId.get("个人护理/家庭清洁")?.aliases).toEqual(["个人护理/家居清洁"]);
    for (const c of campaign.categories) expect(c.en).not.toMatch(/printed|\(/);
  });

  it("list only the ids as required, not the aliases", () => {
    const [failure] = productFailures({ category: "房地产" });
    expect(failure?.requiredValue).toEqual(campaign.categories.map((c) => c.id));
    expect(failure?.requiredValue).not.toContain("工作");
  });
});

describe("product.lowest_price (§3b)", () => {
  const priced = (facts: Record<string, unknown>) =>
    productFailures(facts).filter((f) => f.rule === "product.lowest_price");

  it("passes at or below the 30-day lowest price and fails a fen above it", () => {
    expect(priced({ activityPriceFen: 2790, lowestPrice30dFen: 2790 })).toEqual([]);
    expect(priced({ activityPriceFen: 0, lowestPrice30dFen: 2790 })).toEqual([]);
    expect(priced({ activityPriceFen: 2791, lowestPrice30dFen: 2790 })).toHaveLength(1);
  });

  it("fails closed with actual null, naming whichever price is missing", () => {
    expect(priced({ activityPriceFen: undefined })).toEqual([
      {
        rule: "product.lowest_price",
        actual: null,
        required: "<= lowestPrice30dFen",
        message: {
          zh: "未提供「活动价不高于近30天最低成交价」的数据（字段 activityPriceFen），按未达标处理",
          en: 'No data for "Campaign price at or below the lowest price of the last 30 days" (field activityPriceFen): treated as not met',
        },
      },
    ]);
    expect(priced({ lowestPrice30dFen: null })).toEqual([
      {
        rule: "product.lowest_price",
        actual: null,
        required: "<= lowestPrice30dFen",
        message: {
          zh: "未提供「活动价不高于近30天最低成交价」的数据（字段 lowestPrice30dFen），按未达标处理",
          en: 'No data for "Campaign price at or below the lowest price of the last 30 days" (field lowestPrice30dFen): treated as not met',
        },
      },
    ]);
  });

  it("says which price is invalid, on either side", () => {
    expect(priced({ activityPriceFen: 12.5 })).toEqual([
      {
        rule: "product.lowest_price",
        actual: 12.5,
        required: "<= lowestPrice30dFen",
        message: {
          zh: "「活动价不高于近30天最低成交价」的数据无效（字段 activityPriceFen 为 12.5，应为不小于 0 的整数），按未达标处理",
          en: 'Invalid data for "Campaign price at or below the lowest price of the last 30 days" (field activityPriceFen is 12.5; expected a whole number ≥ 0): treated as not met',
        },
      },
    ]);
    expect(priced({ lowestPrice30dFen: "2790" })).toEqual([
      {
        rule: "product.lowest_price",
        actual: 2690,
        required: "<= lowestPrice30dFen",
        message: {
          zh: '「活动价不高于近30天最低成交价」的数据无效（字段 lowestPrice30dFen 为 "2790"，应为不小于 0 的整数），按未达标处理',
          en: 'Invalid data for "Campaign price at or below the lowest price of the last 30 days" (field lowestPrice30dFen is "2790"; expected a whole number ≥ 0): treated as not met',
        },
      },
    ]);
    // A lowest price below zero is no price at all, even though 2690 <= -1 is false anyway.
    expect(priced({ activityPriceFen: -10, lowestPrice30dFen: 2790 })[0]?.message.en).toMatch(
      /^Invalid data for .* \(field activityPriceFen is -10;/,
    );
  });

  it("reads the window from the campaign file: a 180-day campaign compares lowestPrice180dFen", () => {
    const text = readFileSync(file, "utf8")
      .replace("valueFact: lowestPrice30dFen", "valueFact: lowestPrice180dFen")
      .replaceAll("近30天最低成交价", "近180天最低成交价")
      .replace("its lowest price of the last 30 days", "its lowest price of the last 180 days");
    const result = parseCampaign(text, "180.yaml");
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const engine180 = compileEligibility(result.campaign);
    const failures = (facts: Record<string, unknown>) =>
      engine180
        .evaluateProduct(productWith(facts), { eligible: true })
        .failures.filter((f) => f.rule === "product.lowest_price");
    expect(failures({ activityPriceFen: 2500, lowestPrice180dFen: 2500 })).toEqual([]);
    const [above] = failures({ activityPriceFen: 2790, lowestPrice180dFen: 2500 });
    expect(above).toEqual({
      rule: "product.lowest_price",
      actual: 2790,
      required: "<= 2500",
      message: {
        zh: "商品活动价为 ¥27.90，高于近180天最低成交价 ¥25.00。活动价需不高于近180天最低成交价。",
        en: "The product's campaign price is ¥27.90, above its lowest price of the last 180 days, ¥25.00. The campaign price must be at or below it.",
      },
    });
    expect(failures({ activityPriceFen: 2500 })[0]?.message.en).toContain(
      "(field lowestPrice180dFen)",
    );
  });
});

describe("decisions written as bytes (gala check)", () => {
  const examples = readFileSync(
    new URL("../../../examples/merchants.jsonl", import.meta.url),
    "utf8",
  )
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as { merchant: unknown; products: unknown });

  it("are JSON.stringify of the decision, byte for byte, for every example", () => {
    const out = new ByteWriter(64);
    let expected = "";
    for (const { merchant, products } of examples) {
      const decision = JSON.stringify(engine.evaluate(merchant, products));
      expect(engine.evaluateJson(merchant, products)).toBe(decision);
      engine.evaluateInto(out, merchant, products);
      expected += decision;
    }
    // Twice over, so that failures kept whole after their first time are written again.
    for (const { merchant, products } of examples) {
      engine.evaluateInto(out, merchant, products);
      expected += JSON.stringify(engine.evaluate(merchant, products));
    }
    expect(out.takeText()).toBe(expected);
  });

  it("cover every kind of failure: ordinary, missing, invalid, and each side of a comparison", () => {
    const merchant = merchantWith({
      pickupRate48h: 1.5,
      lighthouseScore: undefined,
      tradeMedal: "none",
    });
    const products = [
      productWith({ id: "p1", activityPriceFen: 3000 }),
      productWith({ id: "p2", activityPriceFen: undefined }),
      productWith({ id: "p3", lowestPrice30dFen: null }),
      productWith({ id: "p4", activityPriceFen: "1" }),
      productWith({ id: "p5", lowestPrice30dFen: -1 }),
      productWith({ id: "p6", shippingGuaranteeHours: null, nonFreeShippingRegions: ["CN-GD"] }),
      productWith({ id: 7 }),
      productWith({ id: "p8", category: "房地产", activityPriceFen: 3000 }),
      "not a product",
    ];
    for (const m of [merchant, validMerchant("ok")]) {
      expect(engine.evaluateJson(m, products)).toBe(JSON.stringify(engine.evaluate(m, products)));
    }
  });
});
