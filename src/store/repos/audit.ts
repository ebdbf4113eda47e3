/** The audit log: every state transition with who, when and why; append-only. */
import { chunk, rowsPerInsert } from "../chunk.js";
import type { Db } from "../types.js";

export interface AuditEntry {
  at: number;
  actorRole: string;
  actorId: string;
  action: string;
  campaignId: string | null;
  subjectType: string;
  subjectId: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  /** Anything else that explains the entry; stored as JSON. */
  detail?: unknown;
}

export interface StoredAuditEntry extends AuditEntry {
  seq: number;
}

export async function appendAudit(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  for (const slice of chunk(entries, rowsPerInsert(11))) {
    await db
      .insertInto("audit_log")
      .values(
        slice.map((e) => ({
          at: e.at,
          actor_role: e.actorRole,
          actor_id: e.actorId,
          action: e.action,
          campaign_id: e.campaignId,
          subject_type: e.subjectType,
          subject_id: e.subjectId,
          from_state: e.fromState,
          to_state: e.toState,
          reason: e.reason,
          detail: e.detail === undefined ? null : JSON.stringify(e.detail),
        })),
      )
      .execute();
  }
}

export interface AuditQuery {
  subjectId?: string;
  campaignId?: string;
  afterSeq?: number;
  limit: number;
}

/** Entries in the order they were written. */
export async function readAudit(db: Db, q: AuditQuery): Promise<StoredAuditEntry[]> {
  let query = db.selectFrom("audit_log").selectAll();
  if (q.subjectId !== undefined) query = query.where("subject_id", "=", q.subjectId);
  if (q.campaignId !== undefined) query = query.where("campaign_id", "=", q.campaignId);
  if (q.afterSeq !== undefined) query = query.where("seq", ">", q.afterSeq);
  const rows = await query.orderBy("seq").limit(q.limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actorRole: r.actor_role,
    actorId: r.actor_id,
    action: r.action,
    campaignId: r.campaign_id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    fromState: r.from_state,
    toState: r.to_state,
    reason: r.reason,
    detail: r.detail === null ? undefined : JSON.parse(r.detail),
  }));
}
