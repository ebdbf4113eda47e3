/**
 * Ingestion past one process (issue 17): every decision depends on one merchant's orders,
 * listings and violations, so a merchant's row in `ff_merchants` becomes the lock a batch or a
 * sweep takes, and it keeps how far that merchant's time is settled (`settled`, a settle key).
 * Several `gala serve` processes on one PostgreSQL then ingest one campaign at once, each batch
 * waiting only for the merchants it shares with another. `ff_clock` keeps its rows (read by old
 * tools) but is no longer written by ingestion: one row per campaign locked by every batch was
 * the serialising point. The existing merchants start where their campaign was settled.
 */
import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.js";

export function migration0008(_context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("ff_merchants").addColumn("settled", "bigint").execute();
      await sql`update ff_merchants set settled =
        (select c.clock from ff_clock as c where c.campaign_id = ff_merchants.campaign_id)`.execute(
        db,
      );
      // The merchants with a decision due, for the sweeper: one range read, then their rows.
      await db.schema
        .createIndex("ff_orders_next_by_merchant")
        .on("ff_orders")
        .columns(["campaign_id", "merchant_id", "next_key"])
        .where(sql.ref("next_key"), "is not", null)
        .execute();
    },
  };
}
