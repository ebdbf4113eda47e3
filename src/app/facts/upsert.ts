/**
 * The platform's bulk fact push: each item becomes the current facts and a kept snapshot, and
 * the approved registrations they touch are judged again (continuous compliance), in the same
 * transaction.
 */
import {
  productsChangingMerchant,
  upsertMerchantFacts,
  upsertProductFacts,
} from "../../store/repos/facts.js";
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
  const outcome = await ctx.store.db.transaction().execute(async (trx) => {
    // Read in the transaction that writes: a product's merchant is checked against what stays.
    const changing = await productsChangingMerchant(trx, rows);
    if (changing.length > 0) return { changing, compliance: undefined };
    await upsertProductFacts(trx, rows, at);
    const productIds = rows.map((r) => r.id);
    const compliance = await recheckCompliance(
      campaigns,
      trx,
      { merchantIds: [], productIds },
      actor,
      at,
    );
    return { changing: undefined, compliance };
  });
  if (outcome.changing) return merchantChanged(outcome.changing);
  return ok({ upserted: rows.length, compliance: outcome.compliance });
}

/**
 * A product belongs to one merchant for good: its registrations, listing and orders are that
 * merchant's. A snapshot naming another merchant is a mistake of the feed (taken, it handed the
 * product's settings to the other merchant and suspended the first one's listing), so the whole
 * call is refused, as for duplicate ids, and nothing is written.
 */
function merchantChanged(changing: Array<{ id: string; stored: string; sent: string }>) {
  const shown = changing
    .slice(0, 5)
    .map((c) => `${c.id} (${c.stored}, sent as ${c.sent})`)
    .join(", ");
  return fail(
    "conflict",
    "product_merchant_changed",
    `products keep the merchant they were first sent with: ${shown}${changing.length > 5 ? ", …" : ""}. Send each under its merchant; another merchant's product needs an id of its own`,
    { products: changing },
  );
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
