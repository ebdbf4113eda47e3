/** Campaign versions by content hash, and which version is current for each campaign id. */
import type { CampaignVersionsTable } from "../schema.js";
import type { Db } from "../types.js";

export interface CampaignVersionRow {
  campaignId: string;
  hash: string;
  source: string;
  sourceName: string;
  loadedAt: number;
  loadedBy: string;
}

/**
 * Stores the version (once per hash) and makes it current for its campaign id.
 * Answers whether the hash was new.
 */
export async function saveCampaignVersion(db: Db, v: CampaignVersionRow): Promise<boolean> {
  const inserted = await db
    .insertInto("campaign_versions")
    .values({
      hash: v.hash,
      campaign_id: v.campaignId,
      source: v.source,
      source_name: v.sourceName,
      loaded_at: v.loadedAt,
      loaded_by: v.loadedBy,
    })
    .onConflict((oc) => oc.column("hash").doNothing())
    .executeTakeFirst();
  await db
    .insertInto("campaigns")
    .values({ id: v.campaignId, current_hash: v.hash, updated_at: v.loadedAt })
    .onConflict((oc) =>
      oc.column("id").doUpdateSet({ current_hash: v.hash, updated_at: v.loadedAt }),
    )
    .execute();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function currentCampaignHash(db: Db, campaignId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("campaigns")
    .select("current_hash")
    .where("id", "=", campaignId)
    .executeTakeFirst();
  return row?.current_hash;
}

export async function campaignVersion(
  db: Db,
  hash: string,
): Promise<CampaignVersionRow | undefined> {
  const row = await db
    .selectFrom("campaign_versions")
    .selectAll()
    .where("hash", "=", hash)
    .executeTakeFirst();
  return row && toVersion(row);
}

export async function listCampaigns(db: Db): Promise<Array<{ id: string; currentHash: string }>> {
  const rows = await db.selectFrom("campaigns").selectAll().orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, currentHash: r.current_hash }));
}

export async function listCampaignVersions(
  db: Db,
  campaignId: string,
): Promise<Array<Omit<CampaignVersionRow, "source">>> {
  const rows = await db
    .selectFrom("campaign_versions")
    .select(["hash", "campaign_id", "source_name", "loaded_at", "loaded_by"])
    .where("campaign_id", "=", campaignId)
    .orderBy("loaded_at", "desc")
    .orderBy("hash")
    .execute();
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    hash: r.hash,
    sourceName: r.source_name,
    loadedAt: r.loaded_at,
    loadedBy: r.loaded_by,
  }));
}

function toVersion(row: CampaignVersionsTable): CampaignVersionRow {
  return {
    campaignId: row.campaign_id,
    hash: row.hash,
    source: row.source,
    sourceName: row.source_name,
    loadedAt: row.loaded_at,
    loadedBy: row.loaded_by,
  };
}
