/**
 * Every product a campaign's venue lists because it was approved at review (not by a channel
 * `product.listed`, which is in the event log), with the guarantee from its facts: the engine's
 * listings a replay of the log needs, which the server makes when an order is first paid on
 * one (working-set.ts). Read in pages by product id, each one short read.
 */

import { storedObject } from "../../corrupt.js";
import type { Db } from "../../types.js";

export interface ReviewListing {
  productId: string;
  merchantId: string;
  listedAt: number;
  /** From the product's current facts; `null`: absent, the policy's default applies. */
  shippingGuaranteeHours: number | null;
}

export async function reviewListingsPage(
  db: Db,
  campaignId: string,
  after: string | undefined,
  limit: number,
): Promise<ReviewListing[]> {
  let q = db
    .selectFrom("listings as l")
    .leftJoin("products as p", "p.id", "l.product_id")
    .select(["l.product_id", "l.merchant_id", "l.listed_at", "p.facts"])
    .where("l.campaign_id", "=", campaignId)
    .where("l.registration_id", "not like", "channel:%")
    .orderBy("l.product_id")
    .limit(limit);
  if (after !== undefined) q = q.where("l.product_id", ">", after);
  const rows = await q.execute();
  return rows.map((r) => {
    const at = { table: "products", column: "facts", key: r.product_id };
    const facts = r.facts ? storedObject(at, r.facts) : {};
    const hours = facts.shippingGuaranteeHours;
    return {
      productId: r.product_id,
      merchantId: r.merchant_id,
      listedAt: Number(r.listed_at),
      shippingGuaranteeHours: typeof hours === "number" ? hours : null,
    };
  });
}
