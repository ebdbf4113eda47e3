/**
 * A merchant registers products for a campaign, thousands per call (campaign-rules.md §4).
 * Inside the registration window only; each product is judged at once on the current facts
 * snapshot and moves by the enrollment table: passing ones to review, failing ones rejected
 * with every reason. One transaction, serialised per (campaign, merchant).
 */
import { randomUUID } from "node:crypto";
import type { Failure } from "../../domain/eligibility/index.js";
import {
  checkRegistrationWindow,
  type Refusal,
  type RegistrationState,
  reviewDueAt,
  transition,
} from "../../domain/enrollment/index.js";
import { lockKey } from "../../store/lock.js";
import { type AuditEntry, appendAudit } from "../../store/repos/audit.js";
import { getMerchantFacts, getProductFacts } from "../../store/repos/facts.js";
import {
  type RegistrationRecord,
  registrationsForProducts,
  saveRegistrations,
} from "../../store/repos/registrations.js";
import type { Actor } from "../actor.js";
import type { AppContext } from "../context.js";
import { firstDuplicate } from "../facts/upsert.js";
import { fail, ok, type Result } from "../result.js";
import { checkReplacements } from "./replacements.js";

export interface RegisterItem {
  productId: string;
  /** A product of this merchant rejected at review that this one replaces (`review.resubmit`). */
  replacesProductId?: string;
}

export interface RegisterCommand {
  campaignId: string;
  merchantId: string;
  items: readonly RegisterItem[];
}

export type ItemOutcome =
  | {
      productId: string;
      outcome: "pending_review";
      registrationId: string;
      state: RegistrationState;
      reviewDueAt: number;
    }
  | {
      productId: string;
      outcome: "rejected";
      registrationId: string;
      state: RegistrationState;
      failures: Failure[];
    }
  | { productId: string; outcome: "refused"; state: string; refusal: Refusal };

export interface RegisterResult {
  campaignId: string;
  campaignHash: string;
  merchantId: string;
  registeredAt: number;
  merchant: { eligible: boolean; failures: Failure[]; snapshotHash: string };
  counts: { pending_review: number; rejected: number; refused: number };
  results: ItemOutcome[];
}

export async function registerProducts(
  ctx: AppContext,
  actor: Actor,
  cmd: RegisterCommand,
): Promise<Result<RegisterResult>> {
  const loaded = await ctx.campaigns.current(cmd.campaignId);
  if (!loaded) return fail("not_found", "campaign_not_found", `no campaign ${cmd.campaignId}`);
  const { campaign, eligibility } = loaded;
  const now = ctx.clock.now();
  const closed = checkRegistrationWindow(campaign.windows.registration, now);
  if (closed) {
    return fail("unprocessable", closed.code, closed.message.en, {
      when: closed.when,
      window: closed.window,
      at: new Date(now).toISOString(),
      message: closed.message,
    });
  }
  const productIds = cmd.items.map((i) => i.productId);
  const duplicates = firstDuplicate(productIds);
  if (duplicates) {
    return fail(
      "invalid",
      "duplicate_ids",
      `products listed more than once: ${duplicates.join(", ")}`,
      {
        productIds: duplicates,
      },
    );
  }

  return ctx.store.db.transaction().execute(async (trx): Promise<Result<RegisterResult>> => {
    await lockKey(trx, ctx.store.dialect, `register:${campaign.id}:${cmd.merchantId}`);
    const merchantRow = await getMerchantFacts(trx, cmd.merchantId);
    if (!merchantRow) {
      return fail("not_found", "merchant_not_found", `no facts for merchant ${cmd.merchantId} yet`);
    }
    const products = await getProductFacts(trx, productIds);
    const missing = productIds.filter((id) => !products.has(id));
    if (missing.length > 0) {
      return fail("not_found", "product_not_found", `unknown products: ${preview(missing)}`, {
        productIds: missing,
      });
    }
    const foreign = productIds.filter((id) => products.get(id)?.merchantId !== cmd.merchantId);
    if (foreign.length > 0) {
      return fail(
        "forbidden",
        "other_merchants_products",
        `not merchant ${cmd.merchantId}'s products: ${preview(foreign)}`,
        {
          productIds: foreign,
        },
      );
    }
    const existing = await registrationsForProducts(trx, campaign.id, productIds);
    const replacementProblem = await checkReplacements(trx, campaign.id, cmd.merchantId, cmd.items);
    if (replacementProblem) return replacementProblem;

    const merchant = eligibility.evaluateMerchant(JSON.parse(merchantRow.body));
    const dueAt = reviewDueAt(now, campaign.policy.review.slaHours);
    const writes: RegistrationRecord[] = [];
    const audit: AuditEntry[] = [];
    const results: ItemOutcome[] = [];
    const counts = { pending_review: 0, rejected: 0, refused: 0 };

    for (const item of cmd.items) {
      const product = products.get(item.productId)!;
      const before = existing.get(item.productId);
      const decision = eligibility.evaluateProduct(JSON.parse(product.body), merchant);
      const t = transition(
        (before?.state as RegistrationState | undefined) ?? "none",
        decision.eligible ? "register_pass" : "register_fail",
      );
      if (!t.ok) {
        counts.refused += 1;
        results.push({
          productId: item.productId,
          outcome: "refused",
          state: t.refusal.state,
          refusal: t.refusal,
        });
        continue;
      }
      const id = before?.id ?? randomUUID();
      const pending = t.to === "pending_review";
      const failures = { merchant: merchant.failures, product: decision.failures };
      writes.push({
        id,
        campaignId: campaign.id,
        campaignHash: campaign.hash,
        merchantId: cmd.merchantId,
        productId: item.productId,
        category: product.category,
        state: t.to,
        merchantSnapshotHash: merchantRow.hash,
        productSnapshotHash: product.hash,
        failures: JSON.stringify(failures),
        registeredAt: now,
        reviewDueAt: pending ? dueAt : null,
        reviewedAt: null,
        reviewedBy: null,
        reviewReason: null,
        replacesProductId: item.replacesProductId ?? null,
        attempts: (before?.attempts ?? 0) + 1,
        updatedAt: now,
      });
      audit.push({
        at: now,
        actorRole: actor.role,
        actorId: actor.id,
        action: "register",
        campaignId: campaign.id,
        subjectType: "registration",
        subjectId: id,
        fromState: t.from === "none" ? null : t.from,
        toState: t.to,
        reason: pending ? null : failureCodes(failures),
        detail: {
          productId: item.productId,
          campaignHash: campaign.hash,
          merchantSnapshot: merchantRow.hash,
          productSnapshot: product.hash,
        },
      });
      if (pending) {
        counts.pending_review += 1;
        results.push({
          productId: item.productId,
          outcome: "pending_review",
          registrationId: id,
          state: t.to,
          reviewDueAt: dueAt,
        });
      } else {
        counts.rejected += 1;
        results.push({
          productId: item.productId,
          outcome: "rejected",
          registrationId: id,
          state: t.to,
          failures: [...merchant.failures, ...decision.failures],
        });
      }
    }
    await saveRegistrations(trx, writes);
    await appendAudit(trx, audit);
    return ok({
      campaignId: campaign.id,
      campaignHash: campaign.hash,
      merchantId: cmd.merchantId,
      registeredAt: now,
      merchant: {
        eligible: merchant.eligible,
        failures: merchant.failures,
        snapshotHash: merchantRow.hash,
      },
      counts,
      results,
    });
  });
}

function failureCodes(f: { merchant: Failure[]; product: Failure[] }): string {
  return [...f.merchant, ...f.product].map((x) => x.rule).join(", ");
}

function preview(ids: readonly string[]): string {
  return ids.length <= 10
    ? ids.join(", ")
    : `${ids.slice(0, 10).join(", ")} … (${ids.length} in all)`;
}
