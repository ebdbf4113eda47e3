/**
 * The engine's listings and merchants (`ff_listings`, `ff_merchants`): few, small and rarely
 * written, so stored whole as JSON beside the columns queried (a merchant's `next_key`: a final
 * exit not yet settled). Read back through a check of every field (`record-check.ts`).
 */
import type { ListingRecord, MerchantRecord } from "../../../domain/fulfilment/index.js";
import { insertRaw, rawSqlite, statement } from "../../raw-sqlite.js";
import type { Db } from "../../types.js";
import { type DueTarget, idList } from "./orders.js";
import { listingRecord, merchantRecord } from "./record-check.js";
import { inSlices, insertRows, upsert } from "./rows.js";
import { ff } from "./tables.js";

export async function loadListings(
  db: Db,
  campaignId: string,
  ids: readonly string[],
): Promise<ListingRecord[]> {
  const rows = await loadRecords(db, "ff_listings", "product_id", campaignId, ids);
  return rows.map(([id, json]) =>
    listingRecord({ table: "ff_listings", column: "record", key: `${campaignId}/${id}` }, json),
  );
}

export async function loadMerchants(
  db: Db,
  campaignId: string,
  ids: readonly string[],
): Promise<MerchantRecord[]> {
  const rows = await loadRecords(db, "ff_merchants", "merchant_id", campaignId, ids);
  return rows.map(([id, json]) =>
    merchantRecord({ table: "ff_merchants", column: "record", key: `${campaignId}/${id}` }, json),
  );
}

async function loadRecords(
  db: Db,
  table: "ff_listings" | "ff_merchants",
  key: "product_id" | "merchant_id",
  campaignId: string,
  ids: readonly string[],
): Promise<Array<[id: string, record: string]>> {
  if (ids.length === 0) return [];
  const raw = rawSqlite(db);
  if (raw) {
    const text = `select t.${key}, t.record from json_each(?) as j cross join ${table} as t
      where t.campaign_id = ? and t.${key} = j.value`;
    return statement(raw, text).raw().all(idList(ids), campaignId) as Array<[string, string]>;
  }
  const rows = await inSlices(ids, (slice) =>
    db
      .withTables<{
        t: { campaign_id: string; record: string; product_id: string; merchant_id: string };
      }>()
      .selectFrom(`${table} as t` as "t")
      .select((eb) => [eb.ref(`t.${key}`).as("id"), "t.record"])
      .where("t.campaign_id", "=", campaignId)
      .where(`t.${key}`, "in", slice)
      .execute(),
  );
  return rows.map((r) => [r.id, r.record]);
}

/** Merchants whose final exit is due before `bound`, least key first. */
export async function dueMerchants(
  db: Db,
  campaignId: string,
  bound: number,
  limit: number,
): Promise<DueTarget[]> {
  let q = ff(db)
    .selectFrom("ff_merchants")
    .select(["merchant_id", "next_key"])
    .where("campaign_id", "=", campaignId)
    .where("next_key", "<", bound)
    .orderBy("next_key");
  if (Number.isSafeInteger(limit)) q = q.limit(limit);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.merchant_id, key: Number(r.next_key) }));
}

const LISTING_COLUMNS = [
  "campaign_id",
  "product_id",
  "merchant_id",
  "record",
  "updated_at",
] as const;
const LISTING_UPSERT = upsert(["campaign_id", "product_id"], ["record", "updated_at"]);

export async function saveListings(
  db: Db,
  campaignId: string,
  listings: readonly ListingRecord[],
  at: number,
): Promise<void> {
  const rows = listings.map((l) => [campaignId, l.productId, l.merchantId, JSON.stringify(l), at]);
  const raw = rawSqlite(db);
  if (raw) return insertRaw(raw, "ff_listings", LISTING_COLUMNS, rows, LISTING_UPSERT);
  await insertRows(
    db,
    { table: "ff_listings", columns: LISTING_COLUMNS, tail: LISTING_UPSERT },
    rows,
  );
}

const MERCHANT_COLUMNS = [
  "campaign_id",
  "merchant_id",
  "record",
  "next_key",
  "updated_at",
] as const;
const MERCHANT_UPSERT = upsert(
  ["campaign_id", "merchant_id"],
  ["record", "next_key", "updated_at"],
);

export async function saveMerchants(
  db: Db,
  campaignId: string,
  merchants: readonly MerchantRecord[],
  at: number,
): Promise<void> {
  const rows = merchants.map((m) => [campaignId, m.merchantId, JSON.stringify(m), m.nextKey, at]);
  const raw = rawSqlite(db);
  if (raw) return insertRaw(raw, "ff_merchants", MERCHANT_COLUMNS, rows, MERCHANT_UPSERT);
  await insertRows(
    db,
    { table: "ff_merchants", columns: MERCHANT_COLUMNS, tail: MERCHANT_UPSERT },
    rows,
  );
}
