/**
 * Orders as typed columns instead of a JSON record, and their open deadlines as two columns of
 * the order row instead of rows of `ff_obligations`.
 *
 * Why: a batch of events rewrites a few hundred orders, and every row rewritten is a page in the
 * commit. The JSON record made a row ~450 bytes (9 to a page) and each obligation change was a
 * delete and an insert in a table keyed by order id, landing on pages all over its two indexes.
 * As columns a row is ~120 bytes; the table stays clustered by insertion order (rowid), so the
 * orders a batch touches (mostly recent ones) share pages; the deadlines are found through two
 * partial indexes holding only the open ones (`… where ship_due_at is not null`).
 *
 * `refund_ids` is the JSON array of refund ids, `violations` the violation kinds joined by
 * commas; both are `null` when empty (nearly always). `late` stays: 1 once the order has a
 * late-shipment violation.
 *
 * The existing rows are converted: the record's fields become the columns (its `shipDueAt` /
 * `pickupDueAt` are the open obligations, which `ff_obligations` mirrored), in the old table's
 * order, so a SQLite table keeps its clustering by insertion.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { MigrationContext } from "./context.js";

/** The 0003 record as stored (JSON): only what is converted. */
interface OldRecord {
  orderId: string;
  merchantId: string;
  productId: string;
  amountFen: number;
  buyerId: string;
  buyerRisk: string;
  paidAt: number;
  shipDueAt: number | null;
  shippedAt: number | null;
  pickupDueAt: number | null;
  pickedUpAt: number | null;
  deliveredAt: number | null;
  refundedAt: number | null;
  refundIds: string[];
  violations: string[];
}

const ROWS_PER_PAGE = 500;

export function migration0004({ dialect }: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const pg = dialect === "postgres";
      await sql`alter table ff_orders rename to ff_orders_0003`.execute(db);
      await db.schema.dropIndex("ff_orders_by_merchant").execute();
      if (pg) {
        // PostgreSQL names the key's index after the constraint, in one namespace per schema.
        await sql`alter table ff_orders_0003 rename constraint ff_orders_pk to ff_orders_0003_pk`.execute(
          db,
        );
      }

      await db.schema
        .createTable("ff_orders")
        .addColumn("campaign_id", "text", (c) => c.notNull())
        .addColumn("order_id", "text", (c) => c.notNull())
        .addColumn("merchant_id", "text", (c) => c.notNull())
        .addColumn("product_id", "text", (c) => c.notNull())
        .addColumn("amount_fen", "bigint", (c) => c.notNull())
        .addColumn("buyer_id", "text", (c) => c.notNull())
        .addColumn("buyer_risk", "text", (c) => c.notNull())
        .addColumn("paid_at", "bigint", (c) => c.notNull())
        .addColumn("ship_due_at", "bigint")
        .addColumn("shipped_at", "bigint")
        .addColumn("pickup_due_at", "bigint")
        .addColumn("picked_up_at", "bigint")
        .addColumn("delivered_at", "bigint")
        .addColumn("refunded_at", "bigint")
        .addColumn("refund_ids", "text")
        .addColumn("violations", "text")
        .addColumn("late", "integer", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("ff_orders_pk", ["campaign_id", "order_id"])
        .execute();

      // Page through the old rows in their order (SQLite: rowid, i.e. insertion).
      let after: RawBuilder<unknown> = pg ? sql`true` : sql`rowid > -1`;
      for (;;) {
        const { rows } = await (pg
          ? sql<{ k: string; campaign_id: string; record: string; updated_at: number }>`
              select order_id as k, campaign_id, record, updated_at from ff_orders_0003
              where ${after} order by campaign_id, order_id limit ${ROWS_PER_PAGE}`
          : sql<{ k: number; campaign_id: string; record: string; updated_at: number }>`
              select rowid as k, campaign_id, record, updated_at from ff_orders_0003
              where ${after} order by rowid limit ${ROWS_PER_PAGE}`
        ).execute(db);
        if (rows.length === 0) break;
        const tuples = rows.map((r) => {
          const o = JSON.parse(r.record) as OldRecord;
          const values = [
            r.campaign_id,
            o.orderId,
            o.merchantId,
            o.productId,
            o.amountFen,
            o.buyerId,
            o.buyerRisk,
            o.paidAt,
            o.shipDueAt,
            o.shippedAt,
            o.pickupDueAt,
            o.pickedUpAt,
            o.deliveredAt,
            o.refundedAt,
            o.refundIds.length === 0 ? null : JSON.stringify(o.refundIds),
            o.violations.length === 0 ? null : o.violations.join(","),
            o.violations.includes("late_shipment") ? 1 : 0,
            Number(r.updated_at),
          ];
          return sql`(${sql.join(values)})`;
        });
        await sql`insert into ff_orders values ${sql.join(tuples)}`.execute(db);
        const last = rows[rows.length - 1]!;
        after = pg
          ? sql`(campaign_id, order_id) > (${last.campaign_id}, ${last.k})`
          : sql`rowid > ${last.k}`;
      }

      await db.schema.dropTable("ff_orders_0003").execute();
      await db.schema.dropTable("ff_obligations").execute();

      await db.schema
        .createIndex("ff_orders_by_merchant")
        .on("ff_orders")
        // Merchant first: the 48 h pickup rate reads a merchant's orders across campaigns.
        .columns(["merchant_id", "paid_at"])
        .execute();
      // The open obligations, for the sweeper and for a batch's "what falls due before me".
      await db.schema
        .createIndex("ff_orders_ship_due")
        .on("ff_orders")
        .columns(["campaign_id", "ship_due_at"])
        .where(sql.ref("ship_due_at"), "is not", null)
        .execute();
      await db.schema
        .createIndex("ff_orders_pickup_due")
        .on("ff_orders")
        .columns(["campaign_id", "pickup_due_at"])
        .where(sql.ref("pickup_due_at"), "is not", null)
        .execute();
    },
  };
}
