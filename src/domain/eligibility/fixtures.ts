/**
 * Facts of a merchant and a product that meet every rule of the reference campaign
 * (`campaigns/spring-festival-2024.yaml`), for tests, examples and the benchmark to start from.
 */
export function validMerchant(id = "m-valid"): Record<string, unknown> {
  return {
    id,
    name: "义乌市佳禾日用品有限公司",
    pickupRate48h: 0.93,
    lighthouseScore: 4.2,
    mainCategory: "家居用品",
    tradeMedal: "AA",
    chengxintong: true,
    alipayVerified: true,
    buyerProtection: true,
    depositFen: 500000,
    certification: "enterprise",
    seriousFakeTransactions90d: false,
    violationPoints: 6,
    seriousIpInfringement: false,
    competitivenessOk: true,
    prohibitedInfoPoints: 0,
    businessComplianceViolation: false,
    infringingListingPenalty: false,
    courtDishonest: false,
    financeSeriousOverdue: false,
    holidayShipping: true,
  };
}

export function validProduct(id = "p-valid", merchantId = "m-valid"): Record<string, unknown> {
  return {
    id,
    merchantId,
    title: "加厚防滑衣架 20只装",
    category: "家居用品",
    priceFen: 2990,
    activityPriceFen: 2690,
    lowestPrice30dFen: 2790,
    alipayEscrow: true,
    dropship: true,
    nonFreeShippingRegions: ["CN-XJ", "CN-XZ", "overseas"],
    shippingGuaranteeHours: 48,
    sevenDayReturn: true,
    douyinEwaybill: true,
  };
}
