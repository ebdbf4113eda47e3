/**
 * What the console's reads and its one new action need (issue 15):
 * - `ff_orders (campaign_id, paid_at, order_id)`: an operator's orders, newest first, keyset-paged
 *   (the merchant's own already have `ff_orders_by_merchant`). It costs each new order one more
 *   index entry; `paid_at` never changes, so updates do not touch it.
 * - `audit_log` by action and by actor within a campaign, newest first.
 * - `refund_responses`: a merchant's answer to a refund awaiting it (approve or refuse, with a
 *   note), one per refund, kept apart from the fulfilment engine's tables.
 * - `campaign_versions.comment`: why an operator published a version.
 */
import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.js";

export function migration0009(_context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex("ff_orders_by_paid")
        .on("ff_orders")
        .columns(["campaign_id", "paid_at", "order_id"])
        .execute();
      await db.schema
        .createIndex("audit_log_by_action")
        .on("audit_log")
        .columns(["campaign_id", "action", "seq"])
        .execute();
      await db.schema
        .createIndex("audit_log_by_actor")
        .on("audit_log")
        .columns(["campaign_id", "actor_id", "seq"])
        .execute();
      await db.schema
        .createTable("refund_responses")
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("order_id", "text", (c) => c.notNull())
        .addColumn("refund_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("decision", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .addColumn("decided_at", "bigint", (c) => c.notNull())
        .addColumn("decided_by", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("refund_responses_pk", ["campaign_id", "order_id", "refund_id"])
        .execute();
      await db.schema.alterTable("campaign_versions").addColumn("comment", "text").execute();
    },
  };
}
