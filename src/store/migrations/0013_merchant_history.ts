/**
 * The merchant's history for the claim table (`merchantViolations`): each merchant record in
 * `ff_merchants` keeps its violations in force in history order (`inForce`: deadline, then order
 * id; domain/fulfilment/history.ts), so a claim's row can depend on how many come before it and
 * a correction knows which later claims to evaluate again. Filled here from the orders' violations
 * in force; sorted in code, since the database's collation need not order ids as the engine does.
 *
 * A claim a person paid keeps what the person decided when later claims are re-priced; such
 * claims are marked `byPerson` from now on, and here from their resolution rows (`resolve:…`).
 */
import { type Kysely, sql } from "kysely";
import { compareRefs, type ViolationRef } from "../../domain/fulfilment/index.js";
import type { MigrationContext } from "./context.js";

export function migration0013(_context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const { rows } = await sql<{
        campaign_id: string;
        merchant_id: string;
        violation_at: number | string;
        order_id: string;
      }>`select campaign_id, merchant_id, violation_at, order_id from ff_orders
         where violations is not null and violation_at is not null`.execute(db);
      const byMerchant = new Map<
        string,
        { campaignId: string; merchantId: string; refs: ViolationRef[] }
      >();
      for (const r of rows) {
        const name = JSON.stringify([r.campaign_id, r.merchant_id]);
        let entry = byMerchant.get(name);
        if (entry === undefined) {
          entry = { campaignId: r.campaign_id, merchantId: r.merchant_id, refs: [] };
          byMerchant.set(name, entry);
        }
        entry.refs.push([Number(r.violation_at), r.order_id]);
      }
      const { rows: paidByPerson } = await sql<{
        campaign_id: string;
        order_id: string;
        claim: string;
      }>`select o.campaign_id, o.order_id, o.claim from ff_orders as o
         where o.claim is not null and exists (select 1 from ff_decisions as d
           where d.campaign_id = o.campaign_id and d.order_id = o.order_id
             and d.type = 'claim.paid' and d.effect_key like 'resolve:%')`.execute(db);
      for (const r of paidByPerson) {
        const claim = JSON.parse(r.claim);
        if (claim.status !== "paid") continue;
        await sql`update ff_orders set claim = ${JSON.stringify({ ...claim, byPerson: true })}
          where campaign_id = ${r.campaign_id} and order_id = ${r.order_id}`.execute(db);
      }
      for (const { campaignId, merchantId, refs } of byMerchant.values()) {
        refs.sort(compareRefs);
        const { rows: stored } = await sql<{ record: string }>`select record from ff_merchants
          where campaign_id = ${campaignId} and merchant_id = ${merchantId}`.execute(db);
        if (stored[0] === undefined) continue;
        const record = { ...JSON.parse(stored[0].record), inForce: refs };
        await sql`update ff_merchants set record = ${JSON.stringify(record)}
          where campaign_id = ${campaignId} and merchant_id = ${merchantId}`.execute(db);
      }
    },
  };
}
