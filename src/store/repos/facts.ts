/**
 * Current merchant and product facts, plus every snapshot ever stored (by content hash) so a
 * registration can always show the facts it was judged on.
 */
import { chunk, rowsPerInsert } from "../chunk.js";
import { executeWithIdList, idList } from "../id-list.js";
import type { Db } from "../types.js";
import { inTransaction, markVenueChanged } from "./venue-version.js";

export interface SnapshotRow {
  /** sha-256 of the canonical JSON body. */
  hash: string;
  /** The facts as canonical JSON. */
  body: string;
}

export interface MerchantFactsRow extends SnapshotRow {
  id: string;
  mainCategory: string | null;
}

export interface ProductFactsRow extends SnapshotRow {
  id: string;
  merchantId: string;
  category: string | null;
}

export async function upsertMerchantFacts(
  db: Db,
  rows: readonly MerchantFactsRow[],
  at: number,
): Promise<void> {
  await insertSnapshots(
    db,
    rows.map((r) => ({ kind: "merchant" as const, subjectId: r.id, hash: r.hash, body: r.body })),
    at,
  );
  for (const slice of chunk(rows, rowsPerInsert(5))) {
    await db
      .insertInto("merchants")
      .values(
        slice.map((r) => ({
          id: r.id,
          main_category: r.mainCategory,
          snapshot_hash: r.hash,
          facts: r.body,
          updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          main_category: eb.ref("excluded.main_category"),
          snapshot_hash: eb.ref("excluded.snapshot_hash"),
          facts: eb.ref("excluded.facts"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}

/**
 * Stores products' current facts. A listed product whose facts change shows differently in its
 * campaigns' venues (title, price, guarantee; a channel listing without facts appears): those
 * listings are stamped with their venue's new version, in the same transaction.
 */
export async function upsertProductFacts(
  db: Db,
  rows: readonly ProductFactsRow[],
  at: number,
): Promise<void> {
  if (rows.length === 0) return;
  await inTransaction(db, async (trx) => {
    await markListedFactsChanged(trx, rows);
    await writeProductFacts(trx, rows, at);
  });
}

/** Read before the write: which listings show a product whose snapshot is about to change. */
async function markListedFactsChanged(db: Db, rows: readonly ProductFactsRow[]): Promise<void> {
  // Campaigns with listings all have a venue counter (0006): a short list, so the listings are
  // found by their key (campaign, product) instead of a scan.
  const campaigns = (await db.selectFrom("venue_versions").select("campaign_id").execute()).map(
    (r) => r.campaign_id,
  );
  if (campaigns.length === 0) return;
  const newHash = new Map(rows.map((r) => [r.id, r.hash]));
  const changed = new Map<string, string[]>();
  for (const slice of chunk([...newHash.keys()], 5_000)) {
    const listed = await db
      .selectFrom("listings as l")
      .leftJoin("products as p", "p.id", "l.product_id")
      .select(["l.campaign_id", "l.product_id", "p.snapshot_hash"])
      .where("l.campaign_id", "in", campaigns)
      .where("l.product_id", "in", slice)
      .execute();
    for (const l of listed) {
      if (l.snapshot_hash === newHash.get(l.product_id)) continue;
      const ids = changed.get(l.campaign_id) ?? [];
      ids.push(l.product_id);
      changed.set(l.campaign_id, ids);
    }
  }
  // In campaign id order, as every transaction bumping several counters takes them.
  for (const campaignId of [...changed.keys()].sort()) {
    await markVenueChanged(db, campaignId, { productIds: changed.get(campaignId)! });
  }
}

async function writeProductFacts(
  db: Db,
  rows: readonly ProductFactsRow[],
  at: number,
): Promise<void> {
  await insertSnapshots(
    db,
    rows.map((r) => ({ kind: "product" as const, subjectId: r.id, hash: r.hash, body: r.body })),
    at,
  );
  for (const slice of chunk(rows, rowsPerInsert(6))) {
    await db
      .insertInto("products")
      .values(
        slice.map((r) => ({
          id: r.id,
          merchant_id: r.merchantId,
          category: r.category,
          snapshot_hash: r.hash,
          facts: r.body,
          updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          merchant_id: eb.ref("excluded.merchant_id"),
          category: eb.ref("excluded.category"),
          snapshot_hash: eb.ref("excluded.snapshot_hash"),
          facts: eb.ref("excluded.facts"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}

async function insertSnapshots(
  db: Db,
  rows: ReadonlyArray<{
    kind: "merchant" | "product";
    subjectId: string;
    hash: string;
    body: string;
  }>,
  at: number,
): Promise<void> {
  // Two identical facts in one batch share a hash; the statement must not see it twice.
  const unique = [...new Map(rows.map((r) => [r.hash, r])).values()];
  for (const slice of chunk(unique, rowsPerInsert(5))) {
    await db
      .insertInto("fact_snapshots")
      .values(
        slice.map((r) => ({
          hash: r.hash,
          kind: r.kind,
          subject_id: r.subjectId,
          body: r.body,
          created_at: at,
        })),
      )
      .onConflict((oc) => oc.column("hash").doNothing())
      .execute();
  }
}

export async function getMerchantFacts(db: Db, id: string): Promise<MerchantFactsRow | undefined> {
  const row = await db
    .selectFrom("merchants")
    .select(["id", "main_category", "snapshot_hash", "facts"])
    .where("id", "=", id)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      mainCategory: row.main_category,
      hash: row.snapshot_hash,
      body: row.facts,
    }
  );
}

export async function getProductFacts(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, ProductFactsRow>> {
  const found = new Map<string, ProductFactsRow>();
  for (const slice of chunk(ids, 20_000)) {
    if (slice.length === 0) continue;
    const query = db
      .selectFrom("products")
      .select(["id", "merchant_id", "category", "snapshot_hash", "facts"])
      .where("id", "in", idList());
    for (const r of await executeWithIdList(db, query, slice)) found.set(r.id, toProduct(r));
  }
  return found;
}

export async function listMerchantProducts(
  db: Db,
  merchantId: string,
  after: string | undefined,
  limit: number,
): Promise<ProductFactsRow[]> {
  let q = db
    .selectFrom("products")
    .select(["id", "merchant_id", "category", "snapshot_hash", "facts"])
    .where("merchant_id", "=", merchantId);
  if (after !== undefined) q = q.where("id", ">", after);
  const rows = await q.orderBy("id").limit(limit).execute();
  return rows.map(toProduct);
}

export interface StoredSnapshot {
  kind: "merchant" | "product";
  subjectId: string;
  body: string;
  createdAt: number;
}

export async function getSnapshot(db: Db, hash: string): Promise<StoredSnapshot | undefined> {
  const row = await db
    .selectFrom("fact_snapshots")
    .select(["kind", "subject_id", "body", "created_at"])
    .where("hash", "=", hash)
    .executeTakeFirst();
  return (
    row && { kind: row.kind, subjectId: row.subject_id, body: row.body, createdAt: row.created_at }
  );
}

function toProduct(r: {
  id: string;
  merchant_id: string;
  category: string | null;
  snapshot_hash: string;
  facts: string;
}): ProductFactsRow {
  return {
    id: r.id,
    merchantId: r.merchant_id,
    category: r.category,
    hash: r.snapshot_hash,
    body: r.facts,
  };
}

/** The stored products among `rows` whose merchant differs from the one sent: each with both. */
export async function productsChangingMerchant(
  db: Db,
  rows: readonly Pick<ProductFactsRow, "id" | "merchantId">[],
): Promise<Array<{ id: string; stored: string; sent: string }>> {
  const sent = new Map(rows.map((r) => [r.id, r.merchantId]));
  const changing: Array<{ id: string; stored: string; sent: string }> = [];
  for (const slice of chunk([...sent.keys()], 20_000)) {
    if (slice.length === 0) continue;
    const query = db
      .selectFrom("products")
      .select(["id", "merchant_id"])
      .where("id", "in", idList());
    for (const r of await executeWithIdList(db, query, slice)) {
      const merchant = sent.get(r.id)!;
      if (r.merchant_id !== merchant)
        changing.push({ id: r.id, stored: r.merchant_id, sent: merchant });
    }
  }
  return changing;
}
