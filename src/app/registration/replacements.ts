/**
 * `review.resubmit`: a product rejected at review may be replaced by other products. A
 * registration may name the product it replaces; that product must be this merchant's and
 * rejected at review in this campaign, or the call is refused (409) naming the bad ones.
 */
import { registrationsForProducts } from "../../store/repos/registrations.js";
import type { Db } from "../../store/types.js";
import { type AppFailure, fail } from "../result.js";

export async function checkReplacements(
  db: Db,
  campaignId: string,
  merchantId: string,
  items: ReadonlyArray<{ productId: string; replacesProductId?: string }>,
): Promise<{ ok: false; failure: AppFailure } | undefined> {
  const named = [
    ...new Set(items.flatMap((i) => (i.replacesProductId ? [i.replacesProductId] : []))),
  ];
  if (named.length === 0) return undefined;
  const found = await registrationsForProducts(db, campaignId, named);
  const bad = named.filter((id) => {
    const r = found.get(id);
    return !r || r.merchantId !== merchantId || r.state !== "rejected_at_review";
  });
  if (bad.length === 0) return undefined;
  return fail(
    "conflict",
    "not_replaceable",
    `only your products rejected at review can be replaced; not: ${bad.join(", ")}`,
    { productIds: bad },
  );
}
