import type { Instant } from "../campaign/model.js";
import type { MerchantRecord, ViolationRef } from "./state.js";

/**
 * The merchant's history as a claim sees it (the claim table's `merchantViolations`): how many of
 * the merchant's violations in force come before this one, in history order: by deadline, then
 * by order id (so two violations at one instant have an order that no arrival can change). A
 * function of the violations in force, like the standing: a fact that comes late and adds or
 * revokes a violation earlier in that order changes the history of every one after it, and
 * their claims are evaluated again (`reprice.ts`).
 */
export function compareRefs(a: ViolationRef, b: ViolationRef): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** How many of the merchant's violations in force come before (at, orderId). */
export function violationsBefore(merchant: MerchantRecord, at: Instant, orderId: string): number {
  const list = merchant.inForce;
  const ref: ViolationRef = [at, orderId];
  // Binary search: the first entry not before `ref`.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareRefs(list[mid]!, ref) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The list with (at, orderId) in its place (a new list: records are compared with their copies). */
export function withViolation(
  list: readonly ViolationRef[],
  at: Instant,
  orderId: string,
): readonly ViolationRef[] {
  const i = violationsBefore({ inForce: list } as MerchantRecord, at, orderId);
  return [...list.slice(0, i), [at, orderId], ...list.slice(i)];
}

/** The list without (at, orderId). */
export function withoutViolation(
  list: readonly ViolationRef[],
  at: Instant,
  orderId: string,
): readonly ViolationRef[] {
  return list.filter((r) => r[0] !== at || r[1] !== orderId);
}

/** The violations in force after (at, orderId), in history order. */
export function violationsAfter(
  merchant: MerchantRecord,
  at: Instant,
  orderId: string,
): readonly ViolationRef[] {
  const list = merchant.inForce;
  const i = violationsBefore(merchant, at, orderId);
  const from = list[i] !== undefined && compareRefs(list[i]!, [at, orderId]) === 0 ? i + 1 : i;
  // Stryker disable next-line MethodExpression: the claims before the change keep their history, so evaluating them again changes nothing
  return list.slice(from);
}
