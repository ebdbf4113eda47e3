/**
 * Event time (docs/interfaces.md, "Time, lateness and corrections"): an order keeps its facts and what was decided from
 * them, so a fact that arrives late can correct a decision. New columns of `ff_orders`: whether
 * it is a campaign order, the click's tracking number and carrier, the refund requests with
 * their verdicts (JSON), the violation in force with its deadline, the kinds revoked or waived,
 * the claim (JSON), the intercepts asked for, and `next_key`: the settle key of the order's next
 * pending decision, indexed where set — the sweeper's one range read, replacing the two
 * deadline indexes. `ff_merchants` gains `next_key` too (a final exit not yet settled), and
 * `ff_clock.clock` becomes the settled key (twice the old instant: everything before it).
 *
 * Existing rows are converted from what the old engine stored: its open obligations become the
 * next key; refunds, the violation's deadline, the claim (and a person's resolution of it) and
 * the intercepts are read back from the decisions. An old order with two violations (late and
 * never scanned) keeps the first in force, as the new rule (`ship.one_violation`) would have.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { MigrationContext } from "./context.js";

const ROWS_PER_PAGE = 500;

interface OldOrder {
  k: string | number;
  campaign_id: string;
  order_id: string;
  product_id: string;
  paid_at: number;
  ship_due_at: number | null;
  pickup_due_at: number | null;
  refund_ids: string | null;
  violations: string | null;
}

interface DecisionRow {
  effect_key: string;
  type: string;
  at: number;
  amount_fen: number | null;
  body: string;
}

export function migration0006({ dialect }: MigrationContext) {
  const pg = dialect === "postgres";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const add = (column: string, type: "text" | "bigint" | "integer", notNullDefault?: number) =>
        db.schema
          .alterTable("ff_orders")
          .addColumn(column, type, (c) =>
            notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault),
          )
          .execute();
      await add("campaign_order", "integer", 1);
      await add("tracking_no", "text");
      await add("carrier", "text");
      await add("refunds", "text");
      await add("waived", "text");
      await add("violation_at", "bigint");
      await add("revoked", "text");
      await add("claim", "text");
      await add("intercepts", "integer", 0);
      await add("next_key", "bigint");
      await db.schema.alterTable("ff_merchants").addColumn("next_key", "bigint").execute();

      await convertOrders(db, pg);
      await convertRecords(db);
      await sql`update ff_clock set clock = 2 * clock where clock is not null`.execute(db);

      await db.schema.dropIndex("ff_orders_ship_due").execute();
      await db.schema.dropIndex("ff_orders_pickup_due").execute();
      await db.schema
        .createIndex("ff_orders_next")
        .on("ff_orders")
        .columns(["campaign_id", "next_key"])
        .where(sql.ref("next_key"), "is not", null)
        .execute();
      await db.schema
        .createIndex("ff_merchants_next")
        .on("ff_merchants")
        .columns(["campaign_id", "next_key"])
        .where(sql.ref("next_key"), "is not", null)
        .execute();
      // An order's decisions, for its timeline (the violation, its revocation, ...).
      await db.schema
        .createIndex("ff_decisions_by_order")
        .on("ff_decisions")
        .columns(["campaign_id", "order_id", "seq"])
        .execute();
    },
  };
}

async function convertOrders(db: Kysely<unknown>, pg: boolean): Promise<void> {
  // A met obligation's deadline was not kept: it is the payment plus the listing's guarantee
  // (the reference default, 48 h, for a product the engine never listed).
  const { rows: listings } = await sql<{ campaign_id: string; product_id: string; record: string }>`
    select campaign_id, product_id, record from ff_listings`.execute(db);
  const guarantee = new Map(
    listings.map((l) => {
      const hours = (JSON.parse(l.record) as { shippingGuaranteeHours?: number | null })
        .shippingGuaranteeHours;
      return [`${l.campaign_id}\u0000${l.product_id}`, hours ?? 48] as const;
    }),
  );
  let after: RawBuilder<unknown> = pg ? sql`true` : sql`rowid > -1`;
  for (;;) {
    const { rows } = await (pg
      ? sql<OldOrder>`select order_id as k, campaign_id, order_id, product_id, paid_at,
            ship_due_at, pickup_due_at, refund_ids, violations from ff_orders
          where ${after} order by campaign_id, order_id limit ${ROWS_PER_PAGE}`
      : sql<OldOrder>`select rowid as k, campaign_id, order_id, product_id, paid_at,
            ship_due_at, pickup_due_at, refund_ids, violations from ff_orders
          where ${after} order by rowid limit ${ROWS_PER_PAGE}`
    ).execute(db);
    if (rows.length === 0) return;
    const decided = await decisionsOf(db, rows);
    for (const o of rows) {
      const key = (k: string) => decided.get(`${o.campaign_id}\u0000${k}`);
      const dues = [o.ship_due_at, o.pickup_due_at].filter((d): d is number => d !== null);
      const nextKey = dues.length === 0 ? null : 2 * Math.min(...dues.map(Number)) + 1;
      const ids = o.refund_ids === null ? [] : (JSON.parse(o.refund_ids) as string[]);
      const refunds = ids.map((refundId) => {
        const d = key(`refund:${o.order_id}:${refundId}`);
        const body = d ? (JSON.parse(d.body) as { reason?: string }) : {};
        const approved = d?.type === "refund.approved";
        return {
          refundId,
          at: d ? Number(d.at) : 0,
          amountFen: approved ? Number(d.amount_fen ?? 0) : 0,
          kind: body.reason === "kind" ? "return_refund" : "refund_only",
          decided: approved ? "approved" : (body.reason ?? "already_refunded"),
        };
      });
      const kind = o.violations === null ? null : o.violations.split(",")[0]!;
      const violation = kind === null ? undefined : key(`violation:${o.order_id}:${kind}`);
      const claimKey = `claim:${o.order_id}:${kind}`;
      const claimed = kind === null ? undefined : key(claimKey);
      const resolved = kind === null ? undefined : key(`resolve:${claimKey}`);
      let claim: object | null = null;
      if (claimed !== undefined) {
        const paid = (resolved ?? claimed).type === "claim.paid";
        const declined = resolved?.type === "claim.declined";
        claim = {
          kind,
          status: paid ? "paid" : declined ? "declined" : "held",
          amountFen: paid ? Number((resolved ?? claimed).amount_fen ?? 0) : 0,
        };
      }
      const hours = guarantee.get(`${o.campaign_id}\u0000${o.product_id}`) ?? 48;
      const shipDueAt = o.ship_due_at ?? Number(o.paid_at) + hours * 3_600_000;
      const intercepts =
        (key(`intercept:${o.order_id}:online_click`) ? 1 : 0) |
        (key(`intercept:${o.order_id}:carrier_pickup`) ? 2 : 0);
      await sql`update ff_orders set
          next_key = ${nextKey},
          refunds = ${refunds.length === 0 ? null : JSON.stringify(refunds)},
          violations = ${kind},
          violation_at = ${violation ? Number(violation.at) : null},
          claim = ${claim === null ? null : JSON.stringify(claim)},
          intercepts = ${intercepts},
          ship_due_at = ${shipDueAt}
        where campaign_id = ${o.campaign_id} and order_id = ${o.order_id}`.execute(db);
    }
    const last = rows[rows.length - 1]!;
    after = pg
      ? sql`(campaign_id, order_id) > (${last.campaign_id}, ${last.k})`
      : sql`rowid > ${last.k}`;
  }
}

/** The old engine's decisions about these orders, by campaign and effect key. */
async function decisionsOf(
  db: Kysely<unknown>,
  orders: readonly OldOrder[],
): Promise<Map<string, DecisionRow>> {
  const out = new Map<string, DecisionRow>();
  const byCampaign = new Map<string, string[]>();
  for (const o of orders) {
    const keys = byCampaign.get(o.campaign_id) ?? [];
    byCampaign.set(o.campaign_id, keys);
    for (const kind of ["late_shipment", "false_shipment"]) {
      keys.push(`violation:${o.order_id}:${kind}`, `claim:${o.order_id}:${kind}`);
      keys.push(`resolve:claim:${o.order_id}:${kind}`);
    }
    keys.push(`intercept:${o.order_id}:online_click`, `intercept:${o.order_id}:carrier_pickup`);
    for (const id of o.refund_ids === null ? [] : (JSON.parse(o.refund_ids) as string[])) {
      keys.push(`refund:${o.order_id}:${id}`);
    }
  }
  for (const [campaignId, keys] of byCampaign) {
    for (let i = 0; i < keys.length; i += 1000) {
      const slice = keys.slice(i, i + 1000);
      const { rows } = await sql<DecisionRow>`
        select effect_key, type, at, amount_fen, body from ff_decisions
        where campaign_id = ${campaignId} and effect_key in (${sql.join(slice)})`.execute(db);
      for (const r of rows) out.set(`${campaignId}\u0000${r.effect_key}`, r);
    }
  }
  return out;
}

/** Listing and merchant records (JSON) gain the fields the new engine keeps. */
async function convertRecords(db: Kysely<unknown>): Promise<void> {
  const { rows: listings } = await sql<{
    campaign_id: string;
    product_id: string;
    record: string;
  }>`select campaign_id, product_id, record from ff_listings`.execute(db);
  for (const l of listings) {
    const r = JSON.parse(l.record) as Record<string, unknown>;
    const record = { ...r, delistedAt: r.delistedAt ?? null, changes: r.changes ?? 0 };
    await sql`update ff_listings set record = ${JSON.stringify(record)}
      where campaign_id = ${l.campaign_id} and product_id = ${l.product_id}`.execute(db);
  }
  const { rows: merchants } = await sql<{
    campaign_id: string;
    merchant_id: string;
    record: string;
  }>`select campaign_id, merchant_id, record from ff_merchants`.execute(db);
  for (const m of merchants) {
    const r = JSON.parse(m.record) as Record<string, unknown>;
    const final =
      r.exitReason === "exception_report" ? { at: r.exitedAt, reason: r.exitReason } : null;
    const record = {
      ...r,
      finalExit: r.finalExit ?? final,
      finalApplied: r.finalApplied ?? final !== null,
      changes: r.changes ?? 0,
      nextKey: null,
    };
    await sql`update ff_merchants set record = ${JSON.stringify(record)}
      where campaign_id = ${m.campaign_id} and merchant_id = ${m.merchant_id}`.execute(db);
  }
}
