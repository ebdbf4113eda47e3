/** Registrations: one row per (campaign, product), rewritten when a merchant registers again. */
import type { Selectable } from "kysely";
import { bulkInsert, upsertClause } from "../bulk-insert.js";
import { chunk } from "../chunk.js";
import { executeWithIdList, idList } from "../id-list.js";
import type { RegistrationsTable } from "../schema.js";
import type { Db } from "../types.js";

export interface RegistrationRecord {
  id: string;
  campaignId: string;
  campaignHash: string;
  merchantId: string;
  productId: string;
  category: string | null;
  state: string;
  merchantSnapshotHash: string;
  productSnapshotHash: string;
  /** JSON text, `{merchant: Failure[], product: Failure[]}`. */
  failures: string;
  registeredAt: number;
  reviewDueAt: number | null;
  reviewedAt: number | null;
  reviewedBy: string | null;
  reviewReason: string | null;
  replacesProductId: string | null;
  attempts: number;
  updatedAt: number;
}

type Row = Selectable<RegistrationsTable>;

export function fromRow(r: Row): RegistrationRecord {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    campaignHash: r.campaign_hash,
    merchantId: r.merchant_id,
    productId: r.product_id,
    category: r.category,
    state: r.state,
    merchantSnapshotHash: r.merchant_snapshot_hash,
    productSnapshotHash: r.product_snapshot_hash,
    failures: r.failures,
    registeredAt: r.registered_at,
    reviewDueAt: r.review_due_at,
    reviewedAt: r.reviewed_at,
    reviewedBy: r.reviewed_by,
    reviewReason: r.review_reason,
    replacesProductId: r.replaces_product_id,
    attempts: r.attempts,
    updatedAt: r.updated_at,
  };
}

/** The current registrations of these products in the campaign, by product id. */
export async function registrationsForProducts(
  db: Db,
  campaignId: string,
  productIds: readonly string[],
): Promise<Map<string, RegistrationRecord>> {
  const found = new Map<string, RegistrationRecord>();
  for (const slice of chunk(productIds, 20_000)) {
    if (slice.length === 0) continue;
    const query = db
      .selectFrom("registrations")
      .selectAll()
      .where("campaign_id", "=", campaignId)
      .where("product_id", "in", idList());
    for (const r of await executeWithIdList(db, query, slice)) found.set(r.product_id, fromRow(r));
  }
  return found;
}

/**
 * Writes registrations, new or again: the row for (campaign, product) keeps its id and is
 * otherwise replaced. The caller has already decided, under its lock, that each write is allowed.
 */
const REGISTRATION_COLUMNS = [
  "id",
  "campaign_id",
  "campaign_hash",
  "merchant_id",
  "product_id",
  "category",
  "state",
  "merchant_snapshot_hash",
  "product_snapshot_hash",
  "failures",
  "registered_at",
  "review_due_at",
  "reviewed_at",
  "reviewed_by",
  "review_reason",
  "replaces_product_id",
  "attempts",
  "updated_at",
] as const;

const SAVE = {
  table: "registrations",
  columns: REGISTRATION_COLUMNS,
  // Registering again rewrites the row for (campaign, product) and keeps its id.
  onConflict: upsertClause(
    ["campaign_id", "product_id"],
    REGISTRATION_COLUMNS.filter((c) => c !== "id" && c !== "campaign_id" && c !== "product_id"),
  ),
} as const;

/**
 * Writes registrations, new or again. The caller has already decided, under its lock, that each
 * write is allowed.
 */
export async function saveRegistrations(
  db: Db,
  records: readonly RegistrationRecord[],
): Promise<void> {
  await bulkInsert(
    db,
    SAVE,
    records.map((r) => [
      r.id,
      r.campaignId,
      r.campaignHash,
      r.merchantId,
      r.productId,
      r.category,
      r.state,
      r.merchantSnapshotHash,
      r.productSnapshotHash,
      r.failures,
      r.registeredAt,
      r.reviewDueAt,
      r.reviewedAt,
      r.reviewedBy,
      r.reviewReason,
      r.replacesProductId,
      r.attempts,
      r.updatedAt,
    ]),
  );
}

export async function getRegistrations(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, RegistrationRecord>> {
  const found = new Map<string, RegistrationRecord>();
  for (const slice of chunk(ids, 5000)) {
    if (slice.length === 0) continue;
    const rows = await db
      .selectFrom("registrations")
      .selectAll()
      .where("id", "in", slice)
      .execute();
    for (const r of rows) found.set(r.id, fromRow(r));
  }
  return found;
}

export async function getRegistration(db: Db, id: string): Promise<RegistrationRecord | undefined> {
  return (await getRegistrations(db, [id])).get(id);
}

export interface ReviewOutcomeWrite {
  id: string;
  fromState: string;
  toState: string;
  reviewedAt: number;
  reviewedBy: string;
  reason: string | null;
}

/**
 * Moves a registration out of review only if it is still in `fromState`: a concurrent reviewer
 * who got there first makes this answer false instead of overwriting their decision.
 */
export async function saveReviewOutcome(db: Db, w: ReviewOutcomeWrite): Promise<boolean> {
  const result = await db
    .updateTable("registrations")
    .set({
      state: w.toState,
      reviewed_at: w.reviewedAt,
      reviewed_by: w.reviewedBy,
      review_reason: w.reason,
      updated_at: w.reviewedAt,
    })
    .where("id", "=", w.id)
    .where("state", "=", w.fromState)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
