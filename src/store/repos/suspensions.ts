/**
 * Suspensions (rule `enforce.continuous`): a listing of an approved registration whose facts
 * stopped meeting a `recheck: continuous` rule is out of the venue (`listings.suspended_at`, which
 * the venue's rule in `listings.ts` honours) until they meet it again. Each change stamps the
 * campaign's venue version in the same transaction, so every reader's ranking sees it on its next
 * read. A change is made only from the state it was judged against (compare and set): two
 * transactions judging the same listing at once change it, and announce it, once.
 */
import { sql } from "kysely";
import { chunk } from "../chunk.js";
import { storedList, storedStrings } from "../corrupt.js";
import type { Db } from "../types.js";
import { inTransaction, venueVersionFor } from "./venue-version.js";

export interface RecheckTarget {
  campaignId: string;
  productId: string;
  merchantId: string;
  /** The rule codes it is suspended for (in campaign order); `null`: not suspended. */
  suspendedRules: string[] | null;
}

/**
 * The listings of approved registrations these merchants or products have, in every campaign,
 * in (campaign, product) order. Channel listings have no registration and are not rechecked.
 */
export async function listingsToRecheck(
  db: Db,
  what: { merchantIds: readonly string[]; productIds: readonly string[] },
): Promise<RecheckTarget[]> {
  const found = new Map<string, RecheckTarget>();
  const select = () =>
    db
      .selectFrom("listings as l")
      .innerJoin("registrations as r", "r.id", "l.registration_id")
      .select(["l.campaign_id", "l.product_id", "l.merchant_id", "l.suspended_rules"])
      .where("r.state", "=", "approved");
  const add = (
    rows: Array<{
      campaign_id: string;
      product_id: string;
      merchant_id: string;
      suspended_rules: string | null;
    }>,
  ) => {
    for (const r of rows) {
      found.set(`${r.campaign_id}\u0000${r.product_id}`, {
        campaignId: r.campaign_id,
        productId: r.product_id,
        merchantId: r.merchant_id,
        suspendedRules:
          r.suspended_rules === null
            ? null
            : storedStrings(
                {
                  table: "listings",
                  column: "suspended_rules",
                  key: `${r.campaign_id}/${r.product_id}`,
                },
                r.suspended_rules,
              ),
      });
    }
  };
  for (const slice of chunk([...new Set(what.merchantIds)], 5_000)) {
    add(await select().where("l.merchant_id", "in", slice).execute());
  }
  for (const slice of chunk([...new Set(what.productIds)], 5_000)) {
    add(await select().where("l.product_id", "in", slice).execute());
  }
  return [...found.values()].sort((a, b) =>
    a.campaignId < b.campaignId
      ? -1
      : a.campaignId > b.campaignId
        ? 1
        : a.productId < b.productId
          ? -1
          : a.productId > b.productId
            ? 1
            : 0,
  );
}

/**
 * Suspends the listing for these rules (or records that the failing rules changed), if it is
 * still as judged: not suspended (`expected` null) or suspended for `expected`. `false`: it moved.
 */
export async function suspendListing(
  db: Db,
  t: { campaignId: string; productId: string },
  rules: readonly string[],
  failures: unknown,
  expected: readonly string[] | null,
  at: number,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const version = await venueVersionFor(trx, t.campaignId);
    let q = trx
      .updateTable("listings")
      .set({
        // A listing suspended already keeps the instant it left the venue.
        suspended_at: expected === null ? at : sql<number>`suspended_at`,
        suspended_rules: JSON.stringify(rules),
        suspended_failures: JSON.stringify(failures),
        updated_at: at,
        venue_version: version,
      })
      .where("campaign_id", "=", t.campaignId)
      .where("product_id", "=", t.productId);
    q =
      expected === null
        ? q.where("suspended_at", "is", null)
        : q.where("suspended_rules", "=", JSON.stringify(expected));
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  });
}

/** Brings a suspended listing back, if it is still suspended for `expected`. */
export async function restoreListing(
  db: Db,
  t: { campaignId: string; productId: string },
  expected: readonly string[],
  at: number,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const version = await venueVersionFor(trx, t.campaignId);
    const r = await trx
      .updateTable("listings")
      .set({
        suspended_at: null,
        suspended_rules: null,
        suspended_failures: null,
        updated_at: at,
        venue_version: version,
      })
      .where("campaign_id", "=", t.campaignId)
      .where("product_id", "=", t.productId)
      .where("suspended_rules", "=", JSON.stringify(expected))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  });
}

export interface SuspendedListing {
  productId: string;
  suspendedAt: number;
  rules: string[];
  /** The failures as judged (rule, actual, required, message in zh and en). */
  failures: unknown[];
  /** The product's facts (JSON text), for its title. */
  facts: string | null;
}

/** A merchant's suspended listings in a campaign, longest suspended first. */
export async function suspendedListings(
  db: Db,
  campaignId: string,
  merchantId: string,
): Promise<SuspendedListing[]> {
  const rows = await db
    .selectFrom("listings as l")
    .leftJoin("products as p", "p.id", "l.product_id")
    .select([
      "l.product_id",
      "l.suspended_at",
      "l.suspended_rules",
      "l.suspended_failures",
      "p.facts",
    ])
    .where("l.campaign_id", "=", campaignId)
    .where("l.merchant_id", "=", merchantId)
    .where("l.suspended_at", "is not", null)
    .orderBy("l.suspended_at")
    .orderBy("l.product_id")
    .execute();
  const at = (column: string, productId: string) => ({
    table: "listings",
    column,
    key: `${campaignId}/${productId}`,
  });
  return rows.map((r) => ({
    productId: r.product_id,
    suspendedAt: Number(r.suspended_at),
    rules: storedStrings(at("suspended_rules", r.product_id), r.suspended_rules ?? "[]"),
    failures: storedList(at("suspended_failures", r.product_id), r.suspended_failures ?? "[]"),
    facts: r.facts,
  }));
}

/** How many suspensions and restorations of this product the campaign recorded: its next key. */
export async function complianceChanges(
  db: Db,
  campaignId: string,
  productId: string,
): Promise<number> {
  const row = await db
    .withTables<{
      ff_decisions: { campaign_id: string; product_id: string | null; type: string };
    }>()
    .selectFrom("ff_decisions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("campaign_id", "=", campaignId)
    .where("product_id", "=", productId)
    .where("type", "in", ["listing.suspended", "listing.restored"])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
