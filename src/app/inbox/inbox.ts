/**
 * A merchant's inbox: the engine's decisions about it, its review outcomes and the decisions on
 * its appeals (a dismissal is no engine decision), newest first,
 * each worded in Chinese and English (`domain/inbox/wording.ts`) and naming what it is about;
 * which are unread; marking one, several or all read. Operators may read a merchant's inbox
 * (support calls) but only the merchant marks it read.
 *
 * Notification ids: `d:SEQ` for a decision (its `ff_decisions.seq`), `r:SEQ` for a review or
 * appeal outcome (its audit entry's `seq`). Pages merge the two sources newest first by when each was
 * stored; the cursor holds where each source stopped, so nothing is skipped or repeated.
 */
import {
  type Bilingual,
  NOT_FOR_THE_INBOX,
  REVIEW_APPROVED,
  REVIEW_REJECTED,
  type Wording,
  wordingFor,
} from "../../domain/inbox/wording.js";
import {
  addMarks,
  countDecisionsAfter,
  countReviewsAfter,
  hasReviewOutcome,
  type InboxScope,
  inboxDecision,
  inboxDecisions,
  markAllRead,
  maxDecisionSeq,
  maxReviewSeq,
  merchantDecisionTypes,
  type ReadState,
  readState,
  reviewOutcomes,
} from "../../store/repos/downstream/inbox.js";
import { getProductFacts } from "../../store/repos/facts.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { badCursor, decodeCursor, encodeCursor } from "../cursor.js";
import { decisionId } from "../decision-id.js";
import { fail, ok, type Result } from "../result.js";

export interface Notification extends Wording {
  id: string;
  type: string;
  /** When it takes effect (a decision's `at`, a review's time). */
  at: number;
  /** When it was stored: the inbox's order. */
  notifiedAt: number;
  read: boolean;
  /** The decision's stable id, for a decision. */
  decisionId: string | null;
  /** The decision as the API shows it, for a decision. */
  decision: Record<string, unknown> | null;
}

export interface InboxPage {
  loaded: LoadedCampaign;
  items: Notification[];
  unread: number;
  nextCursor: string | null;
}

/** The notification type of each audited outcome the inbox shows (the `r:` source). */
const AUDIT_NOTIFICATION: Record<string, string> = {
  "review.approve": REVIEW_APPROVED,
  "review.reject": REVIEW_REJECTED,
  "appeal.uphold": "appeal.upheld",
  "appeal.dismiss": "appeal.dismissed",
};

type Cursor = { d: number; r: number };
const isCursor = (v: unknown): v is Cursor =>
  typeof v === "object" &&
  v !== null &&
  Number.isInteger((v as Cursor).d) &&
  Number.isInteger((v as Cursor).r);
const END = Number.MAX_SAFE_INTEGER;

async function inboxTypes(db: Db, s: InboxScope): Promise<string[]> {
  return (await merchantDecisionTypes(db, s)).filter((t) => !NOT_FOR_THE_INBOX.has(t));
}

async function unreadCount(db: Db, s: InboxScope, types: string[], read: ReadState) {
  const decisions = await countDecisionsAfter(db, s, types, read.decisionsSeq);
  const reviews = await countReviewsAfter(db, s, read.auditSeq);
  return Math.max(0, decisions + reviews - read.marked.size);
}

export async function readInbox(
  ctx: AppContext,
  s: InboxScope,
  query: { cursor?: string; limit: number },
): Promise<Result<InboxPage>> {
  const loaded = await ctx.campaigns.current(s.campaignId);
  if (!loaded) return fail("not_found", "campaign_not_found", `no campaign ${s.campaignId}`);
  const cursor: Cursor | undefined =
    query.cursor === undefined ? { d: END, r: END } : decodeCursor(query.cursor, isCursor);
  if (cursor === undefined) return badCursor();
  const db = ctx.store.db;
  const types = await inboxTypes(db, s);
  const decisions = await inboxDecisions(db, s, types, cursor.d, query.limit);
  const reviews = await reviewOutcomes(db, s, cursor.r, query.limit);
  const read = await readState(db, s);

  // Merge newest first; each source is consumed from its head, so the cursor is where each stopped.
  const picked: Array<
    { kind: "d"; row: (typeof decisions)[number] } | { kind: "r"; row: (typeof reviews)[number] }
  > = [];
  let di = 0;
  let ri = 0;
  while (picked.length < query.limit && (di < decisions.length || ri < reviews.length)) {
    const d = decisions[di];
    const r = reviews[ri];
    if (d && (!r || d.createdAt >= r.at)) {
      picked.push({ kind: "d", row: d });
      di += 1;
    } else if (r) {
      picked.push({ kind: "r", row: r });
      ri += 1;
    }
  }
  const titles = await titlesOf(
    db,
    picked.map((p) => p.row.productId),
  );
  const items = picked.map((p): Notification => {
    if (p.kind === "d") {
      const row = p.row;
      const body = JSON.parse(row.body) as Record<string, unknown>;
      const id = `d:${row.seq}`;
      return {
        id,
        type: row.type,
        at: row.at,
        notifiedAt: row.createdAt,
        read: row.seq <= read.decisionsSeq || read.marked.has(id),
        decisionId: decisionId(s.campaignId, row.effectKey),
        decision: body,
        ...wordingFor({
          type: row.type,
          merchantId: s.merchantId,
          orderId: row.orderId,
          productId: row.productId,
          title: row.productId === null ? null : (titles.get(row.productId) ?? null),
          body,
          ruleTitles: ruleTitlesOf(loaded),
        }),
      };
    }
    const row = p.row;
    const id = `r:${row.auditSeq}`;
    const type = AUDIT_NOTIFICATION[row.action] ?? REVIEW_REJECTED;
    return {
      id,
      type,
      at: row.at,
      notifiedAt: row.at,
      read: row.auditSeq <= read.auditSeq || read.marked.has(id),
      decisionId: null,
      decision: null,
      ...wordingFor({
        type,
        merchantId: s.merchantId,
        orderId: row.orderId,
        productId: row.productId,
        registrationId: row.registrationId,
        title: titles.get(row.productId) ?? null,
        body: row.orderId === null ? { reason: row.reason } : { note: row.reason },
      }),
    };
  });
  // Fewer than a page: both sources ran out (each fetched a whole page).
  const more = picked.length === query.limit;
  const lastD = picked.filter((p) => p.kind === "d").at(-1);
  const lastR = picked.filter((p) => p.kind === "r").at(-1);
  const next: Cursor = {
    d: lastD ? (lastD.row as { seq: number }).seq : cursor.d,
    r: lastR ? (lastR.row as { auditSeq: number }).auditSeq : cursor.r,
  };
  return ok({
    loaded,
    items,
    unread: await unreadCount(db, s, types, read),
    nextCursor: more ? encodeCursor(next) : null,
  });
}

export async function readUnread(ctx: AppContext, s: InboxScope): Promise<Result<number>> {
  if (!(await ctx.campaigns.current(s.campaignId))) {
    return fail("not_found", "campaign_not_found", `no campaign ${s.campaignId}`);
  }
  const db = ctx.store.db;
  return ok(await unreadCount(db, s, await inboxTypes(db, s), await readState(db, s)));
}

const NOTIFICATION_ID = /^(d|r):([1-9][0-9]{0,15})$/;

/** Marks these notifications read; 404 naming any that is not one of the merchant's. */
export async function markRead(
  ctx: AppContext,
  s: InboxScope,
  ids: readonly string[],
): Promise<Result<{ unread: number }>> {
  if (!(await ctx.campaigns.current(s.campaignId))) {
    return fail("not_found", "campaign_not_found", `no campaign ${s.campaignId}`);
  }
  const db = ctx.store.db;
  const unknown: string[] = [];
  const read = await readState(db, s);
  const fresh: string[] = [];
  for (const id of new Set(ids)) {
    const m = NOTIFICATION_ID.exec(id);
    const seq = m ? Number(m[2]) : Number.NaN;
    const exists =
      m?.[1] === "d"
        ? await inboxDecision(db, s, seq).then(
            (d) => d !== undefined && !NOT_FOR_THE_INBOX.has(d.type),
          )
        : m?.[1] === "r"
          ? await hasReviewOutcome(db, s, seq)
          : false;
    if (!exists) {
      unknown.push(id);
      continue;
    }
    const below = m![1] === "d" ? seq <= read.decisionsSeq : seq <= read.auditSeq;
    if (!below) fresh.push(id);
  }
  if (unknown.length > 0) {
    return fail(
      "not_found",
      "notification_not_found",
      `no such notification in this inbox: ${unknown.join(", ")} (ids are d:SEQ or r:SEQ as the inbox lists them)`,
      { ids: unknown },
    );
  }
  await addMarks(db, s, fresh, ctx.clock.now());
  const unread = await readUnread(ctx, s);
  return unread.ok ? ok({ unread: unread.value }) : unread;
}

/** Marks everything in the inbox now read. */
export async function markEverythingRead(
  ctx: AppContext,
  s: InboxScope,
): Promise<Result<{ unread: number }>> {
  if (!(await ctx.campaigns.current(s.campaignId))) {
    return fail("not_found", "campaign_not_found", `no campaign ${s.campaignId}`);
  }
  const db = ctx.store.db;
  await db.transaction().execute(async (trx) => {
    await markAllRead(
      trx,
      s,
      await maxDecisionSeq(trx, s),
      await maxReviewSeq(trx, s),
      ctx.clock.now(),
    );
  });
  const unread = await readUnread(ctx, s);
  return unread.ok ? ok({ unread: unread.value }) : unread;
}

async function titlesOf(db: Db, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const facts = await getProductFacts(db, wanted);
  const out = new Map<string, string>();
  for (const [id, row] of facts) {
    const title = (JSON.parse(row.body) as { title?: unknown }).title;
    if (typeof title === "string") out.set(id, title);
  }
  return out;
}

const ruleTitles = new WeakMap<LoadedCampaign, ReadonlyMap<string, Bilingual>>();

/** The campaign's rule titles by code (a suspension names its rules by them), made once. */
function ruleTitlesOf(loaded: LoadedCampaign): ReadonlyMap<string, Bilingual> {
  let titles = ruleTitles.get(loaded);
  if (titles === undefined) {
    titles = new Map(loaded.campaign.rules.map((r) => [r.code, r.title]));
    ruleTitles.set(loaded, titles);
  }
  return titles;
}
