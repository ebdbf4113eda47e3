/**
 * Continuous compliance (rule `enforce.continuous`; docs/interfaces.md, "Continuous compliance"): the
 * entry requirements keep holding during the campaign. The rules the campaign file marks
 * `recheck: continuous` are judged again on an approved registration's current facts; a listing
 * that fails one leaves the venue (`listing.suspended`, with the failing codes) and comes back
 * when every one passes again (`listing.restored`). Pure: facts and the listing's state in, the
 * change (if any) out.
 */
import type { Campaign, Instant } from "../campaign/model.js";
import { compileEligibility, type Eligibility, type Failure } from "../eligibility/index.js";

export type ComplianceDecision =
  | {
      type: "listing.suspended";
      at: Instant;
      productId: string;
      merchantId: string;
      /** The failing rule codes, merchant rules first, in campaign order. */
      rules: string[];
    }
  | { type: "listing.restored"; at: Instant; productId: string; merchantId: string };

/** The campaign's continuous rules only; `null` when it marks none. */
export function continuousEligibility(campaign: Campaign): Eligibility | null {
  const rules = campaign.rules.filter((r) => r.recheck === "continuous");
  return rules.length === 0 ? null : compileEligibility({ ...campaign, rules });
}

/** Every continuous rule the merchant's and the product's facts fail (fail closed on missing facts). */
export function failingRules(
  eligibility: Eligibility,
  merchantFacts: unknown,
  productFacts: unknown,
): Failure[] {
  const merchant = eligibility.evaluateMerchant(merchantFacts);
  const product = eligibility.evaluateProduct(productFacts, { eligible: true });
  return [...merchant.failures, ...product.failures];
}

export type ComplianceChange =
  | { change: "suspend"; rules: string[] }
  /** Still out, for other rules than before: the record (and the merchant) are told the new ones. */
  | { change: "resuspend"; rules: string[] }
  | { change: "restore" }
  | null;

/** What changes for a listing suspended for `current` (or not, `null`) that now fails `failures`. */
export function complianceChange(
  current: readonly string[] | null,
  failures: readonly Failure[],
): ComplianceChange {
  const rules = failures.map((f) => f.rule);
  if (rules.length === 0) return current === null ? null : { change: "restore" };
  if (current === null) return { change: "suspend", rules };
  const same = current.length === rules.length && current.every((r, i) => r === rules[i]);
  return same ? null : { change: "resuspend", rules };
}

/** The decision a change announces. */
export function complianceDecision(
  change: NonNullable<ComplianceChange>,
  listing: { productId: string; merchantId: string },
  at: Instant,
): ComplianceDecision {
  const { productId, merchantId } = listing;
  return change.change === "restore"
    ? { type: "listing.restored", at, productId, merchantId }
    : { type: "listing.suspended", at, productId, merchantId, rules: change.rules };
}
