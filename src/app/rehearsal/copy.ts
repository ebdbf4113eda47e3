/**
 * What a rehearsal's fresh database needs from the source before any event is played back:
 * the facts (merchants, products, the snapshots registrations were judged on), the campaign's
 * registrations and its venue as review made it (products approved at review, at weight 1 and
 * listed: what enforcement did to them is what the rehearsal replays), its campaign versions,
 * and the console's users (so the same sign-ins work). Channel listings are not copied: their
 * `product.listed` events are in the log. Nothing enforcement decided is copied (weights,
 * delistings, exits, orders, decisions): the rehearsal decides it again under its own policy.
 */
import { bulkInsert } from "../../store/bulk-insert.js";
import { addListings } from "../../store/repos/listings.js";
import type { Db } from "../../store/types.js";

const PAGE = 2_000;

export interface Copied {
  merchants: number;
  products: number;
  registrations: number;
  listings: number;
  users: number;
}

/** Whether `db` holds nothing yet that a copy would collide with (no facts, no events). */
export async function isEmptyForRehearsal(db: Db): Promise<boolean> {
  const merchant = await db.selectFrom("merchants").select("id").limit(1).executeTakeFirst();
  const event = await db
    .withTables<{ ff_events: { event_id: string } }>()
    .selectFrom("ff_events")
    .select("event_id")
    .limit(1)
    .executeTakeFirst();
  return merchant === undefined && event === undefined;
}

export async function copyForRehearsal(
  source: Db,
  target: Db,
  campaignId: string,
): Promise<Copied> {
  const merchants = await copyTable(source, target, "merchants", "id");
  const products = await copyTable(source, target, "products", "id");
  await copyTable(source, target, "fact_snapshots", "hash");
  await copyTable(source, target, "campaign_versions", "hash", campaignId);
  const registrations = await copyTable(source, target, "registrations", "id", campaignId);
  const users = await copyTable(source, target, "users", "id");
  let listings = 0;
  for (let after = ""; ; ) {
    const rows = await source
      .selectFrom("listings")
      .select(["product_id", "merchant_id", "registration_id", "registered_at", "listed_at"])
      .where("campaign_id", "=", campaignId)
      .where("registration_id", "not like", "channel:%")
      .where("product_id", ">", after)
      .orderBy("product_id")
      .limit(PAGE)
      .execute();
    await addListings(
      target,
      rows.map((r) => ({
        campaignId,
        productId: r.product_id,
        merchantId: r.merchant_id,
        registrationId: r.registration_id,
        registeredAt: Number(r.registered_at),
        listedAt: Number(r.listed_at),
      })),
    );
    listings += rows.length;
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.product_id;
  }
  return { merchants, products, registrations, listings, users };
}

/** Every row (of one campaign, where the table has one), in pages by its key, as it is. */
async function copyTable(
  source: Db,
  target: Db,
  table: string,
  key: string,
  campaignId?: string,
): Promise<number> {
  // The tables differ in shape (users live outside the core schema type); rows go across
  // column for column, unchanged.
  // biome-ignore lint/suspicious/noExplicitAny: one generic copy over several tables
  const from = source as any;
  let copied = 0;
  for (let after = ""; ; ) {
    let q = from.selectFrom(table).selectAll().where(key, ">", after);
    if (campaignId !== undefined) q = q.where("campaign_id", "=", campaignId);
    const rows: Array<Record<string, unknown>> = await q.orderBy(key).limit(PAGE).execute();
    if (rows.length === 0) break;
    const columns = Object.keys(rows[0]!);
    await bulkInsert(
      target,
      // A version the target loaded from its own campaign files may be there already.
      { table: table as never, columns: columns as never, onConflict: "on conflict do nothing" },
      rows.map((r) => columns.map((c) => r[c])),
    );
    copied += rows.length;
    if (rows.length < PAGE) break;
    after = String(rows[rows.length - 1]![key]);
  }
  return copied;
}
