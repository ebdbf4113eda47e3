/** The platform's bulk fact push: each item becomes the current facts and a kept snapshot. */
import { upsertMerchantFacts, upsertProductFacts } from "../../store/repos/facts.js";
import type { AppContext } from "../context.js";
import { fail, ok, type Result } from "../result.js";
import { snapshotOf } from "./snapshot.js";
import type { MerchantFacts, ProductFacts } from "./types.js";

export interface UpsertSummary {
  upserted: number;
}

export async function upsertMerchants(
  ctx: AppContext,
  items: readonly MerchantFacts[],
): Promise<Result<UpsertSummary>> {
  const duplicate = firstDuplicate(items.map((m) => m.id));
  if (duplicate) return duplicateIds(duplicate);
  const at = ctx.clock.now();
  const rows = items.map((m) => ({
    id: m.id,
    mainCategory: typeof m.mainCategory === "string" ? m.mainCategory : null,
    ...snapshotOf(m),
  }));
  await ctx.store.db.transaction().execute((trx) => upsertMerchantFacts(trx, rows, at));
  return ok({ upserted: rows.length });
}

export async function upsertProducts(
  ctx: AppContext,
  items: readonly ProductFacts[],
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
  await ctx.store.db.transaction().execute((trx) => upsertProductFacts(trx, rows, at));
  return ok({ upserted: rows.length });
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
