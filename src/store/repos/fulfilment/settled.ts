/**
 * Merchants as the unit of ingestion (issue 17): every decision depends on one merchant's orders,
 * listings and violations, so a batch or a sweep takes the rows in `ff_merchants` of the
 * merchants it touches as its locks (`for update`, in merchant id order, on PostgreSQL; SQLite
 * has one writer at a time anyway), and each row keeps how far that merchant's time is settled
 * (a settle key: every decision before it has been taken). Several processes on one database
 * then ingest one campaign at once, waiting only for the merchants they share.
 */
import { newMerchant } from "../../../domain/fulfilment/index.js";
import { rawSqlite, statement } from "../../raw-sqlite.js";
import type { Db } from "../../types.js";
import { idList } from "./orders.js";
import { inSlices, isPostgres } from "./rows.js";
import { ff } from "./tables.js";

const NONE = Number.NEGATIVE_INFINITY;
const settledOf = (v: unknown) => (v === null || v === undefined ? NONE : Number(v));

/**
 * Takes the merchants' locks for the rest of the transaction (their rows are made on first use)
 * and reads how far each is settled (`-Infinity` before anything). With `skip`, a merchant
 * another process holds is left out of the answer: that process settles it this time.
 */
export async function lockMerchants(
  db: Db,
  campaignId: string,
  merchantIds: Iterable<string>,
  at: number,
  mode: "wait" | "skip" = "wait",
): Promise<Map<string, number>> {
  const ids = [...new Set(merchantIds)].sort();
  const out = new Map<string, number>();
  if (ids.length === 0) return out;
  const raw = rawSqlite(db);
  if (raw) {
    const make = statement(
      raw,
      `insert into ff_merchants (campaign_id, merchant_id, record, next_key, updated_at, settled)
       values (?, ?, ?, null, ?, null) on conflict (campaign_id, merchant_id) do nothing`,
    );
    for (const id of ids) make.run(campaignId, id, JSON.stringify(newMerchant(id)), at);
    const read = statement(
      raw,
      `select m.merchant_id, m.settled from json_each(?) as j cross join ff_merchants as m
       where m.campaign_id = ? and m.merchant_id = j.value`,
    );
    for (const [id, settled] of read.raw(true).all(idList(ids), campaignId) as [
      string,
      unknown,
    ][]) {
      out.set(id, settledOf(settled));
    }
    return out;
  }
  await inSlices(ids, async (slice) => {
    await ff(db)
      .insertInto("ff_merchants")
      .values(
        slice.map((id) => ({
          campaign_id: campaignId,
          merchant_id: id,
          record: JSON.stringify(newMerchant(id)),
          next_key: null,
          updated_at: at,
          settled: null,
        })),
      )
      .onConflict((oc) => oc.columns(["campaign_id", "merchant_id"]).doNothing())
      .execute();
    return [];
  });
  const pg = isPostgres(db);
  const rows = await inSlices(ids, (slice) => {
    const q = ff(db)
      .selectFrom("ff_merchants")
      .select(["merchant_id", "settled"])
      .where("campaign_id", "=", campaignId)
      .where("merchant_id", "in", slice)
      .orderBy("merchant_id");
    if (!pg) return q.execute();
    return (mode === "skip" ? q.forUpdate().skipLocked() : q.forUpdate()).execute();
  });
  for (const r of rows) out.set(r.merchant_id, settledOf(r.settled));
  return out;
}

/** Records that these merchants' time is settled up to `settled`. */
export async function saveSettled(
  db: Db,
  campaignId: string,
  merchantIds: Iterable<string>,
  settled: number,
  at: number,
): Promise<void> {
  const ids = [...new Set(merchantIds)];
  if (ids.length === 0 || !Number.isFinite(settled)) return;
  const raw = rawSqlite(db);
  if (raw) {
    statement(
      raw,
      `update ff_merchants set settled = ?, updated_at = ?
       where campaign_id = ? and merchant_id in (select value from json_each(?))`,
    ).run(settled, at, campaignId, idList(ids));
    return;
  }
  await inSlices(ids, async (slice) => {
    await ff(db)
      .updateTable("ff_merchants")
      .set({ settled, updated_at: at })
      .where("campaign_id", "=", campaignId)
      .where("merchant_id", "in", slice)
      .execute();
    return [];
  });
}

/** How far the campaign's time is settled: its furthest merchant (`-Infinity` before anything). */
export async function readSettled(db: Db, campaignId: string): Promise<number> {
  const row = await ff(db)
    .selectFrom("ff_merchants")
    .select((eb) => eb.fn.max("settled").as("settled"))
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
  return settledOf(row?.settled);
}

/**
 * The merchants with a decision due before `bound` (an order's next key, or a pending final
 * exit), the most overdue first, at most `limit`: what a sweep takes on.
 */
export async function merchantsDue(
  db: Db,
  campaignId: string,
  bound: number,
  limit: number,
): Promise<string[]> {
  const raw = rawSqlite(db);
  if (raw) {
    // The due range of `ff_orders_next` only. Left to choose, SQLite groups by merchant on
    // `ff_orders_next_by_merchant` and so walks every open order of the campaign each second,
    // due or not (60,000 open orders: ~5 ms a sweep, on the thread that answers requests).
    // The limit is written into the text: a bound LIMIT makes SQLite plan it on every run.
    const limitClause = Number.isSafeInteger(limit) ? ` limit ${limit}` : "";
    const orders = statement(
      raw,
      `select merchant_id, min(next_key) as due from ff_orders indexed by ff_orders_next
       where campaign_id = ? and next_key < ? group by merchant_id order by due${limitClause}`,
    ).raw(true);
    const merchants = statement(
      raw,
      `select merchant_id from ff_merchants where campaign_id = ? and next_key < ?${limitClause}`,
    ).pluck();
    return [
      ...new Set([
        ...(orders.all(campaignId, bound) as [string, number][]).map(([m]) => m),
        ...(merchants.all(campaignId, bound) as string[]),
      ]),
    ];
  }
  const orders = await ff(db)
    .selectFrom("ff_orders")
    .select("merchant_id")
    .select((eb) => eb.fn.min("next_key").as("due"))
    .where("campaign_id", "=", campaignId)
    .where("next_key", "<", bound)
    .groupBy("merchant_id")
    .orderBy("due")
    .limit(limit)
    .execute();
  const merchants = await ff(db)
    .selectFrom("ff_merchants")
    .select("merchant_id")
    .where("campaign_id", "=", campaignId)
    .where("next_key", "<", bound)
    .limit(limit)
    .execute();
  return [
    ...new Set([...orders.map((r) => r.merchant_id), ...merchants.map((r) => r.merchant_id)]),
  ];
}
