/**
 * A merchant's inbox, read from what is already stored: the engine's decisions about it
 * (`ff_decisions`, by `seq`) and its review outcomes (the audit log's `review.*` entries on its
 * registrations). Nothing is written for a notification; only what the merchant has read is
 * (`inbox_reads`, `inbox_marks`).
 *
 * A merchant's decisions are read type by type on `ff_decisions_by_merchant` (campaign,
 * merchant, type, seq), newest first, and merged: each type's range is an index range, so a
 * merchant with a hundred thousand instant refunds (not notified) costs nothing here. The types
 * a merchant has are found with a loose index scan (one index probe per type), so a decision
 * type added later shows without a change here.
 */
import { sql } from "kysely";
import type { Db } from "../../types.js";
import { ds } from "./tables.js";

export interface InboxScope {
  campaignId: string;
  merchantId: string;
}

/** Every decision type stored about the merchant in the campaign. */
export async function merchantDecisionTypes(db: Db, s: InboxScope): Promise<string[]> {
  const { rows } = await sql<{ type: string | null }>`
    with recursive t(type) as (
      select min(type) from ff_decisions
        where campaign_id = ${s.campaignId} and merchant_id = ${s.merchantId}
      union all
      select (select min(d.type) from ff_decisions d
                where d.campaign_id = ${s.campaignId} and d.merchant_id = ${s.merchantId}
                  and d.type > t.type)
        from t where t.type is not null
    )
    select type from t where type is not null`.execute(db);
  return rows.map((r) => r.type!);
}

export interface InboxDecisionRow {
  seq: number;
  effectKey: string;
  type: string;
  at: number;
  createdAt: number;
  orderId: string | null;
  productId: string | null;
  body: string;
}

/** The newest decisions of these types with `seq < beforeSeq`, newest first. */
export async function inboxDecisions(
  db: Db,
  s: InboxScope,
  types: readonly string[],
  beforeSeq: number,
  limit: number,
): Promise<InboxDecisionRow[]> {
  const out: InboxDecisionRow[] = [];
  for (const type of types) {
    const rows = await ds(db)
      .selectFrom("ff_decisions")
      .select(["seq", "effect_key", "type", "at", "created_at", "order_id", "product_id", "body"])
      .where("campaign_id", "=", s.campaignId)
      .where("merchant_id", "=", s.merchantId)
      .where("type", "=", type)
      .where("seq", "<", beforeSeq)
      .orderBy("seq", "desc")
      .limit(limit)
      .execute();
    for (const r of rows) {
      out.push({
        seq: Number(r.seq),
        effectKey: r.effect_key,
        type: r.type,
        at: Number(r.at),
        createdAt: Number(r.created_at),
        orderId: r.order_id,
        productId: r.product_id,
        body: r.body,
      });
    }
  }
  return out.sort((a, b) => b.seq - a.seq).slice(0, limit);
}

/** How many decisions of these types have `seq > afterSeq`. */
export async function countDecisionsAfter(
  db: Db,
  s: InboxScope,
  types: readonly string[],
  afterSeq: number,
): Promise<number> {
  let n = 0;
  for (const type of types) {
    const row = await ds(db)
      .selectFrom("ff_decisions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("campaign_id", "=", s.campaignId)
      .where("merchant_id", "=", s.merchantId)
      .where("type", "=", type)
      .where("seq", ">", afterSeq)
      .executeTakeFirst();
    n += Number(row?.n ?? 0);
  }
  return n;
}

export async function maxDecisionSeq(db: Db, s: InboxScope): Promise<number> {
  const row = await ds(db)
    .selectFrom("ff_decisions")
    .select((eb) => eb.fn.max("seq").as("m"))
    .where("campaign_id", "=", s.campaignId)
    .where("merchant_id", "=", s.merchantId)
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

/** One decision about the merchant, or undefined. */
export async function inboxDecision(
  db: Db,
  s: InboxScope,
  seq: number,
): Promise<{ type: string } | undefined> {
  return ds(db)
    .selectFrom("ff_decisions")
    .select("type")
    .where("seq", "=", seq)
    .where("campaign_id", "=", s.campaignId)
    .where("merchant_id", "=", s.merchantId)
    .executeTakeFirst();
}

export interface ReviewOutcomeRow {
  auditSeq: number;
  at: number;
  /** `review.approve`, `review.reject`, `appeal.uphold` or `appeal.dismiss`. */
  action: string;
  approved: boolean;
  /** The reviewer's reason, or the operator's note on an appeal. */
  reason: string | null;
  /** The registration reviewed; `null` for an appeal. */
  registrationId: string | null;
  productId: string;
  /** The order appealed; `null` for a review. */
  orderId: string | null;
}

const REVIEW_ACTIONS = ["review.approve", "review.reject"];
const APPEAL_ACTIONS = ["appeal.uphold", "appeal.dismiss"];

/**
 * The merchant's outcomes in the audit log: the reviews of its registrations and the decisions
 * on its appeals (a dismissal is no engine decision, so this is the only way the merchant hears
 * of it). Each part starts from the merchant's own rows, as before appeals were added.
 */
function outcomes(db: Db, s: InboxScope) {
  const reviews = db
    .selectFrom("registrations as r")
    .innerJoin("audit_log as a", "a.subject_id", "r.id")
    .where("r.campaign_id", "=", s.campaignId)
    .where("r.merchant_id", "=", s.merchantId)
    .where("a.subject_type", "=", "registration")
    .where("a.action", "in", REVIEW_ACTIONS)
    .select([
      "a.seq as seq",
      "a.at as at",
      "a.action as action",
      "a.reason as reason",
      (eb) => eb.ref("r.id").$castTo<string | null>().as("registration_id"),
      "r.product_id as product_id",
      sql<string | null>`cast(null as text)`.as("order_id"),
    ]);
  const appeals = db
    .selectFrom("appeals as p")
    .innerJoin("audit_log as a", "a.subject_id", "p.id")
    .where("p.campaign_id", "=", s.campaignId)
    .where("p.merchant_id", "=", s.merchantId)
    .where("a.subject_type", "=", "appeal")
    .where("a.action", "in", APPEAL_ACTIONS)
    .select([
      "a.seq as seq",
      "a.at as at",
      "a.action as action",
      "a.reason as reason",
      sql<string | null>`cast(null as text)`.as("registration_id"),
      "p.product_id as product_id",
      (eb) => eb.ref("p.order_id").$castTo<string | null>().as("order_id"),
    ]);
  return db.selectFrom(reviews.unionAll(appeals).as("o"));
}

/** The merchant's review and appeal outcomes with audit `seq < beforeSeq`, newest first. */
export async function reviewOutcomes(
  db: Db,
  s: InboxScope,
  beforeSeq: number,
  limit: number,
): Promise<ReviewOutcomeRow[]> {
  const rows = await outcomes(db, s)
    .selectAll()
    .where("o.seq", "<", beforeSeq)
    .orderBy("o.seq", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    auditSeq: Number(r.seq),
    at: Number(r.at),
    action: r.action,
    approved: r.action === "review.approve",
    reason: r.reason,
    registrationId: r.registration_id,
    productId: r.product_id,
    orderId: r.order_id,
  }));
}

export async function countReviewsAfter(db: Db, s: InboxScope, afterSeq: number): Promise<number> {
  const row = await outcomes(db, s)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("o.seq", ">", afterSeq)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function maxReviewSeq(db: Db, s: InboxScope): Promise<number> {
  const row = await outcomes(db, s)
    .select((eb) => eb.fn.max("o.seq").as("m"))
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

export async function hasReviewOutcome(db: Db, s: InboxScope, auditSeq: number): Promise<boolean> {
  const row = await outcomes(db, s)
    .select("o.seq")
    .where("o.seq", "=", auditSeq)
    .executeTakeFirst();
  return row !== undefined;
}

export interface ReadState {
  decisionsSeq: number;
  auditSeq: number;
  /** Notifications marked read one by one above those marks. */
  marked: Set<string>;
}

export async function readState(db: Db, s: InboxScope): Promise<ReadState> {
  const row = await ds(db)
    .selectFrom("inbox_reads")
    .select(["decisions_seq", "audit_seq"])
    .where("campaign_id", "=", s.campaignId)
    .where("merchant_id", "=", s.merchantId)
    .executeTakeFirst();
  const marks = await ds(db)
    .selectFrom("inbox_marks")
    .select("notification_id")
    .where("campaign_id", "=", s.campaignId)
    .where("merchant_id", "=", s.merchantId)
    .execute();
  return {
    decisionsSeq: Number(row?.decisions_seq ?? 0),
    auditSeq: Number(row?.audit_seq ?? 0),
    marked: new Set(marks.map((m) => m.notification_id)),
  };
}

export async function addMarks(
  db: Db,
  s: InboxScope,
  ids: readonly string[],
  at: number,
): Promise<void> {
  if (ids.length === 0) return;
  await ds(db)
    .insertInto("inbox_marks")
    .values(
      ids.map((id) => ({
        campaign_id: s.campaignId,
        merchant_id: s.merchantId,
        notification_id: id,
        read_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(["campaign_id", "merchant_id", "notification_id"]).doNothing())
    .execute();
}

/** Everything up to these marks is read; single marks below them are dropped. */
export async function markAllRead(
  db: Db,
  s: InboxScope,
  decisionsSeq: number,
  auditSeq: number,
  at: number,
): Promise<void> {
  await ds(db)
    .insertInto("inbox_reads")
    .values({
      campaign_id: s.campaignId,
      merchant_id: s.merchantId,
      decisions_seq: decisionsSeq,
      audit_seq: auditSeq,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(["campaign_id", "merchant_id"]).doUpdateSet((eb) => ({
        // Never backwards: two "mark all" calls racing keep the further one.
        decisions_seq: sql`case when ${eb.ref("excluded.decisions_seq")} > inbox_reads.decisions_seq then ${eb.ref("excluded.decisions_seq")} else inbox_reads.decisions_seq end`,
        audit_seq: sql`case when ${eb.ref("excluded.audit_seq")} > inbox_reads.audit_seq then ${eb.ref("excluded.audit_seq")} else inbox_reads.audit_seq end`,
        updated_at: eb.ref("excluded.updated_at"),
      })),
    )
    .execute();
  await ds(db)
    .deleteFrom("inbox_marks")
    .where("campaign_id", "=", s.campaignId)
    .where("merchant_id", "=", s.merchantId)
    .execute();
}
