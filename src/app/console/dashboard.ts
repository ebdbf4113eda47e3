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
import { liveReviewedListingCount } from "../../store/repos/listings.js";
import { registrationCounts, reviewQueueCount } from "../../store/repos/registration-queries.js";
import type { Db } from "../../store/types.js";
import { fulfilmentSummary } from "./fulfilment-series.js";

/** Pending reviews by how close their 72 h deadline is: the operator's first job. */
async function reviewSla(db: Db, campaignId: string, now: number) {
  const count = (status?: "overdue" | "due_soon") => {
    const range = status ? dueRange(status, now) : {};
    return reviewQueueCount(db, {
      campaignId,
      ...(range.atOrAfter !== undefined ? { dueAtOrAfter: range.atOrAfter } : {}),
      ...(range.atOrBefore !== undefined ? { dueAtOrBefore: range.atOrBefore } : {}),
    });
  };
  return {
    pending: await count(),
    dueSoon: await count("due_soon"),
    overdue: await count("overdue"),
  };
}

export async function dashboard(db: Db, campaign: Campaign, now: number) {
  const counts = await registrationCounts(db, campaign.id);
  const n = (state: string) => counts[state] ?? 0;
  const submitted = Object.values(counts).reduce((a, b) => a + b, 0);

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
  const approvalsByDay = foldBucketsIntoDays(
    byBucket,
    (r) => Number(r.bucket),
    zoneDays(campaign.timeZone),
    () => ({ approved: 0, rejected: 0 }),
    (total, r) => {
      if (r.state === "approved") total.approved += Number(r.n);
      else total.rejected += Number(r.n);
    },
  );

  const delistedRow = await db
    .selectFrom("listings")
    .select((eb) => eb.fn.count<number>("delisted_at").as("n"))
    .where("campaign_id", "=", campaign.id)
    .executeTakeFirst();
  const exited = await db
    .selectFrom("campaign_merchants")
    .select((eb) => eb.fn.count<number>("exited_at").as("n"))
    .where("campaign_id", "=", campaign.id)
    .executeTakeFirst();

  const fulfilment = await fulfilmentSummary(db, campaign);
  const delisted = Number(delistedRow?.n ?? 0);
  return {
    funnel: {
      submitted,
      ineligible: n("rejected"),
      pendingReview: n("pending_review"),
      approved: n("approved"),
      rejected: n("rejected_at_review"),
      // Approved at review and in the venue now: never more than `approved`, and what the
      // venue shows of them (a product delisted, at weight 0 or of a merchant gone is out).
      listed: await liveReviewedListingCount(db, campaign.id),
    },
    approvalsByDay: approvalsByDay.map(({ day, total }) => ({ day, ...total })),
    ordersByDay: fulfilment.ordersByDay,
    violationsByKind: fulfilment.violationsByKind,
    claimsPaid: fulfilment.claimsPaid,
    claimsHeld: fulfilment.claimsHeld,
    claimsWaiting: fulfilment.claimsWaiting,
    instantRefunds: fulfilment.instantRefunds,
    delistedProducts: delisted,
    exitedMerchants: Number(exited?.n ?? 0),
    reviewSla: await reviewSla(db, campaign.id, now),
  };
}
