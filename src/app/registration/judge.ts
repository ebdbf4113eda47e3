/**
 * One registration call's products, judged: for each product the enrollment transition, the row
 * to write, the audit entry and the answer. No I/O; the caller has read the facts and the
 * existing registrations and writes what comes out in one transaction.
 */
import type { Campaign } from "../../domain/campaign/model.js";
import type { Eligibility, Failure, MerchantDecision } from "../../domain/eligibility/index.js";
import { type Refusal, type RegistrationState, transition } from "../../domain/enrollment/index.js";
import type { AuditEntry } from "../../store/repos/audit.js";
import type { ProductFactsRow } from "../../store/repos/facts.js";
import type { RegistrationRecord } from "../../store/repos/registrations.js";
import type { Actor } from "../actor.js";
import { newId } from "../ids.js";
import type { RegisterItem } from "./register.js";

/** `state` is where the product stands after the call (for a refusal: where it stays). */
export type ItemOutcome =
  | {
      productId: string;
      outcome: "pending_review";
      state: "pending_review";
      registrationId: string;
    }
  | {
      productId: string;
      outcome: "rejected";
      state: "rejected";
      registrationId: string;
      failures: Failure[];
    }
  | { productId: string; outcome: "refused"; state: string; refusal: Refusal };

export interface Judged {
  writes: RegistrationRecord[];
  audit: AuditEntry[];
  results: ItemOutcome[];
  counts: { pending_review: number; rejected: number; refused: number };
}

export interface JudgeInput {
  campaign: Campaign;
  eligibility: Eligibility;
  actor: Actor;
  merchantId: string;
  merchantSnapshot: string;
  /** Id of the call's own audit entry, which records what every product shared. */
  callId: string;
  merchant: MerchantDecision;
  items: readonly RegisterItem[];
  products: ReadonlyMap<string, ProductFactsRow>;
  existing: ReadonlyMap<string, RegistrationRecord>;
  now: number;
  dueAt: number;
}

export function judgeRegistrations(input: JudgeInput): Judged {
  const { campaign, eligibility, actor, merchant, now } = input;
  const out: Judged = {
    writes: [],
    audit: [],
    results: [],
    counts: { pending_review: 0, rejected: 0, refused: 0 },
  };
  // Most products of an eligible merchant pass: their (empty) failures are one shared string.
  const noFailures = JSON.stringify({ merchant: [], product: [] });
  for (const item of input.items) {
    const product = input.products.get(item.productId)!;
    const before = input.existing.get(item.productId);
    const decision = eligibility.evaluateProduct(JSON.parse(product.body), merchant);
    const t = transition(
      (before?.state as RegistrationState | undefined) ?? "none",
      decision.eligible ? "register_pass" : "register_fail",
    );
    if (!t.ok) {
      out.counts.refused += 1;
      out.results.push({
        productId: item.productId,
        outcome: "refused",
        state: t.refusal.state,
        refusal: t.refusal,
      });
      continue;
    }
    const id = before?.id ?? newId();
    const pending = t.to === "pending_review";
    const failures = [...merchant.failures, ...decision.failures];
    out.writes.push({
      id,
      campaignId: campaign.id,
      campaignHash: campaign.hash,
      merchantId: input.merchantId,
      productId: item.productId,
      category: product.category,
      state: t.to,
      merchantSnapshotHash: input.merchantSnapshot,
      productSnapshotHash: product.hash,
      failures:
        failures.length === 0
          ? noFailures
          : JSON.stringify({ merchant: merchant.failures, product: decision.failures }),
      registeredAt: now,
      reviewDueAt: pending ? input.dueAt : null,
      reviewedAt: null,
      reviewedBy: null,
      reviewReason: null,
      replacesProductId: item.replacesProductId ?? null,
      attempts: (before?.attempts ?? 0) + 1,
      updatedAt: now,
    });
    out.audit.push({
      at: now,
      actorRole: actor.role,
      actorId: actor.id,
      action: "register",
      campaignId: campaign.id,
      subjectType: "registration",
      subjectId: id,
      fromState: t.from === "none" ? null : t.from,
      toState: t.to,
      reason: pending ? null : failures.map((f) => f.rule).join(", "),
      // What it was judged on (the row is rewritten if the merchant registers again): the
      // product's snapshot here, the campaign version and merchant snapshot on the call's entry.
      detail: { productId: item.productId, productSnapshot: product.hash, call: input.callId },
    });
    if (pending) {
      out.counts.pending_review += 1;
      out.results.push({
        productId: item.productId,
        outcome: "pending_review",
        state: "pending_review",
        registrationId: id,
      });
    } else {
      out.counts.rejected += 1;
      out.results.push({
        productId: item.productId,
        outcome: "rejected",
        state: "rejected",
        registrationId: id,
        failures,
      });
    }
  }
  return out;
}
