/**
 * `gala check --compare` for the editor: the current campaign and the edited text, both run over
 * every merchant (with its products) the server holds facts for, counting who changes and why.
 * Merchants are read in pages of 500 so memory stays flat however many there are. Besides the
 * counts, it names who changes: the first `LISTED` merchants and products whose eligibility the
 * edit flips, each with the rules that make the difference.
 */

import type { Campaign } from "../../domain/campaign/model.js";
import type { CampaignProblem } from "../../domain/campaign/problems.js";
import { compileEligibility, createComparison } from "../../domain/eligibility/index.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";

const PAGE = 500;
const LISTED = 200;

export interface MerchantChange {
  id: string;
  name: string | null;
  becomes: "eligible" | "ineligible";
  rules: string[];
}

export interface ProductChange {
  productId: string;
  merchantId: string;
  title: string | null;
  becomes: "eligible" | "ineligible";
  rules: string[];
}

/** The rules failing on the ineligible side: why it flipped. */
const why = (
  before: { eligible: boolean; failures: { rule: string }[] },
  after: { eligible: boolean; failures: { rule: string }[] },
) => (after.eligible ? before.failures : after.failures).map((f) => f.rule);

/** The edited campaign, already parsed (the route parses the text once for both impacts). */
export async function compareWithStoredFacts(db: Db, base: LoadedCampaign, edited: Campaign) {
  const other = compileEligibility(edited);
  const tally = createComparison(
    { campaign: base.eligibility.campaign, rules: base.eligibility.rules },
    { campaign: other.campaign, rules: other.rules },
  );
  const merchantChanges: MerchantChange[] = [];
  const productChanges: ProductChange[] = [];
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
    const byMerchant = new Map<string, Array<Record<string, unknown>>>();
    for (const p of products) {
      const list = byMerchant.get(p.merchant_id) ?? [];
      list.push(JSON.parse(p.facts));
      byMerchant.set(p.merchant_id, list);
    }
    for (const m of merchants) {
      const facts = JSON.parse(m.facts) as Record<string, unknown>;
      const items = byMerchant.get(m.id) ?? [];
      const was = base.eligibility.evaluate(facts, items);
      const now = other.evaluate(facts, items);
      tally.add(was, now);
      if (was.eligible !== now.eligible && merchantChanges.length < LISTED) {
        merchantChanges.push({
          id: m.id,
          name: typeof facts.name === "string" ? facts.name : null,
          becomes: now.eligible ? "eligible" : "ineligible",
          rules: why(was, now),
        });
      }
      now.products.forEach((p, i) => {
        const before = was.products[i];
        if (!before || before.eligible === p.eligible || productChanges.length >= LISTED) return;
        // A product follows its merchant: name the product rules, or the merchant's.
        const rules = why(before, p);
        const title = items[i]?.title;
        productChanges.push({
          productId: String(p.productId),
          merchantId: m.id,
          title: typeof title === "string" ? title : null,
          becomes: p.eligible ? "eligible" : "ineligible",
          rules: rules.length > 0 ? rules : why(was, now),
        });
      });
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
    changes: { merchants: merchantChanges, products: productChanges, listedAtMost: LISTED },
  };
}

/**
 * The edited text names another campaign: its impact would compare two campaigns, not two
 * versions of this one (a file pasted from elsewhere). A problem on its `id` line, as the loader's.
 */
export function otherCampaignProblem(
  source: string,
  editedId: string,
  currentId: string,
): CampaignProblem | undefined {
  if (editedId === currentId) return undefined;
  const index = source.split("\n").findIndex((line) => /^id\s*:/.test(line));
  return {
    source: "editor",
    ...(index === -1 ? {} : { line: index + 1 }),
    path: "id",
    message: `the file is campaign "${editedId}", not "${currentId}", the one being edited`,
    fix: `keep id: ${currentId} to edit this campaign (a file with another id is another campaign)`,
  };
}
