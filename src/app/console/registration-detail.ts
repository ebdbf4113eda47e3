/**
 * One registration as an operator reviews it: the product's facts and price, every rule's
 * result on the facts held now (merchant and product rules), the merchant's standing in the
 * campaign (eligible, exited, violations in force, its other registrations) and the
 * registration's history. One read, so the review drawer opens with everything at once.
 */
import { getMerchantFacts, getProductFacts } from "../../store/repos/facts.js";
import { merchantExit } from "../../store/repos/listings.js";
import { registrationCounts } from "../../store/repos/registration-queries.js";
import { getRegistration, type RegistrationRecord } from "../../store/repos/registrations.js";
import type { AppContext } from "../context.js";
import { readStanding } from "../fulfilment/reads.js";
import { registrationAudit } from "../registration/read.js";
import { fail, ok, type Result } from "../result.js";
import { ruleRows } from "./standing.js";

const parse = (body: string | undefined) =>
  body === undefined ? undefined : (JSON.parse(body) as Record<string, unknown>);

export async function readRegistrationDetail(ctx: AppContext, campaignId: string, id: string) {
  const loaded = await ctx.campaigns.current(campaignId);
  const r = await getRegistration(ctx.store.db, id);
  if (!loaded || !r || r.campaignId !== campaignId) {
    return fail("not_found", "registration_not_found", `no registration ${id} in ${campaignId}`);
  }
  const db = ctx.store.db;
  const product = parse((await getProductFacts(db, [r.productId])).get(r.productId)?.body);
  const merchant = parse((await getMerchantFacts(db, r.merchantId))?.body);
  const decision = loaded.eligibility.evaluate(merchant ?? {}, [product ?? {}]);
  const campaign = loaded.campaign;
  const standing = await readStanding(ctx, campaignId, r.merchantId);
  const exit = await merchantExit(db, campaignId, r.merchantId);
  const result = {
    registration: r,
    product: product ?? null,
    merchant: {
      id: r.merchantId,
      name: typeof merchant?.name === "string" ? merchant.name : null,
      factsKnown: merchant !== undefined,
      eligible: decision.eligible,
      exited: exit ? { at: exit.exitedAt, reason: exit.reason } : null,
      violations: standing.ok ? standing.value.violations : 0,
      registrations: await registrationCounts(db, campaignId, r.merchantId),
    },
    rules: {
      merchant: ruleRows(campaign, "merchant", merchant, decision.failures),
      product: ruleRows(campaign, "product", product, decision.products[0]?.failures ?? []),
    },
    history: await registrationAudit(ctx, r.id),
  };
  return ok(result) as Result<typeof result & { registration: RegistrationRecord }>;
}
