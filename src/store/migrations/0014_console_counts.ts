/**
 * The console's reads at a million orders (issue 17):
 *
 * - `ff_counts`: the counts the orders page, the dashboard and the totals show, kept by the write
 *   path in the same transaction (`store/repos/fulfilment/counts.ts`) instead of counted per
 *   request. Keyed campaign, counter, merchant: a counter's rows are one range of the key, and
 *   writers under different merchants' locks never update the same row. Filled here from the
 *   orders and decisions already stored, each campaign's days in its current version's zone.
 * - `ff_orders_to_ship` and `ff_orders_to_ship_by_merchant`: the orders still owed a shipment,
 *   by deadline — the orders page's first phase (`app/console/orders.ts`) — partial, so they
 *   hold only the open ones (a few percent of a campaign's orders) and an order leaves them once
 *   shipped, refunded or in violation. Their condition is written exactly as the page asks it,
 *   with literals: a partial index serves a query only when its condition is implied by the
 *   query's, and neither database proves that through a bound parameter.
 * - `ff_orders_by_merchant_paid`: one merchant's orders newest first, the page's second phase.
 * - `ff_decisions_by_seq`, `ff_decisions_by_type_seq`, `ff_decisions_by_merchant_seq`: a
 *   campaign's decisions, of one type, and one merchant's, in the order taken (the decisions
 *   pages).
 */
import { type Kysely, sql } from "kysely";
import { parseCampaign } from "../../domain/campaign/load.js";
import { recountCampaign } from "../repos/fulfilment/counts.js";
import type { Db } from "../types.js";
import type { MigrationContext } from "./context.js";

export const TO_SHIP =
  "campaign_order = 1 and shipped_at is null and refunded_at is null and violations is null";

export function migration0014(context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("ff_counts")
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("n", "bigint", (c) => c.notNull())
        .addColumn("fen", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("ff_counts_key", ["campaign_id", "name", "merchant_id"])
        // SQLite: the rows live in the key's b-tree, so a counter's range is one read.
        .$call((t) => (context.dialect === "sqlite" ? t.modifyEnd(sql`without rowid`) : t))
        .execute();
      await sql`create index ff_orders_to_ship on ff_orders (campaign_id, ship_due_at, order_id)
        where ${sql.raw(TO_SHIP)}`.execute(db);
      await sql`create index ff_orders_to_ship_by_merchant
        on ff_orders (campaign_id, merchant_id, ship_due_at, order_id)
        where ${sql.raw(TO_SHIP)}`.execute(db);

      // One merchant's orders newest first (the orders page's second phase for a merchant):
      // `ff_orders_by_merchant` leads with the merchant across campaigns, for the pickup rate,
      // and does not order ties; `paid_at` never changes, so only inserts touch this one.
      await db.schema
        .createIndex("ff_orders_by_merchant_paid")
        .on("ff_orders")
        .columns(["campaign_id", "merchant_id", "paid_at", "order_id"])
        .execute();
      // The decisions page, by `seq` within a campaign: without it both databases read the
      // campaign's every decision on another index and sort them for a page of 50.
      await db.schema
        .createIndex("ff_decisions_by_seq")
        .on("ff_decisions")
        .columns(["campaign_id", "seq"])
        .execute();
      // And one merchant's: `ff_decisions_by_merchant` has the type before `seq` (the inbox reads
      // type by type), and given the one above SQLite would rather walk the whole campaign's
      // decisions in order than sort a merchant's few.
      // And of one type (the violations, claims, refunds and venue tabs read each type's page
      // on it and merge them).
      await db.schema
        .createIndex("ff_decisions_by_type_seq")
        .on("ff_decisions")
        .columns(["campaign_id", "type", "seq"])
        .execute();
      await db.schema
        .createIndex("ff_decisions_by_merchant_seq")
        .on("ff_decisions")
        .columns(["campaign_id", "merchant_id", "seq"])
        .execute();

      const { rows: campaigns } = await sql<{ campaign_id: string }>`
        select campaign_id from ff_orders group by campaign_id
        union select campaign_id from ff_decisions group by campaign_id`.execute(db);
      for (const { campaign_id: id } of campaigns) {
        await recountCampaign(db as unknown as Db, id, await zoneOf(db, id));
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("ff_decisions_by_merchant_seq").execute();
      await db.schema.dropIndex("ff_decisions_by_type_seq").execute();
      await db.schema.dropIndex("ff_decisions_by_seq").execute();
      await db.schema.dropIndex("ff_orders_by_merchant_paid").execute();
      await db.schema.dropIndex("ff_orders_to_ship_by_merchant").execute();
      await db.schema.dropIndex("ff_orders_to_ship").execute();
      await db.schema.dropTable("ff_counts").execute();
    },
  };
}

/** The zone of the campaign's current version; `null` when none parses (days then uncounted). */
async function zoneOf(db: Kysely<unknown>, campaignId: string): Promise<string | null> {
  const { rows } = await sql<{ source: string; source_name: string }>`
    select v.source, v.source_name from campaigns as c
    join campaign_versions as v on v.hash = c.current_hash
    where c.id = ${campaignId}`.execute(db);
  const row = rows[0];
  if (row === undefined) return null;
  const parsed = parseCampaign(row.source, row.source_name);
  return parsed.ok ? parsed.campaign.timeZone : null;
}
