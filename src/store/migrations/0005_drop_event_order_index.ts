/**
 * Drops `ff_events_by_order` (0003): no query reads events by order — the engine's state lives in
 * `ff_orders`, and the log is read by event id only (idempotency). The index cost every event a
 * B-tree insert at a random place, and a refund's commit a page of it per order touched: about a
 * fifth of the pages an instant-refund commit writes. Should the console one day list an order's
 * events, a migration adds it back.
 */
import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.js";

export function migration0005(_context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("ff_events_by_order").ifExists().execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`create index if not exists ff_events_by_order on ff_events (campaign_id, order_id)`.execute(
        db,
      );
    },
  };
}
