/**
 * The venue: listings of approved products with their traffic weight, and each merchant's
 * standing in a campaign. The fulfilment engine changes `weight`, sets `delisted_at`, or marks a
 * merchant exited; the venue query already honours all three.
 *
 * Every function here that changes what the venue shows stamps the campaign's venue version in
 * the same transaction (`venue-version.ts`), so readers holding the ranking in memory (in this
 * process or another) see the change on their next read. A new kind of venue change goes here
 * too and does the same (`markVenueChanged`, or `venueVersionFor` and the listing's
 * `venue_version` column in its own statement).
 */
import { expressionBuilder, sql } from "kysely";
import { chunk, rowsPerInsert } from "../chunk.js";
import { executeWithIdList, idList } from "../id-list.js";
import type { DialectName } from "../migrations/context.js";
import { rawSqlite, statement } from "../raw-sqlite.js";
import type { CampaignMerchantsTable, Database, ListingsTable, ProductsTable } from "../schema.js";
import type { Db } from "../types.js";
import { inTransaction, markVenueChanged, venueVersionFor } from "./venue-version.js";

export interface NewListing {
  campaignId: string;
  productId: string;
  merchantId: string;
  registrationId: string;
  registeredAt: number;
  listedAt: number;
}

/**
 * Lists approved products at weight 1; a product already listed keeps its row as it is. The
 * listings of one call all belong to one campaign or to a few: each campaign's version is
 * bumped once.
 */
export async function addListings(db: Db, listings: readonly NewListing[]): Promise<void> {
  if (listings.length === 0) return;
  await inTransaction(db, async (trx) => {
    const versions = new Map<string, number>();
    // In campaign id order: two transactions bumping the same counters take them in one order.
    for (const campaignId of [...new Set(listings.map((l) => l.campaignId))].sort()) {
      versions.set(campaignId, await venueVersionFor(trx, campaignId));
    }
    await insertListings(trx, listings, versions);
  });
}

async function insertListings(
  db: Db,
  listings: readonly NewListing[],
  versions: ReadonlyMap<string, number>,
): Promise<void> {
  // Sliced: a bulk review approves up to 20,000 products, past either database's parameter limit.
  for (const slice of chunk(listings, rowsPerInsert(11))) await insertSlice(db, slice, versions);
}

async function insertSlice(
  db: Db,
  listings: readonly NewListing[],
  versions: ReadonlyMap<string, number>,
): Promise<void> {
  await db
    .insertInto("listings")
    .values(
      listings.map((l) => ({
        campaign_id: l.campaignId,
        product_id: l.productId,
        merchant_id: l.merchantId,
        registration_id: l.registrationId,
        weight: 1,
        registered_at: l.registeredAt,
        listed_at: l.listedAt,
        delisted_at: null,
        delist_reason: null,
        updated_at: l.listedAt,
        venue_version: versions.get(l.campaignId)!,
      })),
    )
    .onConflict((oc) => oc.columns(["campaign_id", "product_id"]).doNothing())
    .execute();
}

export async function setListingWeight(
  db: Db,
  campaignId: string,
  productId: string,
  weight: number,
  at: number,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const version = await venueVersionFor(trx, campaignId);
    const raw = rawSqlite(trx);
    if (raw) {
      // The fulfilment hot path (a weight change per violation): a cached statement.
      const text =
        "update listings set weight = ?, updated_at = ?, venue_version = ? where campaign_id = ? and product_id = ?";
      return statement(raw, text).run(weight, at, version, campaignId, productId).changes === 1;
    }
    const r = await trx
      .updateTable("listings")
      .set({ weight, updated_at: at, venue_version: version })
      .where("campaign_id", "=", campaignId)
      .where("product_id", "=", productId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  });
}

export async function delistProduct(
  db: Db,
  campaignId: string,
  productId: string,
  reason: string,
  at: number,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const version = await venueVersionFor(trx, campaignId);
    const r = await trx
      .updateTable("listings")
      .set({ delisted_at: at, delist_reason: reason, updated_at: at, venue_version: version })
      .where("campaign_id", "=", campaignId)
      .where("product_id", "=", productId)
      .where("delisted_at", "is", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  });
}

export async function exitMerchant(
  db: Db,
  campaignId: string,
  merchantId: string,
  reason: string,
  at: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const r = await trx
      .insertInto("campaign_merchants")
      .values({
        campaign_id: campaignId,
        merchant_id: merchantId,
        exited_at: at,
        exit_reason: reason,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(["campaign_id", "merchant_id"])
          .doUpdateSet({ exited_at: at, exit_reason: reason, updated_at: at })
          // Not out yet, or out by its violation count and now for good (it withdrew).
          .where((eb) =>
            eb.or([
              eb("campaign_merchants.exited_at", "is", null),
              eb("campaign_merchants.exit_reason", "!=", reason),
            ]),
          ),
      )
      .executeTakeFirst();
    // Its listings leave the venue through the standing row: stamp them for the readers.
    if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0) {
      await markVenueChanged(trx, campaignId, { merchantIds: [merchantId] });
    }
  });
}

export async function merchantExit(
  db: Db,
  campaignId: string,
  merchantId: string,
): Promise<{ exitedAt: number; reason: string | null } | undefined> {
  const row = await db
    .selectFrom("campaign_merchants")
    .select(["exited_at", "exit_reason"])
    .where("campaign_id", "=", campaignId)
    .where("merchant_id", "=", merchantId)
    .where("exited_at", "is not", null)
    .executeTakeFirst();
  return row?.exited_at != null ? { exitedAt: row.exited_at, reason: row.exit_reason } : undefined;
}

/**
 * Which of these (campaign, merchant) pairs have left their campaign: a query per campaign and
 * slice of merchants (a bulk review can name 20,000 merchants; one OR per pair would pass
 * SQLite's bind-parameter and expression-depth limits).
 */
export async function exitedPairs(
  db: Db,
  pairs: ReadonlyArray<{ campaignId: string; merchantId: string }>,
): Promise<Array<{ campaignId: string; merchantId: string }>> {
  const byCampaign = new Map<string, Set<string>>();
  for (const p of pairs) {
    const merchants = byCampaign.get(p.campaignId) ?? new Set<string>();
    merchants.add(p.merchantId);
    byCampaign.set(p.campaignId, merchants);
  }
  const exited: Array<{ campaignId: string; merchantId: string }> = [];
  for (const [campaignId, merchants] of byCampaign) {
    for (const slice of chunk([...merchants], 5_000)) {
      const query = db
        .selectFrom("campaign_merchants")
        .select("merchant_id")
        .where("campaign_id", "=", campaignId)
        .where("exited_at", "is not", null)
        .where("merchant_id", "in", idList());
      for (const r of await executeWithIdList(db, query, slice)) {
        exited.push({ campaignId, merchantId: r.merchant_id });
      }
    }
  }
  return exited;
}

export interface VenueRow {
  productId: string;
  merchantId: string;
  registrationId: string;
  weight: number;
  registeredAt: number;
  listedAt: number;
  category: string | null;
  facts: string;
}

export interface VenueCursor {
  weight: number;
  registeredAt: number;
  productId: string;
}

export type VenueFilter = {
  /** Only products of this category. */
  category?: string | undefined;
} & (
  | { search?: undefined }
  | {
      /** Only products whose title contains this text (trimmed; `%`, `_` and `\\` match themselves). */
      search: string | undefined;
      /** The store's dialect (`Store.dialect`): reading the title out of the facts JSON differs. */
      dialect: DialectName;
    }
);

/** The product's title, read out of its facts JSON (stored as text on both dialects). */
function productTitle(dialect: DialectName) {
  return dialect === "postgres"
    ? sql<string | null>`(${sql.ref("p.facts")}::json ->> 'title')`
    : sql<string | null>`json_extract(${sql.ref("p.facts")}, '$.title')`;
}

/** The tables the venue's rule reads, by the aliases its queries give them. */
type VenueTables = Database & {
  l: ListingsTable;
  p: ProductsTable;
  cm: CampaignMerchantsTable;
};

/**
 * The one place the venue's visibility rule lives: a delisted product, a suspended one (its facts
 * fail a `recheck: continuous` rule: `suspensions.ts`), a product at weight 0 or an exited
 * merchant's products never appear (nor a product without facts to show). Over `listings as l`
 * joined to `products as p`; a left join's missing product fails it too.
 */
function venueVisible() {
  const eb = expressionBuilder<VenueTables, "l" | "p">();
  return eb.and([
    eb("p.id", "is not", null),
    eb("l.delisted_at", "is", null),
    eb("l.suspended_at", "is", null),
    eb("l.weight", ">", 0),
    eb.not(
      eb.exists(
        eb
          .selectFrom("campaign_merchants as cm")
          .select("cm.merchant_id")
          .whereRef("cm.campaign_id", "=", "l.campaign_id")
          .whereRef("cm.merchant_id", "=", "l.merchant_id")
          .where("cm.exited_at", "is not", null),
      ),
    ),
  ]);
}

function liveListings(db: Db, campaignId: string) {
  return db
    .selectFrom("listings as l")
    .innerJoin("products as p", "p.id", "l.product_id")
    .where("l.campaign_id", "=", campaignId)
    .where(venueVisible());
}

/** How many products approved at review are in the venue now (channel listings aside). */
export async function liveReviewedListingCount(db: Db, campaignId: string): Promise<number> {
  const row = await liveListings(db, campaignId)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("l.registration_id", "not like", "channel:%")
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Live listings: heavier first, then earlier registration, then product id for a total order. */
export async function venuePage(
  db: Db,
  campaignId: string,
  after: VenueCursor | undefined,
  limit: number,
  filter: VenueFilter = {},
): Promise<VenueRow[]> {
  let q = liveListings(db, campaignId).select([
    "l.product_id",
    "l.merchant_id",
    "l.registration_id",
    "l.weight",
    "l.registered_at",
    "l.listed_at",
    "p.category",
    "p.facts",
  ]);
  if (filter.category) q = q.where("p.category", "=", filter.category);
  const term = filter.search?.trim();
  if (term && "dialect" in filter) {
    // SQLite has no default LIKE escape character, PostgreSQL's is `\`: name it for both, so a
    // search for "50%" looks for a percent sign instead of matching everything after "50".
    const pattern = `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`${productTitle(filter.dialect)} like ${pattern} escape '\\'`);
  }
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("l.weight", "<", after.weight),
        eb.and([eb("l.weight", "=", after.weight), eb("l.registered_at", ">", after.registeredAt)]),
        eb.and([
          eb("l.weight", "=", after.weight),
          eb("l.registered_at", "=", after.registeredAt),
          eb("l.product_id", ">", after.productId),
        ]),
      ]),
    );
  }
  const rows = await q
    .orderBy("l.weight", "desc")
    .orderBy("l.registered_at")
    .orderBy("l.product_id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    productId: r.product_id,
    merchantId: r.merchant_id,
    registrationId: r.registration_id,
    weight: r.weight,
    registeredAt: r.registered_at,
    listedAt: r.listed_at,
    category: r.category,
    facts: r.facts,
  }));
}

/** A product delisted by violations comes back when they no longer stand (`listing.relisted`). */
export async function relistProduct(
  db: Db,
  campaignId: string,
  productId: string,
  at: number,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const version = await venueVersionFor(trx, campaignId);
    const r = await trx
      .updateTable("listings")
      .set({ delisted_at: null, delist_reason: null, updated_at: at, venue_version: version })
      .where("campaign_id", "=", campaignId)
      .where("product_id", "=", productId)
      .where("delisted_at", "is not", null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  });
}

/** A merchant out by its violation count is back when they no longer stand (`merchant.reinstated`). */
export async function reinstateMerchant(
  db: Db,
  campaignId: string,
  merchantId: string,
  at: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const r = await trx
      .updateTable("campaign_merchants")
      .set({ exited_at: null, exit_reason: null, updated_at: at })
      .where("campaign_id", "=", campaignId)
      .where("merchant_id", "=", merchantId)
      .where("exited_at", "is not", null)
      .executeTakeFirst();
    // Its listings come back through the standing row: stamp them for the readers.
    if (Number(r.numUpdatedRows) > 0) {
      await markVenueChanged(trx, campaignId, { merchantIds: [merchantId] });
    }
  });
}

/** A live listing as the venue's in-memory ranking keeps it (`src/app/venue/rankings.ts`). */
export interface VenueListing {
  productId: string;
  merchantId: string;
  registrationId: string;
  weight: number;
  registeredAt: number;
  listedAt: number;
  /** The product's current facts (JSON text). */
  facts: string;
}

/** Every live listing of the campaign, in no particular order (the reader sorts). */
export async function liveVenueListings(db: Db, campaignId: string): Promise<VenueListing[]> {
  const rows = await liveListings(db, campaignId)
    .select([
      "l.product_id",
      "l.merchant_id",
      "l.registration_id",
      "l.weight",
      "l.registered_at",
      "l.listed_at",
      "p.facts",
    ])
    .execute();
  return rows.map(toVenueListing);
}

export interface VenueChanges {
  /** Every product whose listing changed since the version asked for. */
  changed: string[];
  /** Those of them the venue shows now. */
  live: VenueListing[];
}

/**
 * The listings stamped with a venue version above `since`, each judged by the venue's rule now,
 * in one statement (one snapshot): what a reader holding version `since` patches.
 */
export async function venueChangesSince(
  db: Db,
  campaignId: string,
  since: number,
): Promise<VenueChanges> {
  const rows = await db
    .selectFrom("listings as l")
    .leftJoin("products as p", "p.id", "l.product_id")
    .select((eb) => [
      "l.product_id",
      "l.merchant_id",
      "l.registration_id",
      "l.weight",
      "l.registered_at",
      "l.listed_at",
      "p.facts",
      eb.case().when(venueVisible()).then(1).else(0).end().as("live"),
    ])
    .where("l.campaign_id", "=", campaignId)
    .where("l.venue_version", ">", since)
    .execute();
  const live: VenueListing[] = [];
  for (const r of rows) if (Number(r.live) === 1 && r.facts !== null) live.push(toVenueListing(r));
  return { changed: rows.map((r) => r.product_id), live };
}

function toVenueListing(r: {
  product_id: string;
  merchant_id: string;
  registration_id: string;
  weight: number;
  registered_at: number;
  listed_at: number;
  facts: string | null;
}): VenueListing {
  return {
    productId: r.product_id,
    merchantId: r.merchant_id,
    registrationId: r.registration_id,
    weight: Number(r.weight),
    registeredAt: Number(r.registered_at),
    listedAt: Number(r.listed_at),
    facts: r.facts ?? "{}",
  };
}
