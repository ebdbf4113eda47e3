/**
 * The event log read back in the order the server took it (migration 0008: the rowid on SQLite,
 * `seq` on PostgreSQL), in pages, for the editor's enforcement impact and for a rehearsal. Each
 * page is one short read — on SQLite a transaction of its own, so a writer waits at most one page
 * and a WAL reader never holds a snapshot across pages — and nothing is locked: ingestion goes on
 * while the log is read. `eventLogEnd` fixes where a reading stops, so it covers one prefix of
 * the log however much arrives meanwhile.
 */
import { PostgresAdapter, sql } from "kysely";
import { rawSqlite, statement } from "../../raw-sqlite.js";
import type { Db } from "../../types.js";

export interface LoggedEvent {
  /** The event's place in its campaign's log (only its order means anything). */
  seq: number;
  /** The event as stored: the contract's fields, its id, `at` as the channel wrote it. */
  body: string;
  /** The server's clock when the event came in (epoch ms). */
  receivedAt: number;
}

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The last place in a campaign's log now (0 when empty): read up to it, and no further. */
export async function eventLogEnd(db: Db, campaignId: string): Promise<number> {
  const q = isPostgres(db)
    ? sql<{
        n: number | string | null;
      }>`select max(seq) as n from ff_events where campaign_id = ${campaignId}`
    : sql<{
        n: number | null;
      }>`select max(rowid) as n from ff_events where campaign_id = ${campaignId}`;
  const { rows } = await q.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** How many events a campaign's log holds up to `through`. */
export async function eventLogCount(db: Db, campaignId: string, through: number): Promise<number> {
  const column = isPostgres(db) ? sql.ref("seq") : sql.raw("rowid");
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ff_events
    where campaign_id = ${campaignId} and ${column} <= ${through}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Up to `limit` events after `after` and at most `through`, in the log's order. */
export async function eventLogPage(
  db: Db,
  campaignId: string,
  after: number,
  through: number,
  limit: number,
): Promise<LoggedEvent[]> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ seq: string | number; body: string; received_at: number }>`
      select seq, body, received_at from ff_events
      where campaign_id = ${campaignId} and seq > ${after} and seq <= ${through}
      order by seq limit ${limit}`.execute(db);
    return rows.map((r) => ({
      seq: Number(r.seq),
      body: r.body,
      receivedAt: Number(r.received_at),
    }));
  }
  // SQLite: a cached statement in a transaction of its own (raw rows, no query compilation).
  return db.transaction().execute(async (trx) => {
    const raw = rawSqlite(trx)!;
    const rows = statement(
      raw,
      `select rowid, body, received_at from ff_events indexed by ff_events_by_campaign
       where campaign_id = ? and rowid > ? and rowid <= ? order by rowid limit ?`,
    )
      .raw()
      .all(campaignId, after, through, limit) as Array<[number, string, number]>;
    return rows.map(([seq, body, receivedAt]) => ({ seq, body, receivedAt }));
  });
}
