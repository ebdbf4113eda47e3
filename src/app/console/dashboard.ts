/**
 * Campaign aggregates for the operator dashboard. Counting happens in the database (group by),
 * so the cost does not grow with what the page shows. Days are the campaign's time zone's: the
 * database counts by quarter hour, and those are folded into days (`foldBucketsIntoDays`).
 * Fulfilment figures (orders by day, violations, claims, refunds) come from the fulfilment
 * tables (`fulfilment-series.ts`), the same numbers `GET …/fulfilment/daily` gives.
 */
import { sql } from "kysely";
import type { Campaign } from "../../domain/campaign/model.js";
import { dueRange } from "../../domain/enrollment/index.js";
import { BUCKET_MS, foldBucketsIntoDays, zoneDays } from "../../domain/time/index.js";
import { delistedAndExited } from "../../store/repos/fulfilment/reads.js";
import { liveReviewedListingCount } from "../../store/repos/listings.js";
import { registrationFigures } from "../../store/repos/registration-queries.js";
import type { Db } from "../../store/types.js";
import { fulfilmentSummary } from "./fulfilment-series.js";
import { sharedPerTurn } from "./shared-reads.js";

/**
 * Registrations by state, and the pending reviews by how close their 72 h deadline is (the
 * operator's first job): one read.
 */
async function registrationsNow(db: Db, campaignId: string, now: number) {
  const { byState, due } = await registrationFigures(db, campaignId, {
    dueSoon: dueRange("due_soon", now),
    overdue: dueRange("overdue", now),
  });
  return {
    counts: byState,
    reviewSla: { pending: byState.pending_review ?? 0, ...due },
  };
}

async function approvalsByDay(db: Db, campaign: Campaign) {
  // A literal, not a parameter: SQLite binds JS numbers as REAL (the division would not truncate,
  // one group per instant), and PostgreSQL wants the grouped expression to be the selected one.
  const bucket = sql<number>`reviewed_at / ${sql.lit(BUCKET_MS)}`;
  const byBucket = await db
    .selectFrom("registrations")
    .select((eb) => [bucket.as("bucket"), "state", eb.fn.countAll<number>().as("n")])
    .where("campaign_id", "=", campaign.id)
    .where("reviewed_at", "is not", null)
    .groupBy([bucket, "state"])
    .execute();
  return foldBucketsIntoDays(
    byBucket,
    (r) => Number(r.bucket),
    zoneDays(campaign.timeZone),
    () => ({ approved: 0, rejected: 0 }),
    (total, r) => {
      if (r.state === "approved") total.approved += Number(r.n);
      else total.rejected += Number(r.n);
    },
  ).map(({ day, total }) => ({ day, ...total }));
}

/**
 * The reads are independent: PostgreSQL runs them at once on the pool's connections, so the
 * page waits for the slowest rather than for their sum (SQLite runs them one after another).
 */
export async function dashboard(db: Db, campaign: Campaign, now: number) {
  const [registrations, approvals, gone, fulfilment, listed] = await Promise.all([
    registrationsNow(db, campaign.id, now),
    approvalsByDay(db, campaign),
    delistedAndExited(db, campaign.id),
    fulfilmentSummary(db, campaign),
    // Approved at review and in the venue now: never more than `approved`, and what the
    // venue shows of them (a product delisted, at weight 0 or of a merchant gone is out).
    liveReviewedListingCount(db, campaign.id),
  ]);
  const { counts, reviewSla } = registrations;
  const n = (state: string) => counts[state] ?? 0;
  const submitted = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    funnel: {
      submitted,
      ineligible: n("rejected"),
      pendingReview: n("pending_review"),
      approved: n("approved"),
      rejected: n("rejected_at_review"),
      listed,
    },
    approvalsByDay: approvals,
    ordersByDay: fulfilment.ordersByDay,
    violationsByKind: fulfilment.violationsByKind,
    claimsPaid: fulfilment.claimsPaid,
    claimsHeld: fulfilment.claimsHeld,
    claimsWaiting: fulfilment.claimsWaiting,
    instantRefunds: fulfilment.instantRefunds,
    delistedProducts: gone.delisted,
    exitedMerchants: gone.exited,
    reviewSla,
  };
}

/**
 * The dashboard, computed once for the requests of one turn (shared-reads.ts) within the same
 * second: keyed by the millisecond, a running clock would almost never let two share. Those
 * that share get the review SLA as of the first one's instant, one turn of the event loop
 * earlier at most.
 */
export const sharedDashboard = sharedPerTurn(
  (db, { campaign, now }: { campaign: Campaign; now: number }) => dashboard(db, campaign, now),
  ({ campaign, now }) => `${campaign.hash}\u0000${Math.floor(now / 1_000)}`,
);
