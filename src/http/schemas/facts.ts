/**
 * Merchant and product facts exactly as docs/interfaces.md ("Facts") names them, from the one fact table that
 * the eligibility engine reads too (`src/domain/facts/`): a value `PUT /facts/*` refuses is one
 * `gala check` reports as invalid. Every fact is optional and may be null (unknown): a rule that
 * needs it then fails closed with `actual: null`. Unknown extra fields are kept for campaigns
 * that read them.
 */
import { z } from "zod";
import { MERCHANT_FACTS, PRODUCT_FACTS } from "../../domain/facts/fields.js";
import { factProperties, factSchema, Region } from "../../domain/facts/zod.js";
import { Id } from "./common.js";

export { Region };

/** A product fact's schema from the table, for the settings a merchant changes itself. */
const productFact = <T>(name: string) => factSchema(PRODUCT_FACTS[name]!) as z.ZodType<T>;

export const MerchantFacts = z.object({ id: Id, ...factProperties(MERCHANT_FACTS) }).loose();

/** The settings a merchant controls on its own products. */
export const ProductSettings = z
  .object({
    nonFreeShippingRegions: productFact<string[]>("nonFreeShippingRegions"),
    shippingGuaranteeHours: productFact<24 | 48>("shippingGuaranteeHours").nullable(),
    sevenDayReturn: productFact<boolean>("sevenDayReturn"),
    douyinEwaybill: productFact<boolean>("douyinEwaybill"),
    alipayEscrow: productFact<boolean>("alipayEscrow"),
  })
  .partial()
  .strict();

export const ProductFacts = z
  .object({ id: Id, merchantId: Id, ...factProperties(PRODUCT_FACTS) })
  .loose();

export const MAX_BULK = 20_000;

export const MerchantFactsBatch = z.object({
  merchants: z.array(MerchantFacts).min(1).max(MAX_BULK),
});
export const ProductFactsBatch = z.object({ products: z.array(ProductFacts).min(1).max(MAX_BULK) });
