import type { Instant, Policy } from "../campaign/model.js";
import type { Decision } from "./decisions.js";
import type { FulfilmentState, MerchantRecord } from "./state.js";

/**
 * A merchant's standing in the campaign (rule `enforce.no_exception_report`, the exit threshold):
 * `active` → `exited`, once. Leaving takes every listing out of the venue; the listings are not
 * touched one by one because venue presence is derived (listing live AND merchant active).
 * Orders already placed keep being tracked.
 */
export function merchantOf(state: FulfilmentState, merchantId: string): MerchantRecord {
  let merchant = state.merchants.get(merchantId);
  if (merchant === undefined) {
    merchant = { merchantId, violations: 0, status: "active", exitedAt: null, exitReason: null };
    state.merchants.set(merchantId, merchant);
  }
  return merchant;
}

export function exitMerchant(
  merchant: MerchantRecord,
  at: Instant,
  reason: "exception_report" | "violations",
  out: Decision[],
): void {
  if (merchant.status === "exited") return;
  merchant.status = "exited";
  merchant.exitedAt = at;
  merchant.exitReason = reason;
  out.push({ type: "merchant.exited", at, merchantId: merchant.merchantId, reason });
}

/** Counts a violation against the merchant; at the policy's threshold the merchant exits. */
export function countMerchantViolation(
  merchant: MerchantRecord,
  at: Instant,
  policy: Policy["exit"],
  out: Decision[],
): void {
  merchant.violations += 1;
  if (policy.maxViolations > 0 && merchant.violations >= policy.maxViolations) {
    exitMerchant(merchant, at, "violations", out);
  }
}

/** An "abnormal shipping" report: where the policy forbids filing one, filing it means leaving. */
export function onExceptionReport(
  merchant: MerchantRecord,
  at: Instant,
  policy: Policy["shipping"],
  out: Decision[],
): void {
  if (!policy.exceptionReportAllowed) exitMerchant(merchant, at, "exception_report", out);
}
