/**
 * Keyset pages for the CSV exports: each query resumes strictly after the last row it gave, on
 * an index the table already has, so an export of a million rows reads a thousand at a time
 * and never holds more (no OFFSET, which rereads everything skipped, and no cursor held open
 * across pages, which would pin a connection and, on SQLite, a read snapshot).
 */
import { sql } from "kysely";
import type { Db } from "../../types.js";
import { isPostgres } from "../fulfilment/rows.js";
import { ds } from "./tables.js";

export interface ExportScope {
  campaignId: string;
  /** A merchant's own export; absent = the whole campaign (operators). */
  merchantId?: string;
}

export interface OrderExportRow {
  order_id: string;
  merchant_id: string;
  product_id: string;
  amount_fen: number;
  buyer_id: string;
  buyer_risk: string;
  paid_at: number;
  campaign_order: number;
  ship_due_at: number | null;
  shipped_at: number | null;
  tracking_no: string | null;
  carrier: string | null;
  picked_up_at: number | null;
  delivered_at: number | null;
  refunded_at: number | null;
  refund_ids: string | null;
  violations: string | null;
  violation_at: number | null;
  revoked: string | null;
  claim: string | null;
}

/**
 * A campaign's orders by order id (its primary key); a merchant's by payment time, then id (the
 * `ff_orders_by_merchant` index). The key is the last row's `[paid_at, order_id]`.
 */
export async function ordersExportPage(
  db: Db,
  scope: ExportScope,
  after: readonly [number, string] | undefined,
  limit: number,
): Promise<OrderExportRow[]> {
  let q = ds(db)
    .selectFrom("ff_orders")
    .select([
      "order_id",
      "merchant_id",
      "product_id",
      "amount_fen",
      "buyer_id",
      "buyer_risk",
      "paid_at",
      "campaign_order",
      "ship_due_at",
      "shipped_at",
      "tracking_no",
      "carrier",
      "picked_up_at",
      "delivered_at",
      "refunded_at",
      "refund_ids",
      "violations",
      "violation_at",
      "revoked",
      "claim",
    ])
    .where("campaign_id", "=", scope.campaignId);
  if (scope.merchantId === undefined) {
    if (after) q = q.where("order_id", ">", after[1]);
    q = q.orderBy("order_id");
  } else {
    q = q.where("merchant_id", "=", scope.merchantId);
    if (after) {
      const [paidAt, orderId] = after;
      q = q.where((eb) =>
        eb.or([
          eb("paid_at", ">", paidAt),
          eb.and([eb("paid_at", "=", paidAt), eb("order_id", ">", orderId)]),
        ]),
      );
    }
    q = q.orderBy("paid_at").orderBy("order_id");
  }
  return q.limit(limit).execute();
}

export interface DecisionExportRow {
  seq: number;
  effect_key: string;
  type: string;
  at: number;
  order_id: string | null;
  merchant_id: string | null;
  product_id: string | null;
  kind: string | null;
  amount_fen: number | null;
  body: string;
  created_at: number;
}

const DECISION_COLUMNS = [
  "d.seq",
  "d.effect_key",
  "d.type",
  "d.at",
  "d.order_id",
  "d.merchant_id",
  "d.product_id",
  "d.kind",
  "d.amount_fen",
  "d.body",
  "d.created_at",
] as const;

/** Decisions of the given types in the order taken (`seq`), after `afterSeq`. */
export async function decisionsExportPage(
  db: Db,
  scope: ExportScope,
  types: readonly string[],
  afterSeq: number,
  limit: number,
): Promise<DecisionExportRow[]> {
  let q = ds(db)
    .selectFrom("ff_decisions as d")
    .select(DECISION_COLUMNS)
    .where("d.campaign_id", "=", scope.campaignId)
    .where("d.type", "in", [...types])
    .where("d.seq", ">", afterSeq);
  if (scope.merchantId !== undefined) q = q.where("d.merchant_id", "=", scope.merchantId);
  return q.orderBy("d.seq").limit(limit).execute();
}

export interface ViolationExportRow extends DecisionExportRow {
  revoked_at: number | null;
  revoked_body: string | null;
}

/**
 * Violations recorded, each with its revocation when there is one: `violation:O:K#n` is undone
 * by `revoke:O:K#n` (app/fulfilment/effects.ts), found through the unique key.
 */
export async function violationsExportPage(
  db: Db,
  scope: ExportScope,
  afterSeq: number,
  limit: number,
): Promise<ViolationExportRow[]> {
  let q = ds(db)
    .selectFrom("ff_decisions as d")
    .leftJoin("ff_decisions as r", (j) =>
      j
        .onRef("r.campaign_id", "=", "d.campaign_id")
        .on("r.effect_key", "=", sql<string>`'revoke:' || substr(d.effect_key, 11)`),
    )
    .select(DECISION_COLUMNS)
    .select(["r.at as revoked_at", "r.body as revoked_body"])
    .where("d.campaign_id", "=", scope.campaignId)
    .where("d.type", "=", "violation.recorded")
    .where("d.seq", ">", afterSeq);
  if (scope.merchantId !== undefined) q = q.where("d.merchant_id", "=", scope.merchantId);
  return q.orderBy("d.seq").limit(limit).execute();
}

export interface RegistrationExportRow {
  id: string;
  merchant_id: string;
  product_id: string;
  category: string | null;
  state: string;
  campaign_hash: string;
  failures: string;
  registered_at: number;
  review_due_at: number | null;
  reviewed_at: number | null;
  reviewed_by: string | null;
  review_reason: string | null;
  replaces_product_id: string | null;
  attempts: number;
}

export async function registrationsExportPage(
  db: Db,
  scope: ExportScope,
  afterId: string | undefined,
  limit: number,
): Promise<RegistrationExportRow[]> {
  let q = db
    .selectFrom("registrations")
    .select([
      "id",
      "merchant_id",
      "product_id",
      "category",
      "state",
      "campaign_hash",
      "failures",
      "registered_at",
      "review_due_at",
      "reviewed_at",
      "reviewed_by",
      "review_reason",
      "replaces_product_id",
      "attempts",
    ])
    .where("campaign_id", "=", scope.campaignId);
  if (scope.merchantId !== undefined) q = q.where("merchant_id", "=", scope.merchantId);
  if (afterId !== undefined) q = q.where("id", ">", afterId);
  return q.orderBy("id").limit(limit).execute();
}

export interface AuditExportRow {
  seq: number;
  at: number;
  actor_role: string;
  actor_id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  detail: string | null;
}

/**
 * The campaign's audit log in order; for a merchant, the entries about its registrations
 * (registering, reviews): what it may see of who did what.
 */
export async function auditExportPage(
  db: Db,
  scope: ExportScope,
  afterSeq: number,
  limit: number,
): Promise<AuditExportRow[]> {
  const columns = [
    "a.seq",
    "a.at",
    "a.actor_role",
    "a.actor_id",
    "a.action",
    "a.subject_type",
    "a.subject_id",
    "a.from_state",
    "a.to_state",
    "a.reason",
    "a.detail",
  ] as const;
  if (scope.merchantId === undefined) {
    return db
      .selectFrom("audit_log as a")
      .select(columns)
      .where("a.campaign_id", "=", scope.campaignId)
      .where("a.seq", ">", afterSeq)
      .orderBy("a.seq")
      .limit(limit)
      .execute();
  }
  return db
    .selectFrom("audit_log as a")
    .innerJoin("registrations as r", "r.id", "a.subject_id")
    .select(columns)
    .where("r.campaign_id", "=", scope.campaignId)
    .where("r.merchant_id", "=", scope.merchantId)
    .where("a.subject_type", "=", "registration")
    .where("a.seq", ">", afterSeq)
    .orderBy("a.seq")
    .limit(limit)
    .execute();
}

/**
 * Whether a table exists in this store's schema (an export of a table another feature adds, in
 * a build that has it). `to_regclass` follows the search path, so another schema's table on the
 * same PostgreSQL does not count.
 */
export async function tableExists(db: Db, name: string): Promise<boolean> {
  if (isPostgres(db)) {
    const { rows } = await sql<{
      t: string | null;
    }>`select to_regclass(${name})::text as t`.execute(db);
    return rows[0]?.t != null;
  }
  const { rows } = await sql<{ n: string }>`
    select name as n from sqlite_master where type = 'table' and name = ${name}`.execute(db);
  return rows.length > 0;
}

export interface AppealExportRow {
  id: string;
  merchant_id: string;
  order_id: string;
  product_id: string;
  kind: string;
  violation_at: number;
  reason: string;
  evidence: string | null;
  status: string;
  filed_at: number;
  filed_by: string;
  due_at: number;
  decided_at: number | null;
  decided_by: string | null;
  decision_note: string | null;
}

/**
 * A campaign's appeals by due time, then id (`appeals_by_due`); a merchant's the same way
 * (`appeals_by_merchant`). The key is the last row's `[due_at, id]`.
 */
export async function appealsExportPage(
  db: Db,
  scope: ExportScope,
  after: readonly [number, string] | undefined,
  limit: number,
): Promise<AppealExportRow[]> {
  let q = db
    .selectFrom("appeals")
    .select([
      "id",
      "merchant_id",
      "order_id",
      "product_id",
      "kind",
      "violation_at",
      "reason",
      "evidence",
      "status",
      "filed_at",
      "filed_by",
      "due_at",
      "decided_at",
      "decided_by",
      "decision_note",
    ])
    .where("campaign_id", "=", scope.campaignId);
  if (scope.merchantId !== undefined) q = q.where("merchant_id", "=", scope.merchantId);
  if (after !== undefined) {
    const [dueAt, id] = after;
    q = q.where((eb) =>
      eb.or([eb("due_at", ">", dueAt), eb.and([eb("due_at", "=", dueAt), eb("id", ">", id)])]),
    );
  }
  return q.orderBy("due_at").orderBy("id").limit(limit).execute();
}
