/**
 * Appeals against violations (rule `enforce.appeal`, docs/interfaces.md, "Disputes and the merchant's own exit"): when a merchant
 * may file one, when the operator's decision is due, and the appeal's states. Pure: instants in,
 * a refusal or the next state out.
 *
 *   open ──uphold──► upheld      (the violation and what followed from it are undone)
 *     ├───dismiss──► dismissed   (it stands)
 *     └───────────► lapsed      (a later fact revoked the violation first: nothing to decide)
 *
 * A decision is final; a violation has at most one open appeal, and may be appealed again after
 * a dismissal while its window is open (new evidence).
 */
import type { Instant, Policy } from "../campaign/model.js";

export type AppealStatus = "open" | "upheld" | "dismissed" | "lapsed";
export type AppealDecision = "uphold" | "dismiss";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The last instant an appeal may be filed: the window runs from the violation (inclusive). */
export function appealWindowEnd(violationAt: Instant, policy: Policy["appeals"]): Instant {
  return violationAt + policy.windowDays * DAY;
}

/** When the operator's decision is due (`policy.appeals.slaHours` after filing). */
export function appealDueAt(filedAt: Instant, policy: Policy["appeals"]): Instant {
  return filedAt + policy.slaHours * HOUR;
}

export type FilingRefusal =
  | { code: "no_violation_in_force"; message: string }
  | { code: "appeal_window_closed"; message: string; closedAt: Instant };

/** Whether the merchant may appeal this violation now (the open-appeal check is the store's). */
export function filingRefusal(
  violation: { kind: string; inForce: string | null; at: Instant | null },
  now: Instant,
  policy: Policy["appeals"],
): FilingRefusal | null {
  if (violation.inForce !== violation.kind || violation.at === null) {
    return {
      code: "no_violation_in_force",
      message: `the order has no ${violation.kind} violation in force: only a violation in force can be appealed`,
    };
  }
  const closedAt = appealWindowEnd(violation.at, policy);
  if (now > closedAt) {
    return {
      code: "appeal_window_closed",
      message: `the appeal window closed ${policy.windowDays} days after the violation`,
      closedAt,
    };
  }
  return null;
}

/** The state a decision leads to, or why it cannot be taken (decided once). */
export function decide(
  status: AppealStatus,
  decision: AppealDecision,
): { ok: true; to: "upheld" | "dismissed" } | { ok: false; code: "appeal_already_decided" } {
  if (status !== "open") return { ok: false, code: "appeal_already_decided" };
  return { ok: true, to: decision === "uphold" ? "upheld" : "dismissed" };
}
