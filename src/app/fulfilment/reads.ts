/**
 * Reading fulfilment back: a merchant's (or, for operators, every) order and decision, a
 * merchant's listings with weights and standing, and per-campaign totals. Pages by cursor.
 */

import { storedObject } from "../../store/corrupt.js";
import {
  type CampaignTotals,
  campaignTotals,
  decisionsPage,
  type MerchantListingRow,
  merchantListings,
  merchantRecord,
  type OrderCursor,
  type OrderView,
  ordersPage,
} from "../../store/repos/fulfilment/reads.js";
import {
  listingRecord,
  merchantRecord as readMerchant,
} from "../../store/repos/fulfilment/record-check.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { badCursor, decodeCursor, encodeCursor } from "../cursor.js";
import { fail, ok, type Result } from "../result.js";

export const DECISION_GROUPS = {
  violations: ["violation.recorded", "violation.revoked"],
  claims: ["claim.paid", "claim.held", "claim.declined", "claim.reversed", "claim.withdrawn"],
  refunds: ["refund.approved", "refund.awaiting_merchant", "refund.contradicted"],
  venue: [
    "listing.weight_changed",
    "listing.delisted",
    "listing.relisted",
    "merchant.exited",
    "merchant.reinstated",
    "listing.suspended",
    "listing.restored",
  ],
  all: [],
} as const;
export type DecisionGroup = keyof typeof DECISION_GROUPS;

async function campaignOf(ctx: AppContext, id: string): Promise<Result<LoadedCampaign>> {
  const loaded = await ctx.campaigns.current(id);
  return loaded ? ok(loaded) : fail("not_found", "campaign_not_found", `no campaign ${id}`);
}

export async function readOrders(
  ctx: AppContext,
  campaignId: string,
  merchantId: string | undefined,
  cursor: string | undefined,
  limit: number,
): Promise<Result<{ loaded: LoadedCampaign; items: OrderView[]; nextCursor: string | null }>> {
  const c = await campaignOf(ctx, campaignId);
  if (!c.ok) return c;
  const isOrderCursor = (v: unknown): v is OrderCursor =>
    typeof v === "object" && v !== null && typeof (v as OrderCursor).orderId === "string";
  const after = cursor === undefined ? undefined : decodeCursor(cursor, isOrderCursor);
  if (cursor !== undefined && after === undefined) return badCursor();
  const items = await ordersPage(ctx.store.db, campaignId, merchantId, after, limit);
  const last = items[items.length - 1];
  const nextCursor =
    items.length === limit && last
      ? encodeCursor({ paidAt: last.paidAt, orderId: last.orderId })
      : null;
  return ok({ loaded: c.value, items, nextCursor });
}

export async function readDecisions(
  ctx: AppContext,
  campaignId: string,
  merchantId: string | undefined,
  group: DecisionGroup,
  cursor: string | undefined,
  limit: number,
): Promise<Result<{ items: Record<string, unknown>[]; nextCursor: string | null }>> {
  const c = await campaignOf(ctx, campaignId);
  if (!c.ok) return c;
  const after =
    cursor === undefined
      ? 0
      : decodeCursor(cursor, (v): v is number => typeof v === "number" && Number.isInteger(v));
  if (after === undefined) return badCursor();
  const rows = await decisionsPage(
    ctx.store.db,
    campaignId,
    { ...(merchantId === undefined ? {} : { merchantId }), types: DECISION_GROUPS[group] },
    after,
    limit,
  );
  const last = rows[rows.length - 1];
  return ok({
    items: rows.map((r) =>
      storedObject({ table: "ff_decisions", column: "body", key: String(r.seq) }, r.body),
    ),
    nextCursor: rows.length === limit && last ? encodeCursor(last.seq) : null,
  });
}

export interface MerchantStanding {
  merchantId: string;
  violations: number;
  status: "active" | "exited";
  exitedAt: number | null;
  exitReason: string | null;
  listings: Array<MerchantListingRow & { violations: number; inVenue: boolean }>;
}

export async function readStanding(
  ctx: AppContext,
  campaignId: string,
  merchantId: string,
): Promise<Result<MerchantStanding>> {
  const c = await campaignOf(ctx, campaignId);
  if (!c.ok) return c;
  const db = ctx.store.db;
  const text = await merchantRecord(db, campaignId, merchantId);
  const key = (id: string) => `${campaignId}/${id}`;
  const m = text
    ? readMerchant({ table: "ff_merchants", column: "record", key: key(merchantId) }, text)
    : undefined;
  const exited = m?.status === "exited";
  const listings = (await merchantListings(db, campaignId, merchantId)).map((l) => {
    const at = { table: "ff_listings", column: "record", key: key(l.productId) };
    const record = l.record ? listingRecord(at, l.record) : undefined;
    return {
      ...l,
      violations: record?.violations ?? 0,
      inVenue: l.delistedAt === null && l.suspendedAt === null && !exited && l.weight > 0,
    };
  });
  return ok({
    merchantId,
    violations: m?.violations ?? 0,
    status: m?.status ?? "active",
    exitedAt: m?.exitedAt ?? null,
    exitReason: m?.exitReason ?? null,
    listings,
  });
}

export async function readTotals(
  ctx: AppContext,
  campaignId: string,
): Promise<Result<CampaignTotals & { campaignId: string }>> {
  const c = await campaignOf(ctx, campaignId);
  if (!c.ok) return c;
  return ok({ campaignId, ...(await campaignTotals(ctx.store.db, campaignId)) });
}
