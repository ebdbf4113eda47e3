/**
 * The claims ledger's reads over `ff_decisions`: counts and sums per merchant and type, the held
 * claims still waiting for a person, and the deposit effect of every line up to a point (the
 * opening balance of a page). Lines themselves are `decisionsExportPage` with the claim types.
 */
import { sql } from "kysely";
import { CLAIM_LINE_TYPES } from "../../../domain/ledger/ledger.js";
import type { Db } from "../../types.js";
import { ds } from "./tables.js";

export interface MerchantTypeCount {
  merchantId: string;
  type: string;
  count: number;
  amountFen: number;
}

export async function claimCounts(
  db: Db,
  campaignId: string,
  merchantId?: string,
): Promise<MerchantTypeCount[]> {
  let q = ds(db)
    .selectFrom("ff_decisions")
    .select((eb) => [
      "merchant_id",
      "type",
      eb.fn.countAll<number>().as("n"),
      eb.fn.sum<number | null>("amount_fen").as("fen"),
    ])
    .where("campaign_id", "=", campaignId)
    .where("type", "in", [...CLAIM_LINE_TYPES])
    .where("merchant_id", "is not", null);
  if (merchantId !== undefined) q = q.where("merchant_id", "=", merchantId);
  const rows = await q.groupBy(["merchant_id", "type"]).execute();
  return rows.map((r) => ({
    merchantId: r.merchant_id!,
    type: r.type,
    count: Number(r.n),
    amountFen: Number(r.fen ?? 0),
  }));
}

/** Held claims neither resolved by a person nor withdrawn with their violation, per merchant. */
export async function waitingClaims(
  db: Db,
  campaignId: string,
  merchantId?: string,
): Promise<Map<string, number>> {
  const byMerchant = merchantId === undefined ? sql`` : sql`and d.merchant_id = ${merchantId}`;
  const { rows } = await sql<{ merchant_id: string; n: number }>`
    select d.merchant_id, count(*) as n
    from ff_decisions d
    left join ff_decisions r
      on r.campaign_id = d.campaign_id and r.effect_key = 'resolve:' || d.effect_key
    left join ff_decisions w
      on w.campaign_id = d.campaign_id and w.effect_key = 'claim-undo:' || substr(d.effect_key, 7)
    where d.campaign_id = ${campaignId} and d.type = 'claim.held' ${byMerchant}
      and d.merchant_id is not null and r.seq is null and w.seq is null
    group by d.merchant_id`.execute(db);
  return new Map(rows.map((r) => [r.merchant_id, Number(r.n)]));
}

/** The sum of deposit effects (−paid, +reversed) of the merchant's lines with `seq ≤ throughSeq`. */
export async function depositEffectThrough(
  db: Db,
  campaignId: string,
  merchantId: string,
  throughSeq: number,
): Promise<number> {
  const { rows } = await sql<{ fen: number | null }>`
    select sum(case when type = 'claim.paid' then -amount_fen else amount_fen end) as fen
    from ff_decisions
    where campaign_id = ${campaignId} and merchant_id = ${merchantId}
      and type in ('claim.paid', 'claim.reversed') and seq <= ${throughSeq}`.execute(db);
  return Number(rows[0]?.fen ?? 0);
}
