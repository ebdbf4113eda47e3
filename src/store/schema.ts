/**
 * Table shapes as Kysely sees them. Columns are snake_case; instants are epoch milliseconds
 * (bigint in PostgreSQL, parsed back to numbers), money is integer fen, JSON is text.
 */
import type { ColumnType, Generated } from "kysely";

export interface CampaignsTable {
  id: string;
  current_hash: string;
  updated_at: number;
}

export interface CampaignVersionsTable {
  hash: string;
  campaign_id: string;
  /** The campaign file's text, so any process can rebuild the exact version from its hash. */
  source: string;
  source_name: string;
  loaded_at: number;
  loaded_by: string;
  /** Why it was published (the editor asks); `null` for files loaded at start. */
  comment: string | null;
}

export interface MerchantsTable {
  id: string;
  main_category: string | null;
  snapshot_hash: string;
  /** Current facts as JSON (the body of `snapshot_hash`). */
  facts: string;
  updated_at: number;
}

export interface ProductsTable {
  id: string;
  merchant_id: string;
  category: string | null;
  snapshot_hash: string;
  facts: string;
  updated_at: number;
}

/** Every fact snapshot ever seen, by content hash: registrations point here. */
export interface FactSnapshotsTable {
  hash: string;
  kind: "merchant" | "product";
  subject_id: string;
  body: string;
  created_at: number;
}

export interface RegistrationsTable {
  id: string;
  campaign_id: string;
  campaign_hash: string;
  merchant_id: string;
  product_id: string;
  category: string | null;
  state: string;
  merchant_snapshot_hash: string;
  product_snapshot_hash: string;
  /** JSON `{merchant: Failure[], product: Failure[]}` of the last judgement. */
  failures: string;
  registered_at: number;
  review_due_at: number | null;
  reviewed_at: number | null;
  reviewed_by: string | null;
  review_reason: string | null;
  replaces_product_id: string | null;
  attempts: number;
  updated_at: number;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: number;
  actor_role: string;
  actor_id: string;
  action: string;
  campaign_id: string | null;
  subject_type: string;
  subject_id: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  /** JSON with whatever else explains the transition (failures, snapshot hashes). */
  detail: string | null;
}

/** A product's place in a campaign venue; the fulfilment engine lowers `weight` or delists. */
export interface ListingsTable {
  campaign_id: string;
  product_id: string;
  merchant_id: string;
  registration_id: string;
  weight: number;
  registered_at: number;
  listed_at: number;
  delisted_at: number | null;
  delist_reason: string | null;
  updated_at: number;
  /** `venue_versions.version` of the last change to what the venue shows of this listing. */
  venue_version: ColumnType<number, number | undefined, number>;
  /** Out of the venue while its facts fail a `recheck: continuous` rule (0008); `null`: not. */
  suspended_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** The failing rule codes (JSON array), and the failures with their messages (JSON). */
  suspended_rules: ColumnType<string | null, string | null | undefined, string | null>;
  suspended_failures: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A merchant's appeal against a violation, and the operator's decision (0008). */
export interface AppealsTable {
  id: string;
  campaign_id: string;
  merchant_id: string;
  order_id: string;
  product_id: string;
  kind: string;
  /** The violation's instant (its missed deadline): the appeal window runs from it. */
  violation_at: number;
  reason: string;
  /** JSON `{trackingNo?, carrier?, pickedUpAt?, note?}`; `null` without evidence. */
  evidence: string | null;
  status: "open" | "upheld" | "dismissed" | "lapsed";
  filed_at: number;
  filed_by: string;
  /** When the operator's decision is due (filed + the campaign's SLA). */
  due_at: number;
  decided_at: number | null;
  decided_by: string | null;
  decision_note: string | null;
  /** JSON array of the decisions an upheld appeal caused (the revocation and its corrections). */
  outcome: string | null;
  updated_at: number;
}

/** One counter per campaign, bumped by every transaction that changes its venue (0006). */
export interface VenueVersionsTable {
  campaign_id: string;
  version: number;
}

/** A merchant's standing in one campaign; `exited_at` set = all its products leave the venue. */
export interface CampaignMerchantsTable {
  campaign_id: string;
  merchant_id: string;
  exited_at: number | null;
  exit_reason: string | null;
  updated_at: number;
}

export interface TokensTable {
  id: string;
  /** sha-256 of the secret, hex: the secret itself is never stored. */
  secret_hash: string;
  role: string;
  merchant_id: string | null;
  label: string | null;
  created_at: number;
  revoked_at: number | null;
}

/** A merchant's answer to a refund awaiting it (issue 15), apart from the engine's tables. */
export interface RefundResponsesTable {
  campaign_id: string;
  order_id: string;
  refund_id: string;
  merchant_id: string;
  decision: "approve" | "refuse";
  note: string | null;
  decided_at: number;
  decided_by: string;
}

export interface Database {
  campaigns: CampaignsTable;
  campaign_versions: CampaignVersionsTable;
  merchants: MerchantsTable;
  products: ProductsTable;
  fact_snapshots: FactSnapshotsTable;
  registrations: RegistrationsTable;
  audit_log: AuditLogTable;
  listings: ListingsTable;
  campaign_merchants: CampaignMerchantsTable;
  venue_versions: VenueVersionsTable;
  appeals: AppealsTable;
  tokens: TokensTable;
  refund_responses: RefundResponsesTable;
}
