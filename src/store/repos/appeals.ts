/**
 * Appeals against violations (migration 0008): filed by a merchant, decided once by an operator.
 * One open appeal per violation is the database's own rule (a partial unique index), so two
 * filings at once cannot both get in; a decision changes an appeal only while it is open.
 */
import type { AppealsTable } from "../schema.js";
import type { Db } from "../types.js";

export type AppealStatus = AppealsTable["status"];

export interface AppealRecord {
  id: string;
  campaignId: string;
  merchantId: string;
  orderId: string;
  productId: string;
  kind: string;
  violationAt: number;
  reason: string;
  /** JSON text, or `null` without evidence. */
  evidence: string | null;
  status: AppealStatus;
  filedAt: number;
  filedBy: string;
  dueAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
  decisionNote: string | null;
  /** JSON array of the decisions an uphold caused. */
  outcome: string | null;
}

/** `false`: an appeal for this violation is open already (nothing written). */
export async function insertAppeal(db: Db, a: AppealRecord, at: number): Promise<boolean> {
  const r = await db
    .insertInto("appeals")
    .values({
      id: a.id,
      campaign_id: a.campaignId,
      merchant_id: a.merchantId,
      order_id: a.orderId,
      product_id: a.productId,
      kind: a.kind,
      violation_at: a.violationAt,
      reason: a.reason,
      evidence: a.evidence,
      status: a.status,
      filed_at: a.filedAt,
      filed_by: a.filedBy,
      due_at: a.dueAt,
      decided_at: a.decidedAt,
      decided_by: a.decidedBy,
      decision_note: a.decisionNote,
      outcome: a.outcome,
      updated_at: at,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The appeals against one violation (an order's of a kind). */
function appealsOfViolation(db: Db, campaignId: string, orderId: string, kind: string) {
  return db
    .selectFrom("appeals")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("order_id", "=", orderId)
    .where("kind", "=", kind);
}

export async function openAppealFor(
  db: Db,
  campaignId: string,
  orderId: string,
  kind: string,
): Promise<AppealRecord | undefined> {
  const q = appealsOfViolation(db, campaignId, orderId, kind);
  const row = await q.where("status", "=", "open").executeTakeFirst();
  return row && toRecord(row);
}

export async function getAppeal(db: Db, id: string): Promise<AppealRecord | undefined> {
  const row = await db.selectFrom("appeals").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toRecord(row);
}

export interface AppealCursor {
  dueAt: number;
  id: string;
}

/** By due time (then id), the most urgent first. */
export async function appealsPage(
  db: Db,
  campaignId: string,
  filter: { merchantId?: string; status?: AppealStatus },
  after: AppealCursor | undefined,
  limit: number,
): Promise<AppealRecord[]> {
  let q = db.selectFrom("appeals").selectAll().where("campaign_id", "=", campaignId);
  if (filter.merchantId !== undefined) q = q.where("merchant_id", "=", filter.merchantId);
  if (filter.status !== undefined) q = q.where("status", "=", filter.status);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("due_at", ">", after.dueAt),
        eb.and([eb("due_at", "=", after.dueAt), eb("id", ">", after.id)]),
      ]),
    );
  }
  const rows = await q.orderBy("due_at").orderBy("id").limit(limit).execute();
  return rows.map(toRecord);
}

/** A campaign's appeals filed or decided at `since` or later (epoch ms), in the order filed. */
export async function appealsActedSince(
  db: Db,
  campaignId: string,
  since: number,
): Promise<AppealRecord[]> {
  const rows = await db
    .selectFrom("appeals")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where((eb) => eb.or([eb("filed_at", ">=", since), eb("decided_at", ">=", since)]))
    .orderBy("filed_at")
    .orderBy("id")
    .execute();
  return rows.map(toRecord);
}

/** The appeal against this violation filed at `filedAt`, if there is one. */
export async function appealFiledAt(
  db: Db,
  campaignId: string,
  orderId: string,
  kind: string,
  filedAt: number,
): Promise<AppealRecord | undefined> {
  const q = appealsOfViolation(db, campaignId, orderId, kind);
  const row = await q.where("filed_at", "=", filedAt).executeTakeFirst();
  return row && toRecord(row);
}

/**
 * Closes the open appeal against each violation a later fact revoked (status `lapsed`, no one's
 * decision); returns those closed.
 */
export async function lapseAppeals(
  db: Db,
  campaignId: string,
  violations: ReadonlyArray<{ orderId: string; kind: string }>,
  at: number,
  note: string,
): Promise<AppealRecord[]> {
  const lapsed: AppealRecord[] = [];
  for (const { orderId, kind } of violations) {
    const rows = await db
      .updateTable("appeals")
      .set({ status: "lapsed", decided_at: at, decision_note: note, updated_at: at })
      .where("campaign_id", "=", campaignId)
      .where("order_id", "=", orderId)
      .where("kind", "=", kind)
      .where("status", "=", "open")
      .returningAll()
      .execute();
    lapsed.push(...rows.map(toRecord));
  }
  return lapsed;
}

/** Records the decision if the appeal is still open; `false`: it was decided already. */
export async function decideAppeal(
  db: Db,
  id: string,
  d: {
    status: "upheld" | "dismissed";
    decidedAt: number;
    decidedBy: string;
    note: string;
    outcome: string | null;
  },
): Promise<boolean> {
  const r = await db
    .updateTable("appeals")
    .set({
      status: d.status,
      decided_at: d.decidedAt,
      decided_by: d.decidedBy,
      decision_note: d.note,
      outcome: d.outcome,
      updated_at: d.decidedAt,
    })
    .where("id", "=", id)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function toRecord(r: AppealsTable): AppealRecord {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    merchantId: r.merchant_id,
    orderId: r.order_id,
    productId: r.product_id,
    kind: r.kind,
    violationAt: Number(r.violation_at),
    reason: r.reason,
    evidence: r.evidence,
    status: r.status,
    filedAt: Number(r.filed_at),
    filedBy: r.filed_by,
    dueAt: Number(r.due_at),
    decidedAt: r.decided_at === null ? null : Number(r.decided_at),
    decidedBy: r.decided_by,
    decisionNote: r.decision_note,
    outcome: r.outcome,
  };
}
