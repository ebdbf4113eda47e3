/**
 * Fact objects as the platform sends them (docs/interfaces.md, "Facts"). Only the ids and the category
 * are read here; every other field goes to the eligibility engine as is, and a missing one
 * fails its rule closed.
 */
export interface MerchantFacts {
  id: string;
  mainCategory?: string | null;
  [fact: string]: unknown;
}

export interface ProductFacts {
  id: string;
  merchantId: string;
  category?: string | null;
  [fact: string]: unknown;
}

/** Product settings a merchant controls itself; everything else comes from the platform. */
export const PRODUCT_SETTINGS = [
  "nonFreeShippingRegions",
  "shippingGuaranteeHours",
  "sevenDayReturn",
  "douyinEwaybill",
  "alipayEscrow",
] as const;

export type ProductSettings = Partial<
  Record<(typeof PRODUCT_SETTINGS)[number], unknown> & {
    nonFreeShippingRegions: string[];
    shippingGuaranteeHours: 24 | 48 | null;
    sevenDayReturn: boolean;
    douyinEwaybill: boolean;
    alipayEscrow: boolean;
  }
>;
