/**
 * Fulfilment figures over time, for charts: a campaign's orders by the Beijing day they were paid
 * (with how many shipped on time and how many were late), and its decisions counted and summed by
 * type and kind. Grouping happens in the database, so the cost does not grow with what a chart
 * shows. A day is (ms + 8 h) / 1 day in integer division, the same in SQLite and PostgreSQL, as
 * the registration dashboard counts days.
 */
import { sql } from "kysely";
import type { Db } from "../../types.js";

export const DAY_MS = 86_400_000;
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export interface OrdersDayRow {
  /** Days since the epoch, Beijing time. */
  day: number;
  orders: number;
  shippedOnTime: number;
  late: number;
}

export async function ordersByPaidDay(db: Db, campaignId: string): Promise<OrdersDayRow[]> {
  // Literals, not parameters: SQLite binds JS numbers as REAL (the division would not truncate),
  // and PostgreSQL needs the grouped expression to be the selected one, text for text.
  const day = sql<number>`(paid_at + ${sql.lit(SHANGHAI_OFFSET_MS)}) / ${sql.lit(DAY_MS)}`;
  const { rows } = await sql<{ day: number; orders: number; on_time: number; late: number }>`
    select ${day} as day, count(*) as orders,
           sum(case when shipped_at is not null and late = 0 then 1 else 0 end) as on_time,
           sum(late) as late
    from ff_orders where campaign_id = ${campaignId}
    group by ${day} order by 1`.execute(db);
  return rows.map((r) => ({
    day: Number(r.day),
    orders: Number(r.orders),
    shippedOnTime: Number(r.on_time ?? 0),
    late: Number(r.late ?? 0),
  }));
}

export interface DecisionSum {
  type: string;
  kind: string | null;
  count: number;
  amountFen: number;
}

export async function decisionSums(db: Db, campaignId: string): Promise<DecisionSum[]> {
  const { rows } = await sql<{ type: string; kind: string | null; n: number; fen: number }>`
    select type, kind, count(*) as n, sum(amount_fen) as fen from ff_decisions
    where campaign_id = ${campaignId}
      and type in ('refund.approved', 'violation.recorded', 'claim.paid', 'claim.held')
    group by type, kind`.execute(db);
  return rows.map((r) => ({
    type: r.type,
    kind: r.kind,
    count: Number(r.n),
    amountFen: Number(r.fen ?? 0),
  }));
}
