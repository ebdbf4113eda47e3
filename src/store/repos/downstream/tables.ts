/**
 * Row types of migration 0008: the inbox's read marks and the webhook outbox. Reached through
 * `withTables`, like the fulfilment tables, so this store stays one folder.
 */
import type { Db } from "../../types.js";
import type { FulfilmentTables } from "../fulfilment/tables.js";

export interface InboxReadsTable {
  campaign_id: string;
  merchant_id: string;
  /** Every decision with `seq` up to this is read. */
  decisions_seq: number;
  /** Every review outcome whose audit entry's `seq` is up to this is read. */
  audit_seq: number;
  updated_at: number;
}

export interface InboxMarksTable {
  campaign_id: string;
  merchant_id: string;
  /** `d:SEQ` (a decision) or `r:AUDITSEQ` (a review outcome). */
  notification_id: string;
  read_at: number;
}

export interface WebhookCursorsTable {
  endpoint: string;
  campaign_id: string;
  /** The last decision (`ff_decisions.seq`) the endpoint acknowledged; 0 before any. */
  delivered_seq: number;
  /** Failed attempts at the next decision since the last success. */
  attempts: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  last_status: number | null;
  last_error: string | null;
  delivered_count: number;
  /** SQLite only: the process delivering, and until when its claim holds. */
  lease_owner: string | null;
  lease_until: number | null;
  updated_at: number;
}

export type DownstreamTables = FulfilmentTables & {
  inbox_reads: InboxReadsTable;
  inbox_marks: InboxMarksTable;
  webhook_cursors: WebhookCursorsTable;
};

export const ds = (db: Db) => db.withTables<DownstreamTables>();
