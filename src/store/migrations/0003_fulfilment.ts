/**
 * Fulfilment and enforcement (docs/campaign-reading.md, "Fulfilment and enforcement"): the channel's events, the engine's records
 * (orders, listings, merchant standing) as rows, the open obligations with their due instant
 * (indexed, so a sweep costs what is due), the decisions with a unique key per effect (so a retry
 * or a second server can never pay a claim or approve a refund twice), and one clock row per
 * campaign, which is also the lock that serialises the engine's writers.
 */
import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.js";

export function migration0003({ dialect }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("ff_clock")
        .addColumn("campaign_id", "text", (c) => c.primaryKey())
        .addColumn("clock", "bigint")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("ff_events")
        .addColumn("event_id", "text", (c) => c.primaryKey())
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("order_id", "text")
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("received_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("ff_events_by_order")
        .on("ff_events")
        .columns(["campaign_id", "order_id"])
        .execute();

      await db.schema
        .createTable("ff_orders")
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("order_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("product_id", "text", (c) => c.notNull())
        .addColumn("amount_fen", "bigint", (c) => c.notNull())
        .addColumn("paid_at", "bigint", (c) => c.notNull())
        .addColumn("late", "integer", (c) => c.notNull())
        .addColumn("shipped_at", "bigint")
        .addColumn("picked_up_at", "bigint")
        .addColumn("refunded_at", "bigint")
        .addColumn("record", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("ff_orders_pk", ["campaign_id", "order_id"])
        .execute();
      await db.schema
        .createIndex("ff_orders_by_merchant")
        .on("ff_orders")
        // Merchant first: the 48 h pickup rate reads a merchant's orders across campaigns.
        .columns(["merchant_id", "paid_at"])
        .execute();

      await db.schema
        .createTable("ff_listings")
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("product_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("record", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("ff_listings_pk", ["campaign_id", "product_id"])
        .execute();
      await db.schema
        .createTable("ff_merchants")
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("record", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("ff_merchants_pk", ["campaign_id", "merchant_id"])
        .execute();

      await db.schema
        .createTable("ff_obligations")
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("order_id", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("due_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("ff_obligations_pk", ["campaign_id", "order_id", "kind"])
        .execute();
      await db.schema
        .createIndex("ff_obligations_due")
        .on("ff_obligations")
        .columns(["campaign_id", "due_at"])
        .execute();

      await db.schema
        .createTable("ff_decisions")
        .addColumn("seq", dialect === "postgres" ? sql`bigserial` : "integer", (c) =>
          dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("effect_key", "text", (c) => c.notNull())
        .addColumn("event_id", "text")
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("order_id", "text")
        .addColumn("merchant_id", "text")
        .addColumn("product_id", "text")
        .addColumn("kind", "text")
        .addColumn("amount_fen", "bigint")
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("ff_decisions_effect", ["campaign_id", "effect_key"])
        .execute();
      await db.schema
        .createIndex("ff_decisions_by_merchant")
        .on("ff_decisions")
        .columns(["campaign_id", "merchant_id", "type", "seq"])
        .execute();
      await db.schema
        .createIndex("ff_decisions_by_type")
        .on("ff_decisions")
        .columns(["campaign_id", "type", "kind"])
        .execute();
    },
  };
}
