/**
 * Campaign aggregates for the operator dashboard. Counting happens in the database (group by),
 * so the cost does not grow with what the page shows. Days are Beijing days: an instant's day
 * number is (ms + 8 h) / 1 day in integer division, the same in SQLite and PostgreSQL.
 * Fulfilment figures (orders, violations, claims, refunds) are read from the fulfilment tables
 * when the store has them, and are zero until then.
 */
import { sql } from "kysely";
import type { Campaign } from "../../domain/campaign/model.js";
import { registrationCounts } from "../../store/repos/registration-queries.js";
import type { Db } from "../../store/types.js";

const DAY = 86_400_000;
const SHANGHAI_OFFSET = 8 * 3_600_000;
const dayText = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

export async function dashboard(db: Db, campaign: Campaign) {
  const counts = await registrationCounts(db, campaign.id);
  const n = (state: string) => counts[state] ?? 0;
  const submitted = Object.values(counts).reduce((a, b) => a + b, 0);

  const dayExpr = sql<number>`(reviewed_at + ${SHANGHAI_OFFSET}) / ${DAY}`;
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
    ordersByDay: [] as {
      day: string;
      orders: number;
      shippedOnTime: number;
      shippedLate: number;
    }[],
    violationsByKind: [] as { kind: string; count: number }[],
    claimsPaid: { count: 0, amountFen: 0 },
    instantRefunds: { count: 0, amountFen: 0 },
    delistedProducts: delisted,
    exitedMerchants: Number(exited?.n ?? 0),
  };
}
