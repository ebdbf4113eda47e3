/**
 * The fulfilment side of the venue: products approved at review (a `listings` row) that the engine
 * has not seen yet, so an order on them finds its listing and guarantee; and channel listings.
 */

import { storedObject } from "../../corrupt.js";
import type { Db } from "../../types.js";
import { addListings } from "../listings.js";
import { inSlices } from "./rows.js";

export interface ApprovedListing {
  productId: string;
  merchantId: string;
  weight: number;
  listedAt: number;
  delistedAt: number | null;
  /** From the product's current facts; `null` when absent (the policy default applies). */
  shippingGuaranteeHours: number | null;
}

export async function approvedListings(
  db: Db,
  campaignId: string,
  productIds: readonly string[],
): Promise<ApprovedListing[]> {
  const rows = await inSlices(productIds, (slice) =>
    db
      .selectFrom("listings as l")
      .leftJoin("products as p", "p.id", "l.product_id")
      .select([
        "l.product_id",
        "l.merchant_id",
        "l.weight",
        "l.listed_at",
        "l.delisted_at",
        "p.facts",
      ])
      .where("l.campaign_id", "=", campaignId)
      .where("l.product_id", "in", slice)
      .execute(),
  );
  return rows.map((r) => {
    const at = { table: "products", column: "facts", key: r.product_id };
    const facts = r.facts ? storedObject(at, r.facts) : {};
    const hours = facts.shippingGuaranteeHours;
    return {
      productId: r.product_id,
      merchantId: r.merchant_id,
      weight: r.weight,
      listedAt: Number(r.listed_at),
      delistedAt: r.delisted_at === null ? null : Number(r.delisted_at),
      shippingGuaranteeHours: typeof hours === "number" ? hours : null,
    };
  });
}

/** A `product.listed` event puts the product in the venue too (kept as is if already there). */
export async function listFromChannel(
  db: Db,
  campaignId: string,
  listed: ReadonlyArray<{ productId: string; merchantId: string; at: number; eventId: string }>,
): Promise<void> {
  await addListings(
    db,
    listed.map((l) => ({
      campaignId,
      productId: l.productId,
      merchantId: l.merchantId,
      registrationId: `channel:${l.eventId}`,
      registeredAt: l.at,
      listedAt: l.at,
    })),
  );
}

/** Which of `campaignIds` list each of `productIds` in their venue (delisted or not). */
export async function campaignsListingProducts(
  db: Db,
  campaignIds: readonly string[],
  productIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const rows = await inSlices(productIds, (slice) =>
    db
      .selectFrom("listings")
      .select(["campaign_id", "product_id"])
      .where("campaign_id", "in", [...campaignIds])
      .where("product_id", "in", slice)
      .execute(),
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.product_id) ?? new Set<string>();
    out.set(r.product_id, set);
    set.add(r.campaign_id);
  }
  return out;
}
