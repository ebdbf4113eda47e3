/**
 * A merchant registers products for a campaign, thousands per call (docs/campaign-reading.md, "Registration and review").
 * Inside the registration window only; each product is judged at once on the current facts
 * snapshot and moves by the enrollment table: passing ones to review, failing ones rejected
 * with every reason. One transaction, serialised per (campaign, merchant).
 */
import type { Failure } from "../../domain/eligibility/index.js";
import {
  checkRegistrationWindow,
  merchantExitedRefusal,
  reviewDueAt,
} from "../../domain/enrollment/index.js";
import { instantFormatter } from "../../domain/time/format.js";
import { lockKey } from "../../store/lock.js";
import { appendAudit } from "../../store/repos/audit.js";
import { getMerchantFacts, getProductFacts } from "../../store/repos/facts.js";
import { merchantExit } from "../../store/repos/listings.js";
import { registrationsForProducts, saveRegistrations } from "../../store/repos/registrations.js";
import type { Actor } from "../actor.js";
import type { AppContext } from "../context.js";
import { firstDuplicate } from "../facts/upsert.js";
import { withPickupRate } from "../fulfilment/pickup-rate.js";
import { newId } from "../ids.js";
import { fail, ok, type Result } from "../result.js";
import { type ItemOutcome, judgeRegistrations } from "./judge.js";
import { checkReplacements } from "./replacements.js";

export type { ItemOutcome };

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

export interface RegisterResult {
  campaignId: string;
  campaignHash: string;
  merchantId: string;
  registeredAt: number;
  /** When the products sent to review in this call are due to be reviewed (SLA). */
  reviewDueAt: number;
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
    // Instants as everywhere else in the API: ISO with the campaign zone's offset.
    const iso = instantFormatter(campaign.timeZone);
    return fail("unprocessable", closed.code, closed.message.en, {
      when: closed.when,
      window: {
        start: iso(closed.window.start),
        end: iso(closed.window.end),
        declared: closed.window.declared,
      },
      at: iso(now),
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
    const exit = await merchantExit(trx, campaign.id, cmd.merchantId);
    if (exit) {
      const { message } = merchantExitedRefusal("none", "register_pass");
      const at = instantFormatter(campaign.timeZone)(exit.exitedAt);
      return fail(
        "unprocessable",
        "merchant_exited",
        `merchant ${cmd.merchantId} left campaign ${campaign.id} at ${at} (${exit.reason ?? "no reason given"}): ${message.en}`,
        { exitedAt: at, reason: exit.reason, message },
      );
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

    // metric.pickup_rate_48h: our own figure stands in when the platform's snapshot lacks it.
    const facts = await withPickupRate(trx, campaign, JSON.parse(merchantRow.body), now);
    const merchant = eligibility.evaluateMerchant(facts);
    const dueAt = reviewDueAt(now, campaign.policy.review.slaHours);
    const callId = newId();
    const judged = judgeRegistrations({
      callId,
      campaign,
      eligibility,
      actor,
      merchantId: cmd.merchantId,
      merchantSnapshot: merchantRow.hash,
      merchant,
      items: cmd.items,
      products,
      existing,
      now,
      dueAt,
    });
    await saveRegistrations(trx, judged.writes);
    await appendAudit(trx, [
      {
        at: now,
        actorRole: actor.role,
        actorId: actor.id,
        action: "register.call",
        campaignId: campaign.id,
        subjectType: "registration_call",
        subjectId: callId,
        fromState: null,
        toState: null,
        reason: null,
        detail: {
          merchantId: cmd.merchantId,
          campaignHash: campaign.hash,
          merchantSnapshot: merchantRow.hash,
          merchantEligible: merchant.eligible,
          counts: judged.counts,
        },
      },
      ...judged.audit,
    ]);
    return ok({
      campaignId: campaign.id,
      campaignHash: campaign.hash,
      merchantId: cmd.merchantId,
      registeredAt: now,
      reviewDueAt: dueAt,
      merchant: {
        eligible: merchant.eligible,
        failures: merchant.failures,
        snapshotHash: merchantRow.hash,
      },
      counts: judged.counts,
      results: judged.results,
    });
  });
}

function preview(ids: readonly string[]): string {
  return ids.length <= 10
    ? ids.join(", ")
    : `${ids.slice(0, 10).join(", ")} … (${ids.length} in all)`;
}
