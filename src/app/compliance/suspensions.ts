/**
 * A merchant's suspended listings in a campaign, for its campaign page: which product, since
 * when, and every continuous rule it fails with the rule's title and its message in both
 * languages (what is wrong and what is required: how to fix it).
 */
import type { Bilingual } from "../../domain/campaign/model.js";
import type { Failure } from "../../domain/eligibility/index.js";
import { suspendedListings } from "../../store/repos/suspensions.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { fail, ok, type Result } from "../result.js";

export interface Suspension {
  productId: string;
  title: string | null;
  suspendedAt: number;
  failures: Array<Failure & { subject: "merchant" | "product"; title: Bilingual | null }>;
}

export async function readSuspensions(
  ctx: AppContext,
  campaignId: string,
  merchantId: string,
): Promise<Result<{ loaded: LoadedCampaign; items: Suspension[] }>> {
  const loaded = await ctx.campaigns.current(campaignId);
  if (!loaded) return fail("not_found", "campaign_not_found", `no campaign ${campaignId}`);
  const rules = new Map(loaded.campaign.rules.map((r) => [r.code, r]));
  const rows = await suspendedListings(ctx.store.db, campaignId, merchantId);
  const items = rows.map((r): Suspension => {
    const facts = r.facts === null ? {} : (JSON.parse(r.facts) as { title?: unknown });
    return {
      productId: r.productId,
      title: typeof facts.title === "string" ? facts.title : null,
      suspendedAt: r.suspendedAt,
      failures: (r.failures as Failure[]).map((f) => {
        const rule = rules.get(f.rule);
        return {
          ...f,
          subject: f.rule.startsWith("merchant.") ? "merchant" : "product",
          title: rule?.title ?? null,
        };
      }),
    };
  });
  return ok({ loaded, items });
}
