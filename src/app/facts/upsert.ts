/**
 * The platform's bulk fact push: each item becomes the current facts and a kept snapshot, and
 * the approved registrations they touch are judged again (continuous compliance), in the same
 * transaction.
 */
import { upsertMerchantFacts, upsertProductFacts } from "../../store/repos/facts.js";
import type { Actor } from "../actor.js";
import {
  campaignsToRecheck,
  type RecheckSummary,
  recheckCompliance,
} from "../compliance/recheck.js";
import type { AppContext } from "../context.js";
import { fail, ok, type Result } from "../result.js";
import { snapshotOf } from "./snapshot.js";
import type { MerchantFacts, ProductFacts } from "./types.js";

export interface UpsertSummary {
  upserted: number;
  /** Listings suspended and restored by the facts' change (continuous compliance). */
  compliance: RecheckSummary;
}

/** Who pushed facts when the caller does not say (the demo's seed, scripts). */
const PLATFORM: Actor = { role: "platform", id: "platform", merchantId: null };

export async function upsertMerchants(
  ctx: AppContext,
  items: readonly MerchantFacts[],
  actor: Actor = PLATFORM,
): Promise<Result<UpsertSummary>> {
  const duplicate = firstDuplicate(items.map((m) => m.id));
  if (duplicate) return duplicateIds(duplicate);
  const at = ctx.clock.now();
  const rows = items.map((m) => ({
    id: m.id,
    mainCategory: typeof m.mainCategory === "string" ? m.mainCategory : null,
    ...snapshotOf(m),
  }));
  const campaigns = await campaignsToRecheck(ctx);
  const compliance = await ctx.store.db.transaction().execute(async (trx) => {
    await upsertMerchantFacts(trx, rows, at);
    const merchantIds = rows.map((r) => r.id);
    return recheckCompliance(campaigns, trx, { merchantIds, productIds: [] }, actor, at);
  });
  return ok({ upserted: rows.length, compliance });
}

export async function upsertProducts(
  ctx: AppContext,
  items: readonly ProductFacts[],
  actor: Actor = PLATFORM,
): Promise<Result<UpsertSummary>> {
  const duplicate = firstDuplicate(items.map((p) => p.id));
  if (duplicate) return duplicateIds(duplicate);
  const at = ctx.clock.now();
  const rows = items.map((p) => ({
    id: p.id,
    merchantId: p.merchantId,
    category: typeof p.category === "string" ? p.category : null,
    ...snapshotOf(p),
  }));
  const campaigns = await campaignsToRecheck(ctx);
  const compliance = await ctx.store.db.transaction().execute(async (trx) => {
    await upsertProductFacts(trx, rows, at);
    const productIds = rows.map((r) => r.id);
    return recheckCompliance(campaigns, trx, { merchantIds: [], productIds }, actor, at);
  });
  return ok({ upserted: rows.length, compliance });
}

export function firstDuplicate(ids: readonly string[]): string[] | undefined {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const id of ids) (seen.has(id) ? dupes : seen).add(id);
  return dupes.size > 0 ? [...dupes] : undefined;
}

function duplicateIds(ids: string[]) {
  return fail(
    "invalid",
    "duplicate_ids",
    `ids appear more than once in one call: ${ids.join(", ")}`,
    {
      ids,
    },
  );
}
