import type { Instant, Policy } from "../campaign/model.js";
import type { Decision } from "./decisions.js";
import { withoutViolation, withViolation } from "./history.js";
import {
  type FulfilmentState,
  type ListingRecord,
  type MerchantRecord,
  NONE,
  type OrderRecord,
} from "./state.js";

/**
 * A product's and a merchant's standing are functions of the violations in force, never of
 * history (rules `enforce.traffic`, `enforce.delist`, the exit threshold; docs/interfaces.md,
 * "Time, lateness and corrections"): with n violations a listing weighs `weightSteps[n-1]` (the last step repeats; 1 with none)
 * and is delisted from `delistAtViolations` on; a merchant is out from `maxViolations` on, or for
 * good once it reported an exception in the window or withdrew. `reconcile…` compares that with
 * what was last announced and announces the difference — the one code path for a violation
 * recorded and for one revoked. A threshold of 0 means never.
 */
export function merchantOf(state: FulfilmentState, merchantId: string): MerchantRecord {
  let merchant = state.merchants.get(merchantId);
  if (merchant === undefined) {
    merchant = newMerchant(merchantId);
    state.merchants.set(merchantId, merchant);
  }
  return merchant;
}

export function newMerchant(merchantId: string): MerchantRecord {
  return {
    merchantId,
    violations: 0,
    inForce: NONE,
    status: "active",
    exitedAt: null,
    exitReason: null,
    finalExit: null,
    finalApplied: false,
    changes: 0,
    nextKey: null,
  };
}

export function weightFor(violations: number, policy: Policy["traffic"]): number {
  const steps = policy.weightSteps;
  if (violations === 0 || steps.length === 0) return 1;
  return steps[Math.min(violations, steps.length) - 1]!;
}

export function reconcileListing(
  listing: ListingRecord,
  at: Instant,
  policy: Policy["traffic"],
  out: Decision[],
): void {
  const n = listing.violations;
  const { productId, merchantId } = listing;
  const delist = policy.delistAtViolations > 0 && n >= policy.delistAtViolations;
  if (delist && listing.status === "live") {
    listing.status = "delisted";
    listing.delistedAt = at;
    listing.changes++;
    out.push({
      type: "listing.delisted",
      at,
      productId,
      merchantId,
      reason: "violations",
      violations: n,
    });
  } else if (!delist && listing.status === "delisted") {
    listing.status = "live";
    listing.delistedAt = null;
    listing.changes++;
    out.push({ type: "listing.relisted", at, productId, merchantId, violations: n });
  }
  // The weight follows the violations in force whether the product is in the venue or not, so
  // it is right the moment the product comes back.
  const weight = weightFor(n, policy);
  if (weight === listing.weight) return;
  listing.weight = weight;
  listing.changes++;
  out.push({ type: "listing.weight_changed", at, productId, merchantId, weight, violations: n });
}

export function reconcileMerchant(
  merchant: MerchantRecord,
  at: Instant,
  policy: Policy["exit"],
  out: Decision[],
): void {
  const final = merchant.finalApplied ? merchant.finalExit : null;
  const tooMany = policy.maxViolations > 0 && merchant.violations >= policy.maxViolations;
  const { merchantId } = merchant;
  if (final !== null || tooMany) {
    const reason = final !== null ? final.reason : "violations";
    // Out by its violation count, then for good (it withdrew): announced again, now final.
    if (merchant.status === "exited" && (merchant.exitReason === reason || final === null)) return;
    merchant.status = "exited";
    merchant.exitedAt = at;
    merchant.exitReason = reason;
    merchant.changes++;
    out.push({ type: "merchant.exited", at, merchantId, reason });
    return;
  }
  if (merchant.status === "active") return;
  merchant.status = "active";
  merchant.exitedAt = null;
  merchant.exitReason = null;
  merchant.changes++;
  out.push({ type: "merchant.reinstated", at, merchantId, violations: merchant.violations });
}

/**
 * A violation (on `order`, at `violationAt`) comes into force (+1) or leaves it (-1): the
 * product's count if the product was listed by then, and the merchant's (its history too), each
 * reconciled at `at`.
 */
export function countViolation(
  state: FulfilmentState,
  order: OrderRecord,
  violationAt: Instant,
  delta: 1 | -1,
  at: Instant,
  policy: Policy,
  out: Decision[],
): void {
  const { merchantId, productId, orderId } = order;
  const listing = state.listings.get(productId);
  if (listing !== undefined && listing.listedAt <= violationAt) {
    listing.violations += delta;
    reconcileListing(listing, at, policy.traffic, out);
  }
  const merchant = merchantOf(state, merchantId);
  merchant.violations += delta;
  merchant.inForce =
    delta === 1
      ? withViolation(merchant.inForce, violationAt, orderId)
      : withoutViolation(merchant.inForce, violationAt, orderId);
  reconcileMerchant(merchant, at, policy.exit, out);
}

/** Whether the listing is in the venue: live and its merchant active. */
export function isInVenue(listing: ListingRecord, merchant: MerchantRecord | undefined): boolean {
  return listing.status === "live" && merchant?.status !== "exited";
}
