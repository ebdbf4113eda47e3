/**
 * Merchant and product facts exactly as contracts.md names them. Every fact is optional and may
 * be null (unknown): a rule that needs it then fails closed with `actual: null`. A fact that is
 * present must have its type; unknown extra fields are kept for campaigns that read them.
 */
import { z } from "zod";
import { Id } from "./common.js";

const maybe = <T extends z.ZodType>(t: T) => t.nullable().optional();
const guaranteeHours = () =>
  z.union([z.literal(24), z.literal(48)], { error: "must be 24 or 48 (hours)" });

export const Region = z.string().min(1).max(16).describe("ISO 3166-2, e.g. CN-ZJ");

export const MerchantFacts = z
  .object({
    id: Id,
    name: maybe(z.string().max(200)),
    pickupRate48h: maybe(z.number().min(0).max(1)),
    lighthouseScore: maybe(z.number()),
    mainCategory: maybe(z.string().max(100)),
    tradeMedal: maybe(z.enum(["none", "A", "AA", "AAA", "AAAA", "AAAAA"])),
    chengxintong: maybe(z.boolean()),
    alipayVerified: maybe(z.boolean()),
    buyerProtection: maybe(z.boolean()),
    depositFen: maybe(z.int().min(0)),
    certification: maybe(z.enum(["enterprise", "individual", "none"])),
    seriousFakeTransactions90d: maybe(z.union([z.boolean(), z.int().min(0)])),
    violationPoints: maybe(z.number().min(0)),
    seriousIpInfringement: maybe(z.boolean()),
    competitivenessOk: maybe(z.boolean()),
    prohibitedInfoPoints: maybe(z.number().min(0)),
    businessComplianceViolation: maybe(z.boolean()),
    infringingListingPenalty: maybe(z.union([z.boolean(), z.number().min(0)])),
    courtDishonest: maybe(z.boolean()),
    financeSeriousOverdue: maybe(z.boolean()),
    holidayShipping: maybe(z.boolean()),
  })
  .loose();

/** The settings a merchant controls on its own products. */
export const ProductSettings = z
  .object({
    nonFreeShippingRegions: z.array(Region).max(300),
    shippingGuaranteeHours: guaranteeHours().nullable(),
    sevenDayReturn: z.boolean(),
    douyinEwaybill: z.boolean(),
    alipayEscrow: z.boolean(),
  })
  .partial()
  .strict();

export const ProductFacts = z
  .object({
    id: Id,
    merchantId: Id,
    title: maybe(z.string().max(500)),
    category: maybe(z.string().max(100)),
    priceFen: maybe(z.int().min(0)),
    alipayEscrow: maybe(z.boolean()),
    dropship: maybe(z.boolean()),
    nonFreeShippingRegions: maybe(z.array(Region).max(300)),
    shippingGuaranteeHours: maybe(guaranteeHours()),
    sevenDayReturn: maybe(z.boolean()),
    douyinEwaybill: maybe(z.boolean()),
  })
  .loose();

export const MAX_BULK = 20_000;

export const MerchantFactsBatch = z.object({
  merchants: z.array(MerchantFacts).min(1).max(MAX_BULK),
});
export const ProductFactsBatch = z.object({ products: z.array(ProductFacts).min(1).max(MAX_BULK) });
