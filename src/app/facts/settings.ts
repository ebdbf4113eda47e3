/**
 * A merchant changes the settings it controls on one of its own products (free-shipping
 * regions, shipping guarantee, 7-day return, e-waybill, escrow): a new snapshot, audited.
 */
import { appendAudit } from "../../store/repos/audit.js";
import { getProductFacts, upsertProductFacts } from "../../store/repos/facts.js";
import type { Actor } from "../actor.js";
import { campaignsToRecheck, recheckCompliance } from "../compliance/recheck.js";
import type { AppContext } from "../context.js";
import { fail, ok, type Result } from "../result.js";
import { snapshotOf } from "./snapshot.js";
import type { ProductFacts, ProductSettings } from "./types.js";

export async function updateProductSettings(
  ctx: AppContext,
  actor: Actor,
  merchantId: string,
  productId: string,
  settings: ProductSettings,
): Promise<Result<{ facts: ProductFacts; snapshotHash: string }>> {
  const at = ctx.clock.now();
  const campaigns = await campaignsToRecheck(ctx);
  return ctx.store.db.transaction().execute(async (trx) => {
    const current = (await getProductFacts(trx, [productId])).get(productId);
    if (!current) return fail("not_found", "product_not_found", `no product ${productId}`);
    if (current.merchantId !== merchantId) {
      return fail(
        "forbidden",
        "other_merchants_product",
        `product ${productId} is not merchant ${merchantId}'s`,
      );
    }
    const facts = { ...(JSON.parse(current.body) as ProductFacts), ...settings };
    const snapshot = snapshotOf(facts);
    await upsertProductFacts(
      trx,
      [{ id: productId, merchantId, category: current.category, ...snapshot }],
      at,
    );
    await appendAudit(trx, [
      {
        at,
        actorRole: actor.role,
        actorId: actor.id,
        action: "product.settings_changed",
        campaignId: null,
        subjectType: "product",
        subjectId: productId,
        fromState: null,
        toState: null,
        reason: null,
        detail: { settings, from: current.hash, to: snapshot.hash },
      },
    ]);
    // A setting that makes a suspended listing pass again brings it back (and the reverse).
    await recheckCompliance(
      campaigns,
      trx,
      { merchantIds: [], productIds: [productId] },
      actor,
      at,
    );
    return ok({ facts, snapshotHash: snapshot.hash });
  });
}
