/** The audit log: every state transition with who, when and why; append-only. */

import type { Selectable } from "kysely";
import { bulkInsert } from "../bulk-insert.js";
import { storedJson } from "../corrupt.js";
import type { AuditLogTable } from "../schema.js";
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

const APPEND = {
  table: "audit_log",
  columns: [
    "at",
    "actor_role",
    "actor_id",
    "action",
    "campaign_id",
    "subject_type",
    "subject_id",
    "from_state",
    "to_state",
    "reason",
    "detail",
  ],
} as const;

export async function appendAudit(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  await bulkInsert(
    db,
    APPEND,
    entries.map((e) => [
      e.at,
      e.actorRole,
      e.actorId,
      e.action,
      e.campaignId,
      e.subjectType,
      e.subjectId,
      e.fromState,
      e.toState,
      e.reason,
      e.detail === undefined ? null : JSON.stringify(e.detail),
    ]),
  );
}

export interface AuditQuery {
  subjectType?: string;
  subjectId?: string;
  campaignId?: string;
  afterSeq?: number;
  limit: number;
}

/** Entries in the order they were written. */
export async function readAudit(db: Db, q: AuditQuery): Promise<StoredAuditEntry[]> {
  let query = db.selectFrom("audit_log").selectAll();
  if (q.subjectType !== undefined) query = query.where("subject_type", "=", q.subjectType);
  if (q.subjectId !== undefined) query = query.where("subject_id", "=", q.subjectId);
  if (q.campaignId !== undefined) query = query.where("campaign_id", "=", q.campaignId);
  if (q.afterSeq !== undefined) query = query.where("seq", ">", q.afterSeq);
  return readAuditRows(query.orderBy("seq").limit(q.limit));
}

/** Runs a select of whole audit rows (any filter and order) and maps them to entries. */
export async function readAuditRows(query: {
  execute(): Promise<Selectable<AuditLogTable>[]>;
}): Promise<StoredAuditEntry[]> {
  const rows = await query.execute();
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
    detail:
      r.detail === null
        ? undefined
        : storedJson({ table: "audit_log", column: "detail", key: String(r.seq) }, r.detail),
  }));
}
