/**
 * What the systems downstream of the engine keep (issue 14, parts 3 and 4). Nothing here is
 * written while events are ingested: notifications and webhook deliveries are read from
 * `ff_decisions` (by `seq`) and the audit log after the fact.
 *
 * - `inbox_reads`: per campaign and merchant, how far the merchant has read its inbox with
 *   "mark all read": every decision up to `decisions_seq` and every review outcome up to
 *   `audit_seq` (the audit log's seq) counts as read.
 * - `inbox_marks`: single notifications marked read above those marks (`d:SEQ`, `r:AUDITSEQ`);
 *   "mark all read" deletes them, since the new marks cover them.
 * - `webhook_cursors`: the outbox of `gala serve --webhook`: per endpoint and campaign, the last
 *   decision delivered (`delivered_seq`), the attempts at the next one and when to try again,
 *   and a lease for SQLite (on PostgreSQL the deliverer holds the row `for update` instead).
 */
import type { Kysely } from "kysely";
import type { MigrationContext } from "./context.js";

export function migration0011(_context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("inbox_reads")
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("decisions_seq", "bigint", (c) => c.notNull())
        .addColumn("audit_seq", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("inbox_reads_pk", ["campaign_id", "merchant_id"])
        .execute();
      await db.schema
        .createTable("inbox_marks")
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("notification_id", "text", (c) => c.notNull())
        .addColumn("read_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("inbox_marks_pk", [
          "campaign_id",
          "merchant_id",
          "notification_id",
        ])
        .execute();
      await db.schema
        .createTable("webhook_cursors")
        .addColumn("endpoint", "text", (c) => c.notNull())
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("delivered_seq", "bigint", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", "bigint")
        .addColumn("last_attempt_at", "bigint")
        .addColumn("last_status", "integer")
        .addColumn("last_error", "text")
        .addColumn("delivered_count", "bigint", (c) => c.notNull())
        .addColumn("lease_owner", "text")
        .addColumn("lease_until", "bigint")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("webhook_cursors_pk", ["endpoint", "campaign_id"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("webhook_cursors").execute();
      await db.schema.dropTable("inbox_marks").execute();
      await db.schema.dropTable("inbox_reads").execute();
    },
  };
}
