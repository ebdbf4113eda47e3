/**
 * Review SLA (docs/campaign-reading.md, `review.sla`): every registration is reviewed within the
 * campaign's `policy.review.slaHours` (72 h) of registering. Pure functions of `now`.
 */
import type { Instant } from "../campaign/model.js";

const HOUR = 3_600_000;

/** How close to its due instant a review counts as "due soon". */
export const DUE_SOON_HOURS = 24;

export function reviewDueAt(registeredAt: Instant, slaHours: number): Instant {
  return registeredAt + slaHours * HOUR;
}

export type DueStatus = "overdue" | "due_soon" | "on_track";

/** A review due exactly now is still on time (an action at the deadline is on time). */
export function dueStatus(dueAt: Instant, now: Instant, dueSoonHours = DUE_SOON_HOURS): DueStatus {
  if (now > dueAt) return "overdue";
  if (dueAt - now <= dueSoonHours * HOUR) return "due_soon";
  return "on_track";
}

/** The `dueAt` range a queue filter selects, as inclusive bounds for a query. */
export function dueRange(
  status: Exclude<DueStatus, "on_track">,
  now: Instant,
  dueSoonHours = DUE_SOON_HOURS,
): { atOrAfter?: Instant; atOrBefore?: Instant } {
  return status === "overdue"
    ? { atOrBefore: now - 1 }
    : { atOrAfter: now, atOrBefore: now + dueSoonHours * HOUR };
}
