/**
 * Campaign aggregates for the operator dashboard. Counting happens in the database (group by),
 * so the cost does not grow with what the page shows. Days are Beijing days: an instant's day
 * number is (ms + 8 h) / 1 day in integer division, the same in SQLite and PostgreSQL.
 * Fulfilment figures (orders by day, violations, claims, refunds) come from the fulfilment
 * tables (`fulfilment-series.ts`), the same numbers `GET …/fulfilment/daily` gives.
 */
import { sql } from "kysely";
import type { Campaign } from "../../domain/campaign/model.js";
import { registrationCounts } from "../../store/repos/registration-queries.js";
import type { Db } from "../../store/types.js";
import { fulfilmentSummary } from "./fulfilment-series.js";

const DAY = 86_400_000;
const SHANGHAI_OFFSET = 8 * 3_600_000;
const dayText = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

export async function dashboard(db: Db, campaign: Campaign) {
  const counts = await registrationCounts(db, campaign.id);
  const n = (state: string) => counts[state] ?? 0;
  const submitted = Object.values(counts).reduce((a, b) => a + b, 0);

  // Literals, not parameters: SQLite binds JS numbers as REAL (the division would not truncate,
  // one group per instant), and PostgreSQL wants the grouped expression to be the selected one.
  const dayExpr = sql<number>`(reviewed_at + ${sql.lit(SHANGHAI_OFFSET)}) / ${sql.lit(DAY)}`;
  const byDay = await db
    .selectFrom("registrations")
    .select((eb) => [dayExpr.as("day"), "state", eb.fn.countAll<number>().as("n")])
    .where("campaign_id", "=", campaign.id)
    .where("reviewed_at", "is not", null)
    .groupBy([dayExpr, "state"])
    .execute();
  const days = new Map<number, { approved: number; rejected: number }>();
  for (const r of byDay) {
    const day = Number(r.day);
    const entry = days.get(day) ?? { approved: 0, rejected: 0 };
    if (r.state === "approved") entry.approved += Number(r.n);
    else entry.rejected += Number(r.n);
    days.set(day, entry);
  }

  const listings = await db
    .selectFrom("listings")
    .select((eb) => [
      eb.fn.countAll<number>().as("all"),
      eb.fn.count<number>("delisted_at").as("delisted"),
    ])
    .where("campaign_id", "=", campaign.id)
    .executeTakeFirst();
  const exited = await db
    .selectFrom("campaign_merchants")
    .select((eb) => eb.fn.count<number>("exited_at").as("n"))
    .where("campaign_id", "=", campaign.id)
    .executeTakeFirst();

  const fulfilment = await fulfilmentSummary(db, campaign.id);
  const all = Number(listings?.all ?? 0);
  const delisted = Number(listings?.delisted ?? 0);
  return {
    funnel: {
      submitted,
      ineligible: n("rejected"),
      pendingReview: n("pending_review"),
      approved: n("approved"),
      rejected: n("rejected_at_review"),
      listed: all - delisted,
    },
    approvalsByDay: [...days.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([day, v]) => ({ day: dayText(day), ...v })),
    ordersByDay: fulfilment.ordersByDay,
    violationsByKind: fulfilment.violationsByKind,
    claimsPaid: fulfilment.claimsPaid,
    claimsHeld: fulfilment.claimsHeld,
    instantRefunds: fulfilment.instantRefunds,
    delistedProducts: delisted,
    exitedMerchants: Number(exited?.n ?? 0),
  };
}
