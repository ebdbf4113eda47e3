/**
 * An operator approves or rejects registrations waiting for review, one or many per call.
 * Each item moves by the enrollment table; an item that cannot move is refused with the reason
 * and the rest still go through. Approval lists the product in the venue at weight 1.
 */
import {
  merchantExitedRefusal,
  type Refusal,
  type RegistrationState,
  transition,
} from "../../domain/enrollment/index.js";
import { type AuditEntry, appendAudit } from "../../store/repos/audit.js";
import { addListings, exitedPairs } from "../../store/repos/listings.js";
import {
  getRegistration,
  getRegistrations,
  saveReviewOutcome,
} from "../../store/repos/registrations.js";
import type { Db } from "../../store/types.js";
import type { Actor } from "../actor.js";
import type { AppContext } from "../context.js";
import { fail, ok, type Result } from "../result.js";

export interface ReviewDecision {
  registrationId: string;
  decision: "approve" | "reject";
  /** Required to reject; optional note to approve. */
  reason?: string;
}

export type ReviewOutcome =
  | { registrationId: string; outcome: "approved" | "rejected_at_review"; state: RegistrationState }
  | { registrationId: string; outcome: "refused"; state: string; refusal: Refusal };

export interface ReviewResult {
  reviewedAt: number;
  counts: { approved: number; rejected_at_review: number; refused: number };
  results: ReviewOutcome[];
}

export async function reviewRegistrations(
  ctx: AppContext,
  actor: Actor,
  decisions: readonly ReviewDecision[],
  campaignId?: string,
): Promise<Result<ReviewResult>> {
  const ids = decisions.map((d) => d.registrationId);
  if (new Set(ids).size !== ids.length) {
    return fail("invalid", "duplicate_ids", "a registration appears more than once in one call");
  }
  const unexplained = decisions.filter((d) => d.decision === "reject" && !d.reason?.trim());
  if (unexplained.length > 0) {
    return fail("invalid", "reason_required", "a rejection needs a reason", {
      registrationIds: unexplained.map((d) => d.registrationId),
    });
  }
  const now = ctx.clock.now();
  return ctx.store.db.transaction().execute(async (trx): Promise<Result<ReviewResult>> => {
    const found = await getRegistrations(trx, ids);
    const missing = ids.filter((id) => {
      const r = found.get(id);
      return !r || (campaignId !== undefined && r.campaignId !== campaignId);
    });
    if (missing.length > 0) {
      return fail(
        "not_found",
        "registration_not_found",
        `unknown registrations: ${missing.join(", ")}`,
        {
          registrationIds: missing,
        },
      );
    }
    const results: ReviewOutcome[] = [];
    const audit: AuditEntry[] = [];
    const counts = { approved: 0, rejected_at_review: 0, refused: 0 };
    const listings = [];
    const exited = await exitedMerchants(
      trx,
      decisions.filter((d) => d.decision === "approve").map((d) => found.get(d.registrationId)!),
    );
    for (const d of decisions) {
      const r = found.get(d.registrationId)!;
      let t = transition(r.state as RegistrationState, d.decision);
      if (t.ok && d.decision === "approve" && exited.has(merchantKey(r))) {
        t = { ok: false, refusal: merchantExitedRefusal(t.from, "approve") };
      }
      if (t.ok) {
        const moved = await saveReviewOutcome(trx, {
          id: r.id,
          fromState: t.from,
          toState: t.to,
          reviewedAt: now,
          reviewedBy: actor.id,
          reason: d.reason ?? null,
        });
        // A concurrent reviewer moved it between our read and our write: judge its new state.
        if (!moved) {
          const current = (await getRegistration(trx, r.id))!;
          t = transition(current.state as RegistrationState, d.decision);
        }
      }
      if (!t.ok) {
        counts.refused += 1;
        results.push({
          registrationId: r.id,
          outcome: "refused",
          state: t.refusal.state,
          refusal: t.refusal,
        });
        continue;
      }
      counts[t.to === "approved" ? "approved" : "rejected_at_review"] += 1;
      results.push({
        registrationId: r.id,
        outcome: t.to === "approved" ? "approved" : "rejected_at_review",
        state: t.to,
      });
      audit.push({
        at: now,
        actorRole: actor.role,
        actorId: actor.id,
        action: `review.${d.decision}`,
        campaignId: r.campaignId,
        subjectType: "registration",
        subjectId: r.id,
        fromState: t.from,
        toState: t.to,
        reason: d.reason ?? null,
        detail: { productId: r.productId, merchantId: r.merchantId },
      });
      if (t.to === "approved") {
        listings.push({
          campaignId: r.campaignId,
          productId: r.productId,
          merchantId: r.merchantId,
          registrationId: r.id,
          registeredAt: r.registeredAt,
          listedAt: now,
        });
      }
    }
    await addListings(trx, listings);
    await appendAudit(trx, audit);
    return ok({ reviewedAt: now, counts, results });
  });
}

const merchantKey = (r: { campaignId: string; merchantId: string }) =>
  `${r.campaignId}\u0000${r.merchantId}`;

/** The (campaign, merchant) pairs among these registrations whose merchant has left. */
async function exitedMerchants(
  db: Db,
  registrations: ReadonlyArray<{ campaignId: string; merchantId: string }>,
): Promise<Set<string>> {
  const pairs = [...new Map(registrations.map((r) => [merchantKey(r), r])).values()];
  return new Set((await exitedPairs(db, pairs)).map(merchantKey));
}
