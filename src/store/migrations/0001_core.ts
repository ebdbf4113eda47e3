/**
 * The first schema: campaigns, facts, registrations, audit, venue listings, tokens.
 * Portable SQL only: text ids, bigint instants (epoch ms), JSON as text. Later migrations are
 * appended as `0002_…`, `0003_…` and registered in `./index.ts`.
 */
import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.js";

export function migration0001({ dialect }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("campaigns")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("current_hash", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("campaign_versions")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("source_name", "text", (c) => c.notNull())
        .addColumn("loaded_at", "bigint", (c) => c.notNull())
        .addColumn("loaded_by", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("campaign_versions_by_campaign")
        .on("campaign_versions")
        .columns(["campaign_id", "loaded_at"])
        .execute();

      await db.schema
        .createTable("merchants")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("main_category", "text")
        .addColumn("snapshot_hash", "text", (c) => c.notNull())
        .addColumn("facts", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("products")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("category", "text")
        .addColumn("snapshot_hash", "text", (c) => c.notNull())
        .addColumn("facts", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("products_by_merchant")
        .on("products")
        .columns(["merchant_id", "id"])
        .execute();

      await db.schema
        .createTable("fact_snapshots")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("subject_id", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("registrations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("campaign_hash", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("product_id", "text", (c) => c.notNull())
        .addColumn("category", "text")
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("merchant_snapshot_hash", "text", (c) => c.notNull())
        .addColumn("product_snapshot_hash", "text", (c) => c.notNull())
        .addColumn("failures", "text", (c) => c.notNull())
        .addColumn("registered_at", "bigint", (c) => c.notNull())
        .addColumn("review_due_at", "bigint")
        .addColumn("reviewed_at", "bigint")
        .addColumn("reviewed_by", "text")
        .addColumn("review_reason", "text")
        .addColumn("replaces_product_id", "text")
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addUniqueConstraint("registrations_one_per_product", ["campaign_id", "product_id"])
        .execute();
      // The review queue reads pending rows in due order; merchants read their own.
      await db.schema
        .createIndex("registrations_review_queue")
        .on("registrations")
        .columns(["campaign_id", "state", "review_due_at", "id"])
        .execute();
      await db.schema
        .createIndex("registrations_by_merchant")
        .on("registrations")
        .columns(["campaign_id", "merchant_id", "product_id"])
        .execute();

      await db.schema
        .createTable("audit_log")
        .addColumn("seq", dialect === "postgres" ? sql`bigserial` : "integer", (c) =>
          dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("actor_role", "text", (c) => c.notNull())
        .addColumn("actor_id", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("campaign_id", "text")
        .addColumn("subject_type", "text", (c) => c.notNull())
        .addColumn("subject_id", "text", (c) => c.notNull())
        .addColumn("from_state", "text")
        .addColumn("to_state", "text")
        .addColumn("reason", "text")
        .addColumn("detail", "text")
        .execute();
      await db.schema
        .createIndex("audit_log_by_subject")
        .on("audit_log")
        .columns(["subject_id", "seq"])
        .execute();
      await db.schema
        .createIndex("audit_log_by_campaign")
        .on("audit_log")
        .columns(["campaign_id", "seq"])
        .execute();

      await db.schema
        .createTable("listings")
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("product_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("registration_id", "text", (c) => c.notNull())
        .addColumn("weight", "double precision", (c) => c.notNull())
        .addColumn("registered_at", "bigint", (c) => c.notNull())
        .addColumn("listed_at", "bigint", (c) => c.notNull())
        .addColumn("delisted_at", "bigint")
        .addColumn("delist_reason", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("listings_pk", ["campaign_id", "product_id"])
        .execute();
      await db.schema
        .createIndex("listings_venue_order")
        .on("listings")
        .columns(["campaign_id", "weight desc", "registered_at", "product_id"])
        .execute();

      await db.schema
        .createTable("campaign_merchants")
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("exited_at", "bigint")
        .addColumn("exit_reason", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("campaign_merchants_pk", ["campaign_id", "merchant_id"])
        .execute();

      await db.schema
        .createTable("tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("secret_hash", "text", (c) => c.notNull().unique())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text")
        .addColumn("label", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("revoked_at", "bigint")
        .execute();
    },
  };
}
