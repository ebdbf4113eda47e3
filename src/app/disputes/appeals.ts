/**
 * Appeals (docs/interfaces.md, "Disputes and the merchant's own exit"): a merchant appeals a violation
 * in force of its own order, with evidence, inside the window; operators read them by due time
 * and decide each once. Filing and deciding are audited; an upheld appeal undoes the violation
 * and everything that followed from it (`uphold.ts`).
 */
import {
  type AppealDecision,
  appealDueAt,
  decide,
  filingRefusal,
} from "../../domain/disputes/appeal.js";
import { instantFormatter } from "../../domain/time/format.js";
import {
  type AppealCursor,
  type AppealRecord,
  type AppealStatus,
  appealsPage,
  decideAppeal,
  getAppeal,
  insertAppeal,
  openAppealFor,
} from "../../store/repos/appeals.js";
import { appendAudit } from "../../store/repos/audit.js";
import { orderById } from "../../store/repos/fulfilment/reads.js";
import type { Actor } from "../actor.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { badCursor, decodeCursor, encodeCursor } from "../cursor.js";
import { newId } from "../ids.js";
import { fail, ok, type Result } from "../result.js";
import { upholdInEngine } from "./uphold.js";

export type { AppealRecord } from "../../store/repos/appeals.js";

export interface Evidence {
  trackingNo?: string | undefined;
  carrier?: string | undefined;
  /** Epoch ms (the route parses the ISO text). */
  pickedUpAt?: number | undefined;
  note?: string | undefined;
}

export interface FileAppeal {
  orderId: string;
  kind: "late_shipment" | "false_shipment";
  reason: string;
  evidence?: Evidence | undefined;
}

export interface Filed {
  loaded: LoadedCampaign;
  appeal: AppealRecord;
}

async function campaignOf(ctx: AppContext, id: string): Promise<Result<LoadedCampaign>> {
  const loaded = await ctx.campaigns.current(id);
  return loaded ? ok(loaded) : fail("not_found", "campaign_not_found", `no campaign ${id}`);
}

export async function fileAppeal(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  merchantId: string,
  cmd: FileAppeal,
): Promise<Result<Filed>> {
  const c = await campaignOf(ctx, campaignId);
  if (!c.ok) return c;
  const loaded = c.value;
  const policy = loaded.campaign.policy.appeals;
  const now = ctx.clock.now();
  const pickedUpAt = cmd.evidence?.pickedUpAt;
  if (pickedUpAt !== undefined && pickedUpAt > now) {
    // Evidence of a pickup that has not happened yet cannot show anything.
    const iso = instantFormatter(loaded.campaign.timeZone);
    return fail(
      "invalid",
      "evidence_in_future",
      `evidence.pickedUpAt ${iso(pickedUpAt)} is after now (${iso(now)}): give the carrier's first scan as it happened`,
      { field: "evidence.pickedUpAt" },
    );
  }
  return ctx.store.db.transaction().execute(async (trx): Promise<Result<Filed>> => {
    const order = await orderById(trx, campaignId, cmd.orderId);
    // Another merchant's order is as unknown as a missing one.
    if (order === undefined || order.merchantId !== merchantId) {
      return fail(
        "not_found",
        "order_not_found",
        `merchant ${merchantId} has no order ${cmd.orderId} in ${campaignId}`,
      );
    }
    const refusal = filingRefusal(
      { kind: cmd.kind, inForce: order.violation, at: order.violationAt },
      now,
      policy,
    );
    if (refusal) {
      // Instants as everywhere in the API: ISO with the campaign zone's offset.
      const iso = instantFormatter(loaded.campaign.timeZone);
      const closed =
        refusal.code === "appeal_window_closed"
          ? { violationAt: iso(order.violationAt!), closedAt: iso(refusal.closedAt) }
          : {};
      return fail("conflict", refusal.code, `order ${cmd.orderId}: ${refusal.message}`, {
        orderId: cmd.orderId,
        kind: cmd.kind,
        ...closed,
      });
    }
    const open = await openAppealFor(trx, campaignId, cmd.orderId, cmd.kind);
    if (open) return alreadyOpen(open.id, cmd);
    const appeal: AppealRecord = {
      id: newId(),
      campaignId,
      merchantId,
      orderId: cmd.orderId,
      productId: order.productId,
      kind: cmd.kind,
      violationAt: order.violationAt!,
      reason: cmd.reason.trim(),
      evidence: evidenceText(cmd.evidence),
      status: "open",
      filedAt: now,
      filedBy: actor.id,
      dueAt: appealDueAt(now, policy),
      decidedAt: null,
      decidedBy: null,
      decisionNote: null,
      outcome: null,
    };
    // Two filings at once: the database's one-open-appeal index lets one in.
    if (!(await insertAppeal(trx, appeal, now))) return alreadyOpen(null, cmd);
    await appendAudit(trx, [
      {
        at: now,
        actorRole: actor.role,
        actorId: actor.id,
        action: "appeal.file",
        campaignId,
        subjectType: "appeal",
        subjectId: appeal.id,
        fromState: null,
        toState: "open",
        reason: appeal.reason,
        detail: {
          merchantId,
          orderId: cmd.orderId,
          kind: cmd.kind,
          evidence: appeal.evidence === null ? null : JSON.parse(appeal.evidence),
        },
      },
    ]);
    return ok({ loaded, appeal });
  });
}

function alreadyOpen(appealId: string | null, cmd: FileAppeal) {
  return fail(
    "conflict",
    "appeal_open",
    `an appeal against the ${cmd.kind} of order ${cmd.orderId} is open already: wait for its decision`,
    { orderId: cmd.orderId, kind: cmd.kind, ...(appealId ? { appealId } : {}) },
  );
}

/** Only the fields given, as JSON text; `null` without any. */
function evidenceText(e: Evidence | undefined): string | null {
  if (!e) return null;
  const kept = Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined && v !== ""));
  return Object.keys(kept).length === 0 ? null : JSON.stringify(kept);
}

export interface AppealsQuery {
  merchantId?: string | undefined;
  status: AppealStatus | "all";
  cursor?: string | undefined;
  limit: number;
}

const isCursor = (v: unknown): v is AppealCursor =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as AppealCursor).dueAt === "number" &&
  typeof (v as AppealCursor).id === "string";

export async function readAppeals(
  ctx: AppContext,
  campaignId: string,
  q: AppealsQuery,
): Promise<Result<{ loaded: LoadedCampaign; items: AppealRecord[]; nextCursor: string | null }>> {
  const c = await campaignOf(ctx, campaignId);
  if (!c.ok) return c;
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, isCursor);
  if (q.cursor !== undefined && after === undefined) return badCursor();
  const filter = {
    ...(q.merchantId === undefined ? {} : { merchantId: q.merchantId }),
    ...(q.status === "all" ? {} : { status: q.status }),
  };
  const items = await appealsPage(ctx.store.db, campaignId, filter, after, q.limit);
  const last = items[items.length - 1];
  const nextCursor =
    items.length === q.limit && last ? encodeCursor({ dueAt: last.dueAt, id: last.id }) : null;
  return ok({ loaded: c.value, items, nextCursor });
}

export async function readAppeal(
  ctx: AppContext,
  appealId: string,
): Promise<Result<{ loaded: LoadedCampaign; appeal: AppealRecord }>> {
  const appeal = await getAppeal(ctx.store.db, appealId);
  if (!appeal) return fail("not_found", "appeal_not_found", `no appeal ${appealId}`);
  const c = await campaignOf(ctx, appeal.campaignId);
  if (!c.ok) return c;
  return ok({ loaded: c.value, appeal });
}

export interface Decided {
  loaded: LoadedCampaign;
  appeal: AppealRecord;
  /** The decisions an uphold caused (JSON text), in order; none for a dismissal. */
  decisions: string[];
}

export async function decideOnAppeal(
  ctx: AppContext,
  actor: Actor,
  appealId: string,
  verdict: { decision: AppealDecision; note: string },
): Promise<Result<Decided>> {
  const found = await readAppeal(ctx, appealId);
  if (!found.ok) return found;
  const { loaded } = found.value;
  const now = ctx.clock.now();
  return ctx.store.db
    .transaction()
    .execute(async (trx): Promise<Result<Decided>> => {
      const appeal = await getAppeal(trx, appealId);
      if (!appeal) return fail("not_found", "appeal_not_found", `no appeal ${appealId}`);
      const step = decide(appeal.status, verdict.decision);
      if (!step.ok) return decidedAlready(appeal, loaded);
      const decisions =
        step.to === "upheld"
          ? await upholdInEngine(trx, loaded, appeal.merchantId, appeal.orderId, appeal.kind, now)
          : [];
      const note = verdict.note.trim();
      const outcome = decisions.length === 0 ? null : `[${decisions.join(",")}]`;
      const stored = await decideAppeal(trx, appealId, {
        status: step.to,
        decidedAt: now,
        decidedBy: actor.id,
        note,
        outcome,
      });
      // Another operator decided in between: roll back what this transaction did.
      if (!stored) throw new DecidedMeanwhile();
      await appendAudit(trx, [
        {
          at: now,
          actorRole: actor.role,
          actorId: actor.id,
          action: verdict.decision === "uphold" ? "appeal.uphold" : "appeal.dismiss",
          campaignId: appeal.campaignId,
          subjectType: "appeal",
          subjectId: appealId,
          fromState: "open",
          toState: step.to,
          reason: note,
          detail: {
            merchantId: appeal.merchantId,
            orderId: appeal.orderId,
            kind: appeal.kind,
            decisions: decisions.map((d) => (JSON.parse(d) as { type: string }).type),
          },
        },
      ]);
      const after: AppealRecord = {
        ...appeal,
        status: step.to,
        decidedAt: now,
        decidedBy: actor.id,
        decisionNote: note,
        outcome,
      };
      return ok({ loaded, appeal: after, decisions });
    })
    .catch(async (error: unknown) => {
      if (!(error instanceof DecidedMeanwhile)) throw error;
      const now = await getAppeal(ctx.store.db, appealId);
      return now
        ? decidedAlready(now, loaded)
        : fail("not_found", "appeal_not_found", `no appeal ${appealId}`);
    });
}

class DecidedMeanwhile extends Error {}

function decidedAlready(appeal: AppealRecord, loaded: LoadedCampaign) {
  const iso = instantFormatter(loaded.campaign.timeZone);
  return fail(
    "conflict",
    "appeal_already_decided",
    `appeal ${appeal.id} was ${appeal.status} already`,
    {
      status: appeal.status,
      decidedAt: appeal.decidedAt === null ? null : iso(appeal.decidedAt),
    },
  );
}
