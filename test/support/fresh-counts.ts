/**
 * The console's counts (`ff_counts`, store/repos/fulfilment/counts.ts) two ways, for tests that
 * they agree: as kept by the write path, and counted afresh from `ff_orders` and `ff_decisions`
 * with SQL of their own (the conditions the orders page filters by, the groupings the dashboard
 * and totals once ran per request), not through the code that keeps them. Keys are
 * `counter@merchant`; the days, which the campaign reads whole, are `counter@*`. Zeros are left
 * out on both sides.
 */
import { BUCKET_MS, zoneDays } from "../../src/domain/time/index.js";

/** Runs SQL text (no parameters) on the store; rows with their columns as named. */
export type RunSql = (text: string) => Promise<Array<Record<string, unknown>>>;

const num = (v: unknown) => Number(v ?? 0);

export async function keptCounts(run: RunSql, campaignId: string) {
  const out: Record<string, number> = {};
  const add = (key: string, n: number) => {
    out[key] = (out[key] ?? 0) + n;
  };
  for (const r of await run(
    `select name, merchant_id, n, fen from ff_counts where campaign_id = '${campaignId}'`,
  )) {
    const name = String(r.name);
    const who = name.startsWith("day:") ? "*" : String(r.merchant_id);
    add(`${name}@${who}`, num(r.n));
    if (name.startsWith("decision:")) add(`${name}#fen@${who}`, num(r.fen));
  }
  return withoutZeros(out);
}

export async function freshCounts(run: RunSql, campaignId: string, timeZone: string) {
  const out: Record<string, number> = {};
  const add = (key: string, n: number) => {
    out[key] = (out[key] ?? 0) + n;
  };
  const where = `campaign_id = '${campaignId}'`;
  const states = {
    to_ship:
      "campaign_order = 1 and shipped_at is null and refunded_at is null and violations is null",
    late_unshipped: "shipped_at is null and refunded_at is null and late = 1",
    in_transit: "shipped_at is not null and delivered_at is null and refunded_at is null",
    delivered: "delivered_at is not null",
    refunded: "refunded_at is not null",
    violations: "violations is not null",
    claimed: `claim like '%"status":"paid"%'`,
  };
  const sums = Object.entries(states)
    .map(([s, cond]) => `sum(case when ${cond} then 1 else 0 end) as ${s}`)
    .join(", ");
  for (const r of await run(`select merchant_id, count(*) as orders, ${sums},
      sum(case when shipped_at is not null and late = 0 then 1 else 0 end) as on_time
      from ff_orders where ${where} group by merchant_id`)) {
    const m = String(r.merchant_id);
    add(`orders@${m}`, num(r.orders));
    add(`on_time@${m}`, num(r.on_time));
    for (const s of Object.keys(states)) add(`state:${s}@${m}`, num(r[s]));
  }
  for (const r of await run(`select merchant_id, violations as kind, count(*) as n from ff_orders
      where ${where} and violations is not null group by merchant_id, violations`)) {
    add(`violation:${r.kind}@${r.merchant_id}`, num(r.n));
  }
  const days = zoneDays(timeZone);
  for (const r of await run(`select paid_at / ${BUCKET_MS} as bucket, count(*) as orders,
      sum(case when shipped_at is not null and late = 0 then 1 else 0 end) as on_time,
      sum(late) as late from ff_orders where ${where} group by paid_at / ${BUCKET_MS}`)) {
    const day = `day:${timeZone}:${days.dayOf(num(r.bucket) * BUCKET_MS)}:`;
    add(`${day}orders@*`, num(r.orders));
    add(`${day}on_time@*`, num(r.on_time));
    add(`${day}late@*`, num(r.late));
  }
  for (const r of await run(`select coalesce(merchant_id, '') as m, type, kind, count(*) as n,
      sum(amount_fen) as fen from ff_decisions where ${where}
      group by coalesce(merchant_id, ''), type, kind`)) {
    const name = `decision:${r.type}:${r.kind ?? ""}`;
    add(`${name}@${r.m}`, num(r.n));
    add(`${name}#fen@${r.m}`, num(r.fen));
  }
  for (const r of await run(`select coalesce(merchant_id, '') as m, count(*) as n
      from ff_decisions where ${where} and effect_key like 'resolve:%'
      group by coalesce(merchant_id, '')`)) {
    add(`resolved@${r.m}`, num(r.n));
  }
  return withoutZeros(out);
}

function withoutZeros(counts: Record<string, number>) {
  return Object.fromEntries(
    Object.entries(counts)
      .filter(([, n]) => n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
