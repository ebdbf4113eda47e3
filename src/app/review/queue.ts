/** The review queue: pending registrations of a campaign, soonest due first, with SLA status. */
import { type DueStatus, dueRange, dueStatus } from "../../domain/enrollment/index.js";
import { reviewQueue, reviewQueueCount } from "../../store/repos/registration-queries.js";
import type { RegistrationRecord } from "../../store/repos/registrations.js";
import { sharedPerTurn } from "../console/shared-reads.js";
import { titleIn } from "../console/titles.js";
import type { AppContext } from "../context.js";
import { badCursor, decodeCursor, encodeCursor } from "../cursor.js";
import { fail, ok, type Result } from "../result.js";

export interface QueueQuery {
  campaignId: string;
  due?: "overdue" | "due_soon";
  category?: string;
  merchantId?: string;
  cursor?: string;
  limit: number;
}

export interface QueuePage {
  /** The campaign's time zone, as its current version says (the caller shows times in it). */
  timeZone: string;
  now: number;
  /** Each with its product's stored facts and title (`null`: no facts, or no title in them). */
  items: Array<
    RegistrationRecord & { dueStatus: DueStatus; productFacts: string | null; title: string | null }
  >;
  nextCursor: string | null;
  /** Every pending review the filters match (the first page counts them). */
  total?: number;
}

/** The queue's size, counted once for the requests of one turn (shared-reads.ts). */
const sharedQueueCount = sharedPerTurn(reviewQueueCount, (filter) => JSON.stringify(filter));

type QueueCursor = [number, string];
const isQueueCursor = (v: unknown): v is QueueCursor =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === "number" && typeof v[1] === "string";

export async function readReviewQueue(ctx: AppContext, q: QueueQuery): Promise<Result<QueuePage>> {
  const loaded = await ctx.campaigns.current(q.campaignId);
  if (!loaded) return fail("not_found", "campaign_not_found", `no campaign ${q.campaignId}`);
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, isQueueCursor);
  if (q.cursor !== undefined && !after) return badCursor();
  const now = ctx.clock.now();
  const range = q.due ? dueRange(q.due, now) : {};
  const filter = {
    campaignId: q.campaignId,
    ...(range.atOrAfter !== undefined ? { dueAtOrAfter: range.atOrAfter } : {}),
    ...(range.atOrBefore !== undefined ? { dueAtOrBefore: range.atOrBefore } : {}),
    ...(q.category !== undefined ? { category: q.category } : {}),
    ...(q.merchantId !== undefined ? { merchantId: q.merchantId } : {}),
  };
  // The page and its count are independent: at once on PostgreSQL's pool.
  const [rows, total] = await Promise.all([
    reviewQueue(ctx.store.db, {
      ...filter,
      ...(after ? { after: { dueAt: after[0], id: after[1] } } : {}),
      limit: q.limit + 1,
    }),
    after ? undefined : sharedQueueCount(ctx.store.db, filter),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return ok({
    timeZone: loaded.campaign.timeZone,
    now,
    // Added to the records read for this page (not copied: a page is 50-500 of them).
    items: page.map((r) =>
      Object.assign(r, {
        dueStatus: dueStatus(r.reviewDueAt!, now),
        title: titleIn(r.productFacts),
      }),
    ),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.reviewDueAt, last.id]) : null,
    ...(total === undefined ? {} : { total }),
  });
}
