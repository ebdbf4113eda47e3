/**
 * Claims held for a person (`claim.held`): the operator's queue, and paying or declining one.
 * A resolution is stored once (its own effect key), audited with who decided and why, and shows
 * in the merchant's claims and the campaign's totals like any decision.
 */
import {
  type ClaimVerdict,
  compensationFen,
  type Decision,
  resolveClaim,
  type ViolationKind,
} from "../../domain/fulfilment/index.js";
import { appendAudit } from "../../store/repos/audit.js";
import {
  applyCounts,
  CountDeltas,
  isClaimed,
  RESOLVED_COUNT,
} from "../../store/repos/fulfilment/counts.js";
import {
  type HeldClaimRow,
  heldClaim,
  heldClaimsPage,
  saveResolution,
} from "../../store/repos/fulfilment/held-claims.js";
import { setOrderClaim } from "../../store/repos/fulfilment/orders.js";
import { lockMerchants } from "../../store/repos/fulfilment/settled.js";
import type { Actor } from "../actor.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { badCursor, decodeCursor, encodeCursor } from "../cursor.js";
import { fail, ok, type Result } from "../result.js";
import { encoderFor } from "./campaigns.js";

export interface HeldClaimView extends HeldClaimRow {
  /** What paying it would pay the buyer (the policy's compensation for this order). */
  payableFen: number;
}

const isSeq = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

export async function readHeldClaims(
  ctx: AppContext,
  campaignId: string,
  query: { open: boolean; merchantId?: string; cursor?: string; limit: number },
): Promise<Result<{ loaded: LoadedCampaign; items: HeldClaimView[]; nextCursor: string | null }>> {
  const loaded = await ctx.campaigns.current(campaignId);
  if (!loaded) return fail("not_found", "campaign_not_found", `no campaign ${campaignId}`);
  const after = query.cursor === undefined ? 0 : decodeCursor(query.cursor, isSeq);
  if (after === undefined) {
    return badCursor();
  }
  const filter = {
    open: query.open,
    ...(query.merchantId === undefined ? {} : { merchantId: query.merchantId }),
  };
  const rows = await heldClaimsPage(ctx.store.db, campaignId, filter, after, query.limit);
  const policy = loaded.campaign.policy.compensation;
  const items = rows.map((r) => ({ ...r, payableFen: compensationFen(r.orderAmountFen, policy) }));
  const last = rows[rows.length - 1];
  const nextCursor = rows.length === query.limit && last ? encodeCursor(last.seq) : null;
  return ok({ loaded, items, nextCursor });
}

/** Held claims are written by the engine with a violation kind. */
function kindOf(row: HeldClaimRow): ViolationKind {
  return row.kind as ViolationKind;
}

export interface Resolved {
  /** The resolution as the API shows decisions (JSON text). */
  decision: string;
}

export async function resolveHeldClaim(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  orderId: string,
  kind: string,
  verdict: ClaimVerdict,
): Promise<Result<Resolved>> {
  const loaded = await ctx.campaigns.current(campaignId);
  if (!loaded) return fail("not_found", "campaign_not_found", `no campaign ${campaignId}`);
  const now = ctx.clock.now();
  return ctx.store.db.transaction().execute(async (trx): Promise<Result<Resolved>> => {
    // The merchant's lock first, then the claim: a correction withdrawing it is not half-way
    // while we pay it (an order's merchant never changes, so it is read before the lock).
    const found = await heldClaim(trx, campaignId, orderId, kind);
    if (found?.merchantId) await lockMerchants(trx, campaignId, [found.merchantId], now);
    const row = found && (await heldClaim(trx, campaignId, orderId, kind));
    if (!row) {
      return fail("not_found", "claim_not_held", `no ${kind} claim of order ${orderId} is held`);
    }
    if (row.withdrawnAt !== null) {
      return fail(
        "conflict",
        "claim_withdrawn",
        "this claim was withdrawn with its violation (a fact that came later, or an upheld appeal): there is nothing to pay",
      );
    }
    if (row.resolution) {
      return fail("conflict", "claim_already_resolved", "this claim was resolved already", {
        resolution: JSON.parse(row.resolution.body) as unknown,
      });
    }
    const held = { orderId, buyerId: row.buyerId, kind: kindOf(row) };
    const policy = loaded.campaign.policy.compensation;
    const r = resolveClaim(held, row.orderAmountFen, verdict, policy, now);
    if (!r.ok) return fail("invalid", r.refusal.code, r.refusal.message);
    const resolution = { ...r.value, resolvedBy: actor.id };
    // The decision encoder writes any flat decision; a resolution is one the engine never makes.
    const body = encoderFor(loaded)(resolution as unknown as Decision);
    const stored = await saveResolution(
      trx,
      {
        campaignId,
        heldEffectKey: row.effectKey,
        type: resolution.type,
        at: now,
        orderId,
        merchantId: row.merchantId,
        productId: row.productId,
        kind,
        amountFen: resolution.type === "claim.paid" ? resolution.amountFen : null,
        body,
      },
      now,
    );
    if (!stored) {
      return fail("conflict", "claim_already_resolved", "another operator resolved it first");
    }
    // The order keeps what was paid: revoked later, the violation takes back this amount.
    const paid = resolution.type === "claim.paid";
    const claimBefore = await setOrderClaim(
      trx,
      campaignId,
      orderId,
      {
        kind: kindOf(row),
        status: paid ? "paid" : "declined",
        amountFen: paid ? resolution.amountFen : 0,
        ...revisionOf(row.effectKey),
        byPerson: true,
      },
      now,
    );
    // The console's counts: the resolution, and the order now claimed (or not).
    const counts = new CountDeltas();
    counts.decision(
      row.merchantId,
      resolution.type,
      kind,
      resolution.type === "claim.paid" ? resolution.amountFen : null,
    );
    counts.add(row.merchantId, RESOLVED_COUNT, 1);
    counts.add(row.merchantId, "state:claimed", Number(paid) - Number(isClaimed(claimBefore)));
    await applyCounts(trx, campaignId, counts);
    await appendAudit(trx, [
      {
        at: now,
        actorRole: actor.role,
        actorId: actor.id,
        action: resolution.type === "claim.paid" ? "claim.pay" : "claim.decline",
        campaignId,
        subjectType: "claim",
        subjectId: row.effectKey,
        fromState: "held",
        toState: resolution.type === "claim.paid" ? "paid" : "declined",
        reason: resolution.type === "claim.declined" ? resolution.reason : resolution.note,
        detail: resolution.type === "claim.paid" ? { amountFen: resolution.amountFen } : undefined,
      },
    ]);
    return ok({ decision: body });
  });
}

/** The held claim's revision, from its key's `@n` (effects.ts): kept for its undoing's key. */
function revisionOf(effectKey: string): { revision?: number } {
  const m = /@(\d+)$/.exec(effectKey);
  return m ? { revision: Number(m[1]) } : {};
}
