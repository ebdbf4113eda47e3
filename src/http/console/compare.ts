/**
 * `gala check --compare` for the editor: the current campaign and the edited text, both run over
 * every merchant (with its products) the server holds facts for, counting who changes and why.
 * Merchants are read in pages of 500 so memory stays flat however many there are.
 */
import type { LoadedCampaign } from "../../app/campaigns/catalog.js";
import type { Campaign } from "../../domain/campaign/model.js";
import { compileEligibility, createComparison } from "../../domain/eligibility/index.js";
import type { Db } from "../../store/types.js";

const PAGE = 500;

export async function compareWithStoredFacts(db: Db, base: LoadedCampaign, edited: Campaign) {
  const other = compileEligibility(edited);
  const tally = createComparison(
    { campaign: base.eligibility.campaign, rules: base.eligibility.rules },
    { campaign: other.campaign, rules: other.rules },
  );
  let after: string | undefined;
  for (;;) {
    let q = db.selectFrom("merchants").select(["id", "facts"]).orderBy("id").limit(PAGE);
    if (after !== undefined) q = q.where("id", ">", after);
    const merchants = await q.execute();
    if (merchants.length === 0) break;
    const ids = merchants.map((m) => m.id);
    const products = await db
      .selectFrom("products")
      .select(["merchant_id", "facts"])
      .where("merchant_id", "in", ids)
      .orderBy("id")
      .execute();
    const byMerchant = new Map<string, unknown[]>();
    for (const p of products) {
      const list = byMerchant.get(p.merchant_id) ?? [];
      list.push(JSON.parse(p.facts));
      byMerchant.set(p.merchant_id, list);
    }
    for (const m of merchants) {
      const facts = JSON.parse(m.facts);
      const items = byMerchant.get(m.id) ?? [];
      tally.add(base.eligibility.evaluate(facts, items), other.evaluate(facts, items));
    }
    after = merchants.at(-1)!.id;
  }
  const result = tally.result();
  return {
    ok: true as const,
    problems: [],
    base: base.eligibility.campaign,
    other: other.campaign,
    merchants: result.merchants,
    products: result.products,
  };
}
