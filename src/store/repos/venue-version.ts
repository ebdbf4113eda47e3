/**
 * The venue's version: one counter per campaign (`venue_versions`), bumped in the same
 * transaction as every change to what the campaign's venue shows, and the version stamped on
 * each listing that change touched (`listings.venue_version`). Readers keep the ranking in
 * memory and ask only "has the version moved?" (one key read) and "which listings changed since
 * version v?" (an index range): correct beside other `gala serve` processes on one database,
 * because the counter and the stamps commit together.
 *
 * Why one version per transaction is enough: bumping takes the counter row's write lock
 * (PostgreSQL: row lock; SQLite: the single writer) until commit, so versions are handed out in
 * commit order and a reader that sees version v also sees every change stamped v or lower.
 * Within one transaction every change to a campaign's venue shares the version of its first.
 * A transaction changing several campaigns' venues bumps their counters in campaign id order
 * (PostgreSQL: two such transactions cannot deadlock on them); event ingestion takes each
 * campaign's clock row before its counter, in the same order.
 *
 * The cost: on PostgreSQL, transactions changing one campaign's venue queue for its counter row
 * from their first venue change to their commit. Ingestion already runs one batch per campaign at
 * a time; should several processes ingest one campaign at once (per-merchant locks), this row is
 * where they would meet, and it could be split into a few rows per campaign (a reader then sums
 * them: still one indexed read).
 *
 * Any new decision that changes the venue (a suspension, a relisting, a merchant's
 * reinstatement, …) calls `markVenueChanged` (or stamps its rows with `venueVersionFor`) in its
 * own transaction; nothing else is needed for every reader to see it on its next read.
 */
import type { CompiledQuery } from "kysely";
import { chunk } from "../chunk.js";
import { rawSqlite, statement } from "../raw-sqlite.js";
import type { Db } from "../types.js";

/** Versions already taken, per open transaction and campaign. */
const taken = new WeakMap<Db, Map<string, number>>();

const BUMP_SQL =
  "insert into venue_versions (campaign_id, version) values (?, 1) " +
  "on conflict (campaign_id) do update set version = venue_versions.version + 1 returning version";

/**
 * The campaign's venue version this transaction's changes carry: bumped once, at the first
 * change, and reused after. Only inside a transaction: the bump and the stamps must commit
 * together, or a reader could see the new version before the rows it covers.
 */
export async function venueVersionFor(trx: Db, campaignId: string): Promise<number> {
  if (!trx.isTransaction) throw new Error("the venue version is bumped inside a transaction");
  let mine = taken.get(trx);
  const known = mine?.get(campaignId);
  if (known !== undefined) return known;
  let version: number;
  const raw = rawSqlite(trx);
  if (raw) {
    // The fulfilment hot path (a weight change per violation): a cached statement.
    const bump = statement(raw, BUMP_SQL);
    version = Number(bump.pluck().get(campaignId));
  } else {
    const row = await trx
      .insertInto("venue_versions")
      .values({ campaign_id: campaignId, version: 1 })
      .onConflict((oc) =>
        oc
          .column("campaign_id")
          .doUpdateSet((eb) => ({ version: eb("venue_versions.version", "+", 1) })),
      )
      .returning("version")
      .executeTakeFirstOrThrow();
    version = Number(row.version);
  }
  if (!mine) {
    mine = new Map();
    taken.set(trx, mine);
  }
  mine.set(campaignId, version);
  return version;
}

/** Runs `work` in `db`'s transaction, or in a new one when `db` is not one. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Records that what the venue shows of these listings may have changed: bumps the campaign's
 * version and stamps the named products' listings and every listing of the named merchants.
 * The generic door for decisions that change visibility without a column of `listings` (a
 * merchant's standing, a product's facts, a suspension kept elsewhere).
 */
export async function markVenueChanged(
  db: Db,
  campaignId: string,
  what: { productIds?: readonly string[]; merchantIds?: readonly string[] },
): Promise<void> {
  const productIds = [...new Set(what.productIds ?? [])];
  const merchantIds = [...new Set(what.merchantIds ?? [])];
  if (productIds.length === 0 && merchantIds.length === 0) return;
  await inTransaction(db, async (trx) => {
    const version = await venueVersionFor(trx, campaignId);
    for (const slice of chunk(productIds, 5_000)) {
      await trx
        .updateTable("listings")
        .set({ venue_version: version })
        .where("campaign_id", "=", campaignId)
        .where("product_id", "in", slice)
        .execute();
    }
    for (const slice of chunk(merchantIds, 5_000)) {
      await trx
        .updateTable("listings")
        .set({ venue_version: version })
        .where("campaign_id", "=", campaignId)
        .where("merchant_id", "in", slice)
        .execute();
    }
  });
}

export interface VenueState {
  /** The campaign's current version (content hash). */
  campaignHash: string;
  /** 0 until the first change to its venue. */
  venueVersion: number;
}

function venueStateQuery(db: Db, campaignId: string) {
  return db
    .selectFrom("campaigns as c")
    .leftJoin("venue_versions as v", "v.campaign_id", "c.id")
    .select(["c.current_hash", "v.version"])
    .where("c.id", "=", campaignId);
}

type VenueStateRow = Awaited<ReturnType<ReturnType<typeof venueStateQuery>["executeTakeFirst"]>>;

/**
 * The query compiled once per database, its one parameter the campaign id: the venue asks it
 * on every turn that brought a reader, and building and compiling it each time cost more than
 * SQLite spends answering it.
 */
const compiledStateQueries = new WeakMap<Db, CompiledQuery<NonNullable<VenueStateRow>>>();

/** Both things a venue reader checks per read, in one key read; undefined for no campaign. */
export async function venueState(db: Db, campaignId: string): Promise<VenueState | undefined> {
  let compiled = compiledStateQueries.get(db);
  if (!compiled) {
    compiled = venueStateQuery(db, "").compile();
    if (compiled.parameters.length !== 1) throw new Error("venue state query: one parameter");
    compiledStateQueries.set(db, compiled);
  }
  const query: CompiledQuery<NonNullable<VenueStateRow>> = {
    ...compiled,
    parameters: [campaignId],
  };
  const { rows } = await db.executeQuery(query);
  const row = rows[0];
  return row && { campaignHash: row.current_hash, venueVersion: Number(row.version ?? 0) };
}
