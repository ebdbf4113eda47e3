/** Read-side queries over registrations: the review queue and a merchant's own list. */

import type { Db } from "../types.js";
import { fromRow, type RegistrationRecord } from "./registrations.js";

export interface ReviewQueueFilter {
  campaignId: string;
  /** Only rows due at or before this instant (overdue: now - 1; due soon: now + horizon). */
  dueAtOrBefore?: number;
  /** Only rows due at or after this instant. */
  dueAtOrAfter?: number;
  category?: string;
  merchantId?: string;
  after?: { dueAt: number; id: string };
  limit: number;
}

/** Column names qualified: the page joins the products, which have ids, merchants, categories. */
function pending(db: Db, f: Omit<ReviewQueueFilter, "after" | "limit">) {
  let q = db
    .selectFrom("registrations")
    .where("registrations.campaign_id", "=", f.campaignId)
    .where("registrations.state", "=", "pending_review");
  if (f.dueAtOrBefore !== undefined)
    q = q.where("registrations.review_due_at", "<=", f.dueAtOrBefore);
  if (f.dueAtOrAfter !== undefined)
    q = q.where("registrations.review_due_at", ">=", f.dueAtOrAfter);
  if (f.category !== undefined) q = q.where("registrations.category", "=", f.category);
  if (f.merchantId !== undefined) q = q.where("registrations.merchant_id", "=", f.merchantId);
  return q;
}

/** How many pending reviews match, so the queue says its size before it is scrolled. */
export async function reviewQueueCount(
  db: Db,
  f: Omit<ReviewQueueFilter, "after" | "limit">,
): Promise<number> {
  const row = await pending(db, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Pending reviews, soonest due first (ties by id, so the order is total and the cursor exact),
 * each with its product's current facts (the page names products by their titles): joined, not
 * read after the page, a round trip less.
 */
export async function reviewQueue(
  db: Db,
  f: ReviewQueueFilter,
): Promise<Array<RegistrationRecord & { productFacts: string | null }>> {
  let q = pending(db, f)
    .leftJoin("products", "products.id", "registrations.product_id")
    .selectAll("registrations")
    .select("products.facts as product_facts");
  const after = f.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("registrations.review_due_at", ">", after.dueAt),
        eb.and([
          eb("registrations.review_due_at", "=", after.dueAt),
          eb("registrations.id", ">", after.id),
        ]),
      ]),
    );
  }
  const rows = await q
    .orderBy("registrations.review_due_at")
    .orderBy("registrations.id")
    .limit(f.limit)
    .execute();
  return rows.map((r) => Object.assign(fromRow(r), { productFacts: r.product_facts }));
}

export interface MerchantRegistrationsFilter {
  campaignId: string;
  merchantId: string;
  state?: string;
  afterProductId?: string;
  limit: number;
}

export async function merchantRegistrations(
  db: Db,
  f: MerchantRegistrationsFilter,
): Promise<RegistrationRecord[]> {
  let q = db
    .selectFrom("registrations")
    .selectAll()
    .where("campaign_id", "=", f.campaignId)
    .where("merchant_id", "=", f.merchantId);
  if (f.state !== undefined) q = q.where("state", "=", f.state);
  if (f.afterProductId !== undefined) q = q.where("product_id", ">", f.afterProductId);
  const rows = await q.orderBy("product_id").limit(f.limit).execute();
  return rows.map(fromRow);
}

/** A span of review deadlines, both ends included (an end left out is open). */
export interface DueSpan {
  atOrAfter?: number;
  atOrBefore?: number;
}

/**
 * The campaign's registrations counted by state, and its pending reviews due in each span: one
 * read (the dashboard's funnel and review SLA), where separate counts would each read the
 * campaign's registrations again. `due[name]` counts what `reviewQueueCount` would count with
 * that span as its filter.
 */
export async function registrationFigures<S extends string>(
  db: Db,
  campaignId: string,
  spans: Record<S, DueSpan>,
): Promise<{ byState: Record<string, number>; due: Record<S, number> }> {
  const names = Object.keys(spans) as S[];
  const rows = await db
    .selectFrom("registrations")
    .select((eb) => [
      "state",
      eb.fn.countAll<number>().as("n"),
      // `count(*) filter (where …)`: PostgreSQL, and SQLite since 3.30.
      ...names.map((name, i) => {
        const span = spans[name];
        const conditions = [eb("state", "=", "pending_review")];
        if (span.atOrAfter !== undefined)
          conditions.push(eb("review_due_at", ">=", span.atOrAfter));
        if (span.atOrBefore !== undefined)
          conditions.push(eb("review_due_at", "<=", span.atOrBefore));
        return eb.fn.countAll<number>().filterWhere(eb.and(conditions)).as(`due${i}`);
      }),
    ])
    .where("campaign_id", "=", campaignId)
    .groupBy("state")
    .execute();
  const byState: Record<string, number> = {};
  const due = Object.fromEntries(names.map((name) => [name, 0])) as Record<S, number>;
  for (const row of rows) {
    byState[row.state] = Number(row.n);
    const counted = row as unknown as Record<string, unknown>;
    names.forEach((name, i) => {
      due[name] += Number(counted[`due${i}`] ?? 0);
    });
  }
  return { byState, due };
}

/** Counts by state for one campaign (optionally one merchant): the console's summary line. */
export async function registrationCounts(
  db: Db,
  campaignId: string,
  merchantId?: string,
): Promise<Record<string, number>> {
  let q = db
    .selectFrom("registrations")
    .select((eb) => ["state", eb.fn.countAll<number>().as("n")])
    .where("campaign_id", "=", campaignId);
  if (merchantId !== undefined) q = q.where("merchant_id", "=", merchantId);
  const rows = await q.groupBy("state").execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
