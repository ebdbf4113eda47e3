/**
 * Claims the evaluation held for a person, and their resolutions. A resolution is a row of
 * `ff_decisions` whose effect key is the held claim's prefixed with `resolve:`, so the table's
 * unique key lets a held claim be resolved once, whatever two operators or a retry do.
 */
import { sql } from "kysely";
import type { Db } from "../../types.js";
import { lockDecisionLog } from "./log.js";
import { RESOLVED_END, RESOLVED_PREFIX } from "./resolution-keys.js";
import { ff } from "./tables.js";

export { RESOLVED_END, RESOLVED_PREFIX };

export interface HeldClaimRow {
  seq: number;
  effectKey: string;
  orderId: string;
  merchantId: string | null;
  productId: string | null;
  kind: string;
  heldAt: number;
  /** The held decision as stored (JSON). */
  body: string;
  /** The order's amount, for the compensation a payment would give. */
  orderAmountFen: number;
  buyerId: string;
  /** The resolution's type and body, once resolved. */
  resolution: { type: string; body: string } | null;
  /** When it was withdrawn with its violation (a late fact, an upheld appeal); `null` if not. */
  withdrawnAt: number | null;
}

function heldClaims(db: Db, campaignId: string) {
  return (
    ff(db)
      .selectFrom("ff_decisions as d")
      .innerJoin("ff_orders as o", (j) =>
        j.onRef("o.campaign_id", "=", "d.campaign_id").onRef("o.order_id", "=", "d.order_id"),
      )
      .leftJoin("ff_decisions as r", (j) =>
        j
          .onRef("r.campaign_id", "=", "d.campaign_id")
          .on("r.effect_key", "=", sql<string>`${RESOLVED_PREFIX} || d.effect_key`),
      )
      // Withdrawn with its violation (claim:O:K#n ↔ claim-undo:O:K#n).
      .leftJoin("ff_decisions as w", (j) =>
        j
          .onRef("w.campaign_id", "=", "d.campaign_id")
          .on("w.effect_key", "=", sql<string>`'claim-undo:' || substr(d.effect_key, 7)`),
      )
      .select([
        "d.seq",
        "d.effect_key",
        "d.order_id",
        "d.merchant_id",
        "o.product_id",
        "d.kind",
        "d.at",
        "d.body",
        "o.amount_fen",
        "o.buyer_id",
        "r.type as resolution_type",
        "r.body as resolution_body",
        "w.at as withdrawn_at",
      ])
      .where("d.campaign_id", "=", campaignId)
      .where("d.type", "=", "claim.held")
  );
}

type Raw = Awaited<ReturnType<ReturnType<typeof heldClaims>["execute"]>>[number];

function toRow(r: Raw): HeldClaimRow {
  return {
    seq: Number(r.seq),
    effectKey: r.effect_key,
    orderId: r.order_id!,
    merchantId: r.merchant_id,
    productId: r.product_id,
    kind: r.kind!,
    heldAt: Number(r.at),
    body: r.body,
    orderAmountFen: Number(r.amount_fen),
    buyerId: r.buyer_id,
    resolution:
      r.resolution_type === null || r.resolution_body === null
        ? null
        : { type: r.resolution_type, body: r.resolution_body },
    withdrawnAt: r.withdrawn_at === null ? null : Number(r.withdrawn_at),
  };
}

/** Held claims in the order held; `open` only those not resolved yet. */
export async function heldClaimsPage(
  db: Db,
  campaignId: string,
  filter: { open: boolean; merchantId?: string },
  afterSeq: number,
  limit: number,
): Promise<HeldClaimRow[]> {
  let q = heldClaims(db, campaignId).where("d.seq", ">", afterSeq);
  if (filter.open) q = q.where("r.seq", "is", null).where("w.seq", "is", null);
  if (filter.merchantId !== undefined) q = q.where("d.merchant_id", "=", filter.merchantId);
  const rows = await q.orderBy("d.seq").limit(limit).execute();
  return rows.map(toRow);
}

export async function heldClaim(
  db: Db,
  campaignId: string,
  orderId: string,
  kind: string,
): Promise<HeldClaimRow | undefined> {
  // The latest: a violation revoked and recorded again has a claim of its own.
  const row = await heldClaims(db, campaignId)
    .where("d.order_id", "=", orderId)
    .where("d.kind", "=", kind)
    .orderBy("d.seq", "desc")
    .executeTakeFirst();
  return row && toRow(row);
}

export interface ResolutionRow {
  campaignId: string;
  heldEffectKey: string;
  type: string;
  at: number;
  orderId: string;
  merchantId: string | null;
  productId: string | null;
  kind: string;
  amountFen: number | null;
  body: string;
}

/**
 * Stores a resolution unless the claim has one; whether this call stored it. `returning` gives a
 * row only for an insert that happened: of two concurrent calls (even with the same body), one.
 */
export async function saveResolution(db: Db, row: ResolutionRow, now: number): Promise<boolean> {
  await lockDecisionLog(db, row.campaignId);
  const stored = await ff(db)
    .insertInto("ff_decisions")
    .values({
      campaign_id: row.campaignId,
      effect_key: RESOLVED_PREFIX + row.heldEffectKey,
      event_id: null,
      type: row.type,
      at: row.at,
      order_id: row.orderId,
      merchant_id: row.merchantId,
      product_id: row.productId,
      kind: row.kind,
      amount_fen: row.amountFen,
      body: row.body,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(["campaign_id", "effect_key"]).doNothing())
    .returning("seq")
    .executeTakeFirst();
  return stored !== undefined;
}

/** How many held claims were resolved (paid or declined by a person). */
export async function resolvedClaimCount(db: Db, campaignId: string): Promise<number> {
  // A key range rather than LIKE: both databases then read the unique key's index.
  const row = await ff(db)
    .selectFrom("ff_decisions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("campaign_id", "=", campaignId)
    .where("effect_key", ">=", RESOLVED_PREFIX)
    .where("effect_key", "<", RESOLVED_END)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
