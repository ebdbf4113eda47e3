/**
 * Fulfilment figures over time, for charts: a campaign's orders by the quarter hour they were
 * paid in (with how many shipped on time and how many were late), and its decisions counted and
 * summed by type and kind. Grouping happens in the database, so the cost does not grow with the
 * orders; the caller folds the quarter hours into the campaign's days (`foldBucketsIntoDays`).
 */
import { sql } from "kysely";
import { BUCKET_MS } from "../../../domain/time/index.js";
import type { Db } from "../../types.js";
import { readCountSelections, readCounts } from "./counts.js";

export interface OrdersBucketRow {
  /** `paid_at / BUCKET_MS`, integer division. */
  bucket: number;
  orders: number;
  shippedOnTime: number;
  late: number;
}

export interface OrdersDayRow {
  day: string;
  orders: number;
  shippedOnTime: number;
  late: number;
}

/**
 * Orders by the day they were paid in the zone `timeZone`, from the kept counts (counts.ts), in
 * day order; `undefined` when those do not cover every order of the campaign (its zone changed,
 * or days were not counted when it was filled), and the caller counts them (`ordersByPaidBucket`).
 */
export async function keptOrdersByDay(
  db: Db,
  campaignId: string,
  timeZone: string,
): Promise<OrdersDayRow[] | undefined> {
  const prefix = `day:${timeZone}:`;
  const [kept, all] = await readCountSelections(db, campaignId, [
    { prefix },
    { names: ["orders"] },
  ]);
  const byDay = new Map<string, OrdersDayRow>();
  let covered = 0;
  for (const [name, c] of kept) {
    const [day, what] = name.slice(prefix.length).split(":") as [string, string];
    let row = byDay.get(day);
    if (row === undefined) {
      row = { day, orders: 0, shippedOnTime: 0, late: 0 };
      byDay.set(day, row);
    }
    if (what === "orders") {
      row.orders += c.n;
      covered += c.n;
    } else if (what === "on_time") row.shippedOnTime += c.n;
    else if (what === "late") row.late += c.n;
  }
  if (covered !== (all.get("orders")?.n ?? 0)) return undefined;
  return [...byDay.values()]
    .filter((r) => r.orders !== 0)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

export async function ordersByPaidBucket(db: Db, campaignId: string): Promise<OrdersBucketRow[]> {
  // A literal, not a parameter: SQLite binds JS numbers as REAL (the division would not
  // truncate), and PostgreSQL needs the grouped expression to be the selected one, text for text.
  const bucket = sql<number>`paid_at / ${sql.lit(BUCKET_MS)}`;
  const { rows } = await sql<{ bucket: number; orders: number; on_time: number; late: number }>`
    select ${bucket} as bucket, count(*) as orders,
           sum(case when shipped_at is not null and late = 0 then 1 else 0 end) as on_time,
           sum(late) as late
    from ff_orders where campaign_id = ${campaignId}
    group by ${bucket}`.execute(db);
  return rows.map((r) => ({
    bucket: Number(r.bucket),
    orders: Number(r.orders),
    shippedOnTime: Number(r.on_time ?? 0),
    late: Number(r.late ?? 0),
  }));
}

const SUMMED = new Set([
  "refund.approved",
  "violation.recorded",
  "claim.paid",
  "claim.held",
  "violation.revoked",
  "claim.reversed",
  "claim.withdrawn",
]);

export interface DecisionSum {
  type: string;
  kind: string | null;
  count: number;
  amountFen: number;
}

/**
 * Decisions counted and summed by type and kind, net of corrections: violations recorded minus
 * those revoked, claims paid minus those reversed (count and fen), by kind. From the kept counts
 * (`ff_counts`, counts.ts), not the decisions themselves.
 */
export async function decisionSums(db: Db, campaignId: string): Promise<DecisionSum[]> {
  const rows = [...(await readCounts(db, campaignId, { prefix: "decision:" }))]
    .map(([name, c]) => {
      const [, type, kind] = name.split(":");
      return { type: type!, kind: kind ? kind : null, n: c.n, fen: c.fen };
    })
    .filter((r) => SUMMED.has(r.type));
  const net = new Map<string, DecisionSum>();
  const undo: Record<string, string> = {
    "violation.revoked": "violation.recorded",
    "claim.reversed": "claim.paid",
    "claim.withdrawn": "claim.held",
  };
  for (const r of rows) {
    const type = undo[r.type] ?? r.type;
    const sign = undo[r.type] === undefined ? 1 : -1;
    const key = `${type}\u0000${r.kind}`;
    const sum = net.get(key) ?? { type, kind: r.kind, count: 0, amountFen: 0 };
    sum.count += sign * Number(r.n);
    sum.amountFen += sign * Number(r.fen ?? 0);
    net.set(key, sum);
  }
  return [...net.values()];
}
