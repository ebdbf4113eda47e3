/**
 * Fulfilment over time for the console's charts. The 48 h pickup rate per day is the same
 * rolling figure as `GET …/pickup-rate` (`computePickupRate`), taken as it stood at the end of
 * each day of the activity window (in the campaign's time zone) up to now, so the last point is today's value so far
 * and the line never shows a day that has not happened. The campaign's orders by day, decision
 * counts and money come from `store/repos/fulfilment/series.ts`.
 */

import type { Campaign } from "../../domain/campaign/model.js";
import { foldBucketsIntoDays, zoneDays } from "../../domain/time/index.js";
import { resolvedClaimCount } from "../../store/repos/fulfilment/held-claims.js";
import {
  decisionSums,
  keptOrdersByDay,
  ordersByPaidBucket,
} from "../../store/repos/fulfilment/series.js";
import type { Db } from "../../store/types.js";
import { computePickupRate } from "../fulfilment/pickup-rate.js";

/** Bounds how many rolling computations one request runs (a campaign is days or weeks long). */
const MAX_DAYS = 120;

export interface PickupPoint {
  day: string;
  /** The instant the rolling value was taken: the end of the day, or now for today. */
  asOf: number;
  rate: number | null;
  required: number;
  pickedUpInTime: number;
}

/** The merchant rule's bar (`merchant.pickup_rate_48h`, e.g. 0.85), when the campaign has one. */
export function pickupThreshold(campaign: Campaign): number | null {
  const rule = campaign.rules.find((r) => r.code === "merchant.pickup_rate_48h");
  const value = rule?.checks.find((c) => c.fact === "pickupRate48h")?.value;
  return typeof value === "number" ? value : null;
}

export async function pickupRateByDay(
  db: Db,
  campaign: Campaign,
  merchantId: string,
  now: number,
): Promise<PickupPoint[]> {
  const { start, end } = campaign.windows.activity;
  const last = Math.min(now, end);
  if (last < start) return [];
  const days = zoneDays(campaign.timeZone);
  const lastDay = days.dayOf(last);
  const points: PickupPoint[] = [];
  for (let day = days.dayOf(start); day <= lastDay && points.length < MAX_DAYS; ) {
    const next = days.next(day);
    const asOf = Math.min(days.startOf(next) - 1, now);
    const r = await computePickupRate(db, campaign, merchantId, asOf);
    points.push({
      day,
      asOf,
      rate: r.computed,
      required: r.required,
      pickedUpInTime: r.pickedUpInTime,
    });
    day = next;
  }
  return points;
}

export interface FulfilmentSummary {
  ordersByDay: { day: string; orders: number; shippedOnTime: number; shippedLate: number }[];
  violationsByKind: { kind: string; count: number }[];
  claimsPaid: { count: number; amountFen: number };
  claimsHeld: number;
  /** Held claims no one has paid or declined yet (`GET …/claims/held`). */
  claimsWaiting: number;
  instantRefunds: { count: number; amountFen: number };
}

/**
 * Orders by the day they were paid, in the campaign's time zone: kept by the engine's writes
 * (`ff_counts`), or, when those do not cover every order (the zone changed), counted.
 */
async function ordersByDay(db: Db, campaign: Campaign): Promise<FulfilmentSummary["ordersByDay"]> {
  const kept = await keptOrdersByDay(db, campaign.id, campaign.timeZone);
  if (kept !== undefined) {
    return kept.map((r) => ({
      day: r.day,
      orders: r.orders,
      shippedOnTime: r.shippedOnTime,
      shippedLate: r.late,
    }));
  }
  const days = foldBucketsIntoDays(
    await ordersByPaidBucket(db, campaign.id),
    (r) => r.bucket,
    zoneDays(campaign.timeZone),
    () => ({ orders: 0, shippedOnTime: 0, shippedLate: 0 }),
    (total, r) => {
      total.orders += r.orders;
      total.shippedOnTime += r.shippedOnTime;
      total.shippedLate += r.late;
    },
  );
  return days.map(({ day, total }) => ({ day, ...total }));
}

/** Orders are counted by the day they were paid, in the campaign's time zone. */
export async function fulfilmentSummary(db: Db, campaign: Campaign): Promise<FulfilmentSummary> {
  // Independent reads: at once on PostgreSQL's pool (one after another on SQLite).
  const [sums, days, resolved] = await Promise.all([
    decisionSums(db, campaign.id),
    ordersByDay(db, campaign),
    resolvedClaimCount(db, campaign.id),
  ]);
  const out: FulfilmentSummary = {
    ordersByDay: days,
    violationsByKind: [],
    claimsPaid: { count: 0, amountFen: 0 },
    claimsHeld: 0,
    claimsWaiting: 0,
    instantRefunds: { count: 0, amountFen: 0 },
  };
  for (const s of sums) {
    if (s.type === "violation.recorded") {
      out.violationsByKind.push({ kind: s.kind ?? "unknown", count: s.count });
    } else if (s.type === "claim.paid") {
      out.claimsPaid.count += s.count;
      out.claimsPaid.amountFen += s.amountFen;
    } else if (s.type === "claim.held") {
      out.claimsHeld += s.count;
    } else if (s.type === "refund.approved") {
      out.instantRefunds.count += s.count;
      out.instantRefunds.amountFen += s.amountFen;
    }
  }
  out.claimsWaiting = out.claimsHeld - resolved;
  out.violationsByKind.sort((a, b) => a.kind.localeCompare(b.kind));
  return out;
}
