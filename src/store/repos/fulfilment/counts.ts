/**
 * The counts the console reads (`ff_counts`, migration 0014), kept by the write path in the same
 * transaction instead of counted per request: with a million orders a `count(*)` over the
 * campaign costs a full scan each time the orders page, the dashboard or the totals open.
 *
 * One row per campaign, counter and merchant. The engine writes under per-merchant locks, so two
 * processes on one PostgreSQL never update the same row at once (and an update is `n = n + Δ`,
 * exact either way); a campaign's figure is the sum over its merchants, a read of a few rows per
 * merchant on the key's index.
 *
 * What an order contributes is a function of its row (`orderCountNames`): a write subtracts what
 * the row counted before and adds what it counts now, so a correction (a violation revoked, a
 * claim reversed, a late scan) moves the counts with it. Decisions are counted by type and kind
 * once each, when their insert happens (a retry that conflicts counts nothing).
 */
import { sql } from "kysely";
import { type ZoneDays, zoneDays } from "../../../domain/time/index.js";
import { chunk } from "../../chunk.js";
import { rawSqlite, statement } from "../../raw-sqlite.js";
import type { Db } from "../../types.js";
import { ORDER_FIELDS, type OrderRow } from "./orders.js";
import { RESOLVED_END, RESOLVED_PREFIX } from "./resolution-keys.js";
import { insertRows, isPostgres } from "./rows.js";
import { ff } from "./tables.js";

/** The orders page's states counted here (`refund_pending` depends on the decisions: read). */
export const COUNTED_STATES = [
  "to_ship",
  "late_unshipped",
  "in_transit",
  "delivered",
  "refunded",
  "violations",
  "claimed",
] as const;
export type CountedState = (typeof COUNTED_STATES)[number];

/**
 * The campaign's own rows (`merchant_id` `''`, which no merchant's id is): decisions that name no
 * merchant, and the days once folded.
 */
export const CAMPAIGN_ROW = "";

/** Claims resolved by a person (their effect keys start with `RESOLVED_PREFIX`). */
export const RESOLVED_COUNT = "resolved";

const at = (name: (typeof ORDER_FIELDS)[number]) => ORDER_FIELDS.indexOf(name);
const I = {
  paid: at("paid_at"),
  campaign: at("campaign_order"),
  shipped: at("shipped_at"),
  delivered: at("delivered_at"),
  violations: at("violations"),
  claim: at("claim"),
  refunded: at("refunded_at"),
  late: at("late"),
};

/**
 * The campaign's zone, whose days the orders are counted by (`day:ZONE:YYYY-MM-DD:…`): the
 * dashboard's orders per day. The zone is part of the name, so a campaign whose zone changed
 * reads no stale days (it counts them again, `ordersByDay`).
 */
export interface CountZone {
  zone: string;
  dayOfPaid(paidAt: number): string;
}

const zones = new Map<string, CountZone>();

export function countZone(timeZone: string): CountZone {
  let z = zones.get(timeZone);
  if (z === undefined) {
    const days: ZoneDays = zoneDays(timeZone);
    // Cached by the quarter hour: no local day starts inside one (domain/time/days.ts).
    const cache = new Map<number, string>();
    z = {
      zone: timeZone,
      dayOfPaid(paidAt) {
        const bucket = Math.floor(paidAt / 900_000);
        let day = cache.get(bucket);
        if (day === undefined) {
          if (cache.size > 50_000) cache.clear();
          day = days.dayOf(bucket * 900_000);
          cache.set(bucket, day);
        }
        return day;
      },
    };
    zones.set(timeZone, z);
  }
  return z;
}

/** Every counter an order adds one to, as its row stands. */
export function orderCountNames(row: OrderRow, zone: CountZone): string[] {
  const set = (i: number) => row[i] !== null && row[i] !== undefined;
  const shipped = set(I.shipped);
  const refunded = set(I.refunded);
  const violation = set(I.violations);
  const late = Number(row[I.late]) === 1;
  const names = ["orders"];
  if (Number(row[I.campaign]) === 1 && !shipped && !refunded && !violation) {
    names.push("state:to_ship");
  }
  if (!shipped && !refunded && late) names.push("state:late_unshipped");
  if (shipped && !set(I.delivered) && !refunded) names.push("state:in_transit");
  if (set(I.delivered)) names.push("state:delivered");
  if (refunded) names.push("state:refunded");
  if (violation) names.push("state:violations", `violation:${String(row[I.violations])}`);
  if (isClaimed(row[I.claim])) names.push("state:claimed");
  const onTime = shipped && !late;
  if (onTime) names.push("on_time");
  const day = `day:${zone.zone}:${zone.dayOfPaid(Number(row[I.paid]))}:`;
  names.push(`${day}orders`);
  if (onTime) names.push(`${day}on_time`);
  if (late) names.push(`${day}late`);
  return names;
}

/** A claim column paid and in force: `claim like '%"status":"paid"%'`, as the orders page asks. */
export const isClaimed = (claim: unknown) =>
  typeof claim === "string" && claim.includes('"status":"paid"');

export const decisionCountName = (type: string, kind: string | null) =>
  `decision:${type}:${kind ?? ""}`;

interface Delta {
  merchantId: string;
  name: string;
  n: number;
  fen: number;
}

/** A write's changes to the counts, gathered per merchant and counter, applied once. */
export class CountDeltas {
  private readonly deltas = new Map<string, Delta>();

  add(merchantId: string | null, name: string, n: number, fen = 0): void {
    const m = merchantId ?? CAMPAIGN_ROW;
    const key = `${m}\u0000${name}`;
    const d = this.deltas.get(key);
    if (d === undefined) this.deltas.set(key, { merchantId: m, name, n, fen });
    else {
      d.n += n;
      d.fen += fen;
    }
  }

  /** An order written: `before` as loaded (`undefined`: new), `after` as written. */
  order(merchantId: string, before: OrderRow | undefined, after: OrderRow, zone: CountZone) {
    if (before !== undefined) {
      for (const name of orderCountNames(before, zone)) this.add(merchantId, name, -1);
    }
    for (const name of orderCountNames(after, zone)) this.add(merchantId, name, 1);
  }

  /** A decision stored (its insert happened). */
  decision(merchantId: string | null, type: string, kind: string | null, amountFen: unknown) {
    this.add(merchantId, decisionCountName(type, kind), 1, Number(amountFen ?? 0));
  }

  /** The non-zero changes, in key order (PostgreSQL then locks rows in one order). */
  rows(): Delta[] {
    return [...this.deltas.values()]
      .filter((d) => d.n !== 0 || d.fen !== 0)
      .sort((a, b) =>
        a.name < b.name
          ? -1
          : a.name > b.name
            ? 1
            : a.merchantId < b.merchantId
              ? -1
              : a.merchantId > b.merchantId
                ? 1
                : 0,
      );
  }
}

const COUNT_COLUMNS = ["campaign_id", "name", "merchant_id", "n", "fen"] as const;
const ADD =
  "on conflict (campaign_id, name, merchant_id) do update set n = ff_counts.n + excluded.n, fen = ff_counts.fen + excluded.fen";

/** Adds the deltas to the counts, in the caller's transaction. */
export async function applyCounts(db: Db, campaignId: string, deltas: CountDeltas): Promise<void> {
  const rows = deltas.rows().map((d) => [campaignId, d.name, d.merchantId, d.n, d.fen]);
  if (rows.length === 0) return;
  const raw = rawSqlite(db);
  if (raw) {
    const one = statement(
      raw,
      `insert into ff_counts (${COUNT_COLUMNS.join(",")}) values (?,?,?,?,?) ${ADD}`,
    );
    for (const row of rows) one.run(row);
    return;
  }
  await insertRows(db, { table: "ff_counts", columns: COUNT_COLUMNS, tail: ADD }, rows);
}

export interface Count {
  n: number;
  fen: number;
}

/**
 * Counters summed over the campaign's merchants (or one merchant's): `names` exactly, or every
 * name starting with `prefix`.
 */
export async function readCounts(
  db: Db,
  campaignId: string,
  which: { names: readonly string[] } | { prefix: string },
  merchantId?: string,
): Promise<Map<string, Count>> {
  let q = ff(db)
    .selectFrom("ff_counts")
    .select((eb) => ["name", eb.fn.sum<number>("n").as("n"), eb.fn.sum<number>("fen").as("fen")])
    .where("campaign_id", "=", campaignId);
  if ("names" in which) {
    if (which.names.length === 0) return new Map();
    q = q.where("name", "in", [...which.names]);
  } else {
    // A key range, not LIKE: both databases then read the key's index.
    q = q.where("name", ">=", which.prefix).where("name", "<", prefixEnd(which.prefix));
  }
  if (merchantId !== undefined) q = q.where("merchant_id", "=", merchantId);
  const rows = await q.groupBy("name").execute();
  return new Map(rows.map((r) => [r.name, { n: Number(r.n ?? 0), fen: Number(r.fen ?? 0) }]));
}

export type CountSelection = { names: readonly string[] } | { prefix: string };

/**
 * Several selections of the campaign's counters (summed over its merchants) read in one
 * statement, answered one map each, as `readCounts` answers each: a page that shows several
 * reads `ff_counts` once instead of once per selection (a statement costs a round trip and, on
 * PostgreSQL, its own scan of the campaign's rows).
 */
export async function readCountSelections<const S extends readonly CountSelection[]>(
  db: Db,
  campaignId: string,
  selections: S,
): Promise<{ [K in keyof S]: Map<string, Count> }> {
  const out = selections.map(() => new Map<string, Count>()) as {
    [K in keyof S]: Map<string, Count>;
  };
  const wanted = selections.filter((w) => !("names" in w) || w.names.length > 0);
  if (wanted.length === 0) return out;
  const rows = await ff(db)
    .selectFrom("ff_counts")
    .select((eb) => ["name", eb.fn.sum<number>("n").as("n"), eb.fn.sum<number>("fen").as("fen")])
    .where("campaign_id", "=", campaignId)
    .where((eb) =>
      eb.or(
        wanted.map((w) =>
          "names" in w
            ? eb("name", "in", [...w.names])
            : eb.and([eb("name", ">=", w.prefix), eb("name", "<", prefixEnd(w.prefix))]),
        ),
      ),
    )
    .groupBy("name")
    .execute();
  for (const r of rows) {
    const count = { n: Number(r.n ?? 0), fen: Number(r.fen ?? 0) };
    selections.forEach((w, i) => {
      // The statement's own conditions, so each map holds what `readCounts` would read.
      const selected =
        "names" in w
          ? w.names.includes(r.name)
          : r.name >= w.prefix && r.name < prefixEnd(w.prefix);
      if (selected) (out[i] as Map<string, Count>).set(r.name, count);
    });
  }
  return out;
}

/** The first string after every string starting with `prefix`. */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** One counter per merchant (the merchants page's orders). */
export async function countsByMerchant(
  db: Db,
  campaignId: string,
  name: string,
): Promise<Map<string, number>> {
  const rows = await ff(db)
    .selectFrom("ff_counts")
    .select(["merchant_id", "n"])
    .where("campaign_id", "=", campaignId)
    .where("name", "=", name)
    .execute();
  return new Map(rows.map((r) => [r.merchant_id, Number(r.n)]));
}

const ORDER_PAGE = 10_000;

/**
 * Counts a campaign afresh from its orders and decisions, replacing its rows: migration 0014
 * for stores written before it, and a store filled other than through the engine (the benches).
 * `timeZone`: the campaign's; `null` leaves the days out (the dashboard then counts them).
 * Orders are read a page at a time, each through `orderCountNames` as the write path counts them.
 */
export async function recountCampaign(
  db: Db,
  campaignId: string,
  timeZone: string | null,
): Promise<void> {
  await ff(db).deleteFrom("ff_counts").where("campaign_id", "=", campaignId).execute();
  const zone = timeZone === null ? null : countZone(timeZone);
  let after = "";
  for (;;) {
    const page = await ff(db)
      .selectFrom("ff_orders")
      .select(ORDER_FIELDS)
      .where("campaign_id", "=", campaignId)
      .where("order_id", ">", after)
      .orderBy("order_id")
      .limit(ORDER_PAGE)
      .execute();
    if (page.length === 0) break;
    const deltas = new CountDeltas();
    for (const r of page) {
      const row = ORDER_FIELDS.map((f) => r[f]);
      const names = orderCountNames(row, zone ?? NO_ZONE);
      for (const name of names) {
        const day = name.startsWith(DAYS_FROM);
        if (zone === null && day) continue;
        // Days as folded (`foldDayCounts`): the campaign's.
        deltas.add(day ? CAMPAIGN_ROW : r.merchant_id, name, 1);
      }
    }
    await applyCounts(db, campaignId, deltas);
    after = page.at(-1)!.order_id;
  }
  const { rows } = await sql<{
    merchant_id: string | null;
    type: string;
    kind: string | null;
    n: number;
    fen: number | null;
  }>`select merchant_id, type, kind, count(*) as n, sum(amount_fen) as fen from ff_decisions
     where campaign_id = ${campaignId} group by merchant_id, type, kind`.execute(db);
  const deltas = new CountDeltas();
  for (const r of rows) {
    deltas.add(r.merchant_id, decisionCountName(r.type, r.kind), Number(r.n), Number(r.fen ?? 0));
  }
  const { rows: resolved } = await sql<{ merchant_id: string | null; n: number }>`
    select merchant_id, count(*) as n from ff_decisions
    where campaign_id = ${campaignId} and effect_key >= ${RESOLVED_PREFIX}
      and effect_key < ${RESOLVED_END}
    group by merchant_id`.execute(db);
  for (const r of resolved) deltas.add(r.merchant_id, RESOLVED_COUNT, Number(r.n));
  await applyCounts(db, campaignId, deltas);
}

const NO_ZONE: CountZone = { zone: "", dayOfPaid: () => "" };

const DAYS_FROM = "day:";
const DAYS_TO = "day;";
const FOLD_ROWS = 5_000;

/**
 * Moves the merchants' day rows into the campaign's own: the dashboard reads a campaign's days,
 * never a merchant's, and a row per merchant and day would make that read cost thousands of rows
 * (a million orders from 1,000 merchants over 9 days: 27,000). Writers keep adding to their
 * merchants' rows, so they never wait on one another; `gala serve` folds them every tick of its
 * sweeper, one transaction per `FOLD_ROWS`. Exact beside writers in other processes: the rows
 * folded are locked as read (PostgreSQL; SQLite has one writer) and deleted by their keys, so a
 * row a writer adds meanwhile stays for the next fold. Answers how many rows were folded.
 */
export async function foldDayCounts(db: Db, campaignId: string): Promise<number> {
  let folded = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const q = ff(trx)
        .selectFrom("ff_counts")
        .select(["name", "merchant_id", "n", "fen"])
        .where("campaign_id", "=", campaignId)
        .where("name", ">=", DAYS_FROM)
        .where("name", "<", DAYS_TO)
        .where("merchant_id", "<>", CAMPAIGN_ROW)
        .orderBy("name")
        .orderBy("merchant_id")
        .limit(FOLD_ROWS);
      const rows = await (isPostgres(trx) ? q.forUpdate() : q).execute();
      if (rows.length === 0) return 0;
      const deltas = new CountDeltas();
      for (const r of rows) deltas.add(CAMPAIGN_ROW, r.name, Number(r.n), Number(r.fen));
      for (const slice of chunk(rows, 1_000)) {
        const keys = sql.join(slice.map((r) => sql`(${r.name}, ${r.merchant_id})`));
        await sql`delete from ff_counts where campaign_id = ${campaignId}
          and (name, merchant_id) in (values ${keys})`.execute(trx);
      }
      await applyCounts(trx, campaignId, deltas);
      return rows.length;
    });
    folded += n;
    if (n < FOLD_ROWS) return folded;
  }
}
