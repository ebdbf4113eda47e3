/**
 * Disputes and continuous compliance (docs/interfaces.md, "Time, lateness and corrections"):
 *
 * - `appeals`: a merchant's appeal against a violation in force, with its evidence, the due time
 *   of the operator's decision (the campaign's SLA) and, once decided, who decided what and why.
 *   At most one open appeal per violation (`appeals_one_open`, a partial unique index: two
 *   concurrent filings cannot both get in). Read by due time, per campaign and per merchant.
 * - `listings.suspended_at` / `suspended_rules` / `suspended_failures`: a listing whose facts
 *   stopped meeting a `recheck: continuous` rule is out of the venue until they meet it again
 *   (`listing.suspended` / `listing.restored`); the rule codes and the failures (with their
 *   bilingual messages) say why, for the merchant's campaign page. The venue's rule
 *   (`venueVisible`) hides a suspended listing.
 */
import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.js";

export function migration0012(_context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("appeals")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("order_id", "text", (c) => c.notNull())
        .addColumn("product_id", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("violation_at", "bigint", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("evidence", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("filed_at", "bigint", (c) => c.notNull())
        .addColumn("filed_by", "text", (c) => c.notNull())
        .addColumn("due_at", "bigint", (c) => c.notNull())
        .addColumn("decided_at", "bigint")
        .addColumn("decided_by", "text")
        .addColumn("decision_note", "text")
        .addColumn("outcome", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("appeals_by_due")
        .on("appeals")
        .columns(["campaign_id", "due_at", "id"])
        .execute();
      await db.schema
        .createIndex("appeals_by_merchant")
        .on("appeals")
        .columns(["campaign_id", "merchant_id", "due_at", "id"])
        .execute();
      await sql`create unique index appeals_one_open on appeals (campaign_id, order_id, kind)
        where status = 'open'`.execute(db);

      await db.schema.alterTable("listings").addColumn("suspended_at", "bigint").execute();
      await db.schema.alterTable("listings").addColumn("suspended_rules", "text").execute();
      await db.schema.alterTable("listings").addColumn("suspended_failures", "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`alter table listings drop column suspended_failures`.execute(db);
      await sql`alter table listings drop column suspended_rules`.execute(db);
      await sql`alter table listings drop column suspended_at`.execute(db);
      await db.schema.dropTable("appeals").execute();
    },
  };
}
