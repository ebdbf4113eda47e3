import type { Instant, Policy } from "../campaign/model.js";
import type { Decision } from "./decisions.js";
import type { ListingRecord, MerchantRecord } from "./state.js";

/**
 * Traffic after a product's violation (rules `enforce.traffic`, `enforce.delist`): the n-th
 * violation sets the venue weight to `weightSteps[n-1]` (the last step repeats if the list is
 * short) until `delistAtViolations`, when the product leaves the venue. A product already out of
 * the venue (delisted, or its merchant exited) still counts violations but gets no decision.
 */
export function isInVenue(listing: ListingRecord, merchant: MerchantRecord | undefined): boolean {
  return listing.status === "live" && merchant?.status !== "exited";
}

export function applyTraffic(
  listing: ListingRecord,
  merchant: MerchantRecord | undefined,
  at: Instant,
  policy: Policy["traffic"],
  out: Decision[],
): void {
  const inVenue = isInVenue(listing, merchant);
  listing.violations += 1;
  if (!inVenue) return;
  const n = listing.violations;
  const { productId, merchantId } = listing;
  if (policy.delistAtViolations > 0 && n >= policy.delistAtViolations) {
    listing.status = "delisted";
    out.push({
      type: "listing.delisted",
      at,
      productId,
      merchantId,
      reason: "violations",
      violations: n,
    });
    return;
  }
  const steps = policy.weightSteps;
  if (steps.length === 0) return;
  const weight = steps[Math.min(n, steps.length) - 1]!;
  if (weight === listing.weight) return;
  listing.weight = weight;
  out.push({ type: "listing.weight_changed", at, productId, merchantId, weight, violations: n });
}
