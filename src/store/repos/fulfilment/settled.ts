/**
 * The campaign's row in `ff_clock`: its lock, and how far its time is settled (a settle key:
 * every decision before it has been taken). Batches of events and sweeps take the lock for their
 * transaction (`for update` on PostgreSQL; SQLite has one writer at a time anyway).
 */
import { sql } from "kysely";
import { rawSqlite, statement } from "../../raw-sqlite.js";
import type { Db } from "../../types.js";
import { isPostgres } from "./rows.js";
import { ff } from "./tables.js";

/**
 * Takes the campaign's lock for the rest of the transaction and reads how far it is settled
 * (`-Infinity` before anything). With `skip`, a row another process holds is skipped and
 * `undefined` comes back: a sweeper then leaves the tick to that process.
 */
export async function lockCampaign(
  db: Db,
  campaignId: string,
  at: number,
  mode: "wait" | "skip",
): Promise<{ settled: number } | undefined> {
  const settled = (clock: number | null | undefined) =>
    clock === null || clock === undefined ? Number.NEGATIVE_INFINITY : Number(clock);
  const raw = rawSqlite(db);
  if (raw) {
    const text = "select clock from ff_clock where campaign_id = ?";
    const row = statement(raw, text).get(campaignId) as { clock: number | null } | undefined;
    if (row !== undefined) return { settled: settled(row.clock) };
    statement(raw, "insert into ff_clock (campaign_id, clock, updated_at) values (?, null, ?)").run(
      campaignId,
      at,
    );
    return { settled: Number.NEGATIVE_INFINITY };
  }
  const read = async () => {
    if (!isPostgres(db)) {
      return ff(db)
        .selectFrom("ff_clock")
        .select("clock")
        .where("campaign_id", "=", campaignId)
        .executeTakeFirst();
    }
    const lock = mode === "skip" ? sql`for update skip locked` : sql`for update`;
    const { rows } = await sql<{
      clock: number | null;
    }>`select clock from ff_clock where campaign_id = ${campaignId} ${lock}`.execute(db);
    return rows[0];
  };
  const row = await read();
  if (row !== undefined) return { settled: settled(row.clock) };
  const inserted = await ff(db)
    .insertInto("ff_clock")
    .values({ campaign_id: campaignId, clock: null, updated_at: at })
    .onConflict((oc) => oc.column("campaign_id").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0 && mode === "skip") return undefined;
  const again = await read();
  return again === undefined ? undefined : { settled: settled(again.clock) };
}

/** How far the campaign's time is settled, without locking (`-Infinity` before anything). */
export async function readSettled(db: Db, campaignId: string): Promise<number> {
  const row = await ff(db)
    .selectFrom("ff_clock")
    .select("clock")
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
  return row?.clock == null ? Number.NEGATIVE_INFINITY : Number(row.clock);
}

export async function saveSettled(db: Db, campaignId: string, settled: number, at: number) {
  const value = Number.isFinite(settled) ? settled : null;
  const raw = rawSqlite(db);
  if (raw) {
    const text = "update ff_clock set clock = ?, updated_at = ? where campaign_id = ?";
    statement(raw, text).run(value, at, campaignId);
    return;
  }
  await ff(db)
    .updateTable("ff_clock")
    .set({ clock: value, updated_at: at })
    .where("campaign_id", "=", campaignId)
    .execute();
}
