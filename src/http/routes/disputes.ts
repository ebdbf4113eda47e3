/**
 * Appeals and withdrawal (docs/interfaces.md, "Disputes and the merchant's own exit"). A merchant files
 * appeals and withdraws for itself only (the auth hook checks the path's merchant id); operators
 * read every appeal by due time and decide each once (409 after).
 */

import type { LoadedCampaign } from "../../app/campaigns/catalog.js";
import type { AppContext } from "../../app/context.js";
import {
  type AppealRecord,
  decideOnAppeal,
  fileAppeal,
  readAppeal,
  readAppeals,
} from "../../app/disputes/appeals.js";
import { withdrawMerchant } from "../../app/disputes/withdrawal.js";
import { appealWindowEnd } from "../../domain/disputes/appeal.js";
import { parseInstant } from "../../domain/time/parse.js";
import { actorOf } from "../auth.js";
import { errorBody, sendFailure } from "../errors.js";
import { formatterFor } from "../present.js";
import { CampaignParams, ErrorBody, errorResponses, Id } from "../schemas/common.js";
import {
  AppealDecisionBody,
  AppealPage,
  AppealParams,
  AppealsQuery,
  AppealView,
  FileAppealBody,
  FiledAnswer,
  WithdrawalBody,
  WithdrawnAnswer,
} from "../schemas/disputes.js";
import type { App } from "../types.js";

const MerchantParams = CampaignParams.extend({ merchantId: Id });
const OWN_ONLY = { roles: ["merchant"] as const, merchantParam: "merchantId" };
const tags = ["disputes"];

function present(a: AppealRecord, loaded: LoadedCampaign, now: number) {
  const iso = formatterFor(loaded.campaign.timeZone);
  const decided = a.status !== "open";
  return {
    appealId: a.id,
    campaignId: a.campaignId,
    merchantId: a.merchantId,
    orderId: a.orderId,
    productId: a.productId,
    kind: a.kind,
    violationAt: iso(a.violationAt),
    windowClosesAt: iso(appealWindowEnd(a.violationAt, loaded.campaign.policy.appeals)),
    reason: a.reason,
    evidence: a.evidence === null ? null : (JSON.parse(a.evidence) as Record<string, unknown>),
    status: a.status,
    filedAt: iso(a.filedAt),
    dueAt: iso(a.dueAt),
    overdue: !decided && now > a.dueAt,
    decidedAt: a.decidedAt === null ? null : iso(a.decidedAt),
    decision:
      decided && a.status !== "lapsed"
        ? {
            decision: a.status === "upheld" ? ("uphold" as const) : ("dismiss" as const),
            note: a.decisionNote ?? "",
          }
        : null,
    decisions: a.outcome === null ? [] : (JSON.parse(a.outcome) as Array<Record<string, unknown>>),
  };
}

export function disputeRoutes(app: App, ctx: AppContext): void {
  app.post(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/appeals",
    {
      config: OWN_ONLY,
      schema: {
        tags,
        summary:
          "Appeal a violation in force of one's own order, with evidence, inside the appeal window",
        params: MerchantParams,
        body: FileAppealBody,
        response: { 201: FiledAnswer, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const { evidence, ...rest } = request.body;
      const pickedUpAt =
        evidence?.pickedUpAt === undefined ? undefined : parseInstant(evidence.pickedUpAt)!;
      const r = await fileAppeal(ctx, actorOf(request), campaignId, merchantId, {
        ...rest,
        ...(evidence === undefined ? {} : { evidence: { ...evidence, pickedUpAt } }),
      });
      if (!r.ok) return sendFailure(reply, r.failure);
      return reply
        .code(201)
        .send(presentWithEvidence(r.value.appeal, r.value.loaded, ctx.clock.now()));
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/appeals",
    {
      config: { roles: ["operator", "merchant"] },
      schema: {
        tags,
        summary:
          "Appeals by due time, most urgent first (operators: all; a merchant: its own, ?merchantId=)",
        params: CampaignParams,
        querystring: AppealsQuery,
        response: { 200: AppealPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      let { merchantId } = request.query;
      if (actor.role === "merchant") {
        if (merchantId !== undefined && merchantId !== actor.merchantId) {
          return reply
            .code(403)
            .send(
              errorBody("other_merchant", `this token acts for merchant ${actor.merchantId} only`),
            );
        }
        merchantId = actor.merchantId ?? undefined;
      }
      const { status, cursor, limit } = request.query;
      const r = await readAppeals(ctx, request.params.campaignId, {
        merchantId,
        status,
        cursor,
        limit,
      });
      if (!r.ok) return sendFailure(reply, r.failure);
      const now = ctx.clock.now();
      return {
        items: r.value.items.map((a) => presentWithEvidence(a, r.value.loaded, now)),
        nextCursor: r.value.nextCursor,
      };
    },
  );

  app.get(
    "/api/v1/appeals/:appealId",
    {
      config: { roles: ["operator", "merchant"] },
      schema: {
        tags,
        summary: "One appeal and its outcome (a merchant: its own)",
        params: AppealParams,
        response: { 200: AppealView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await readAppeal(ctx, request.params.appealId);
      if (!r.ok) return sendFailure(reply, r.failure);
      const actor = actorOf(request);
      if (actor.role === "merchant" && r.value.appeal.merchantId !== actor.merchantId) {
        return reply
          .code(403)
          .send(
            errorBody("other_merchant", `this token acts for merchant ${actor.merchantId} only`),
          );
      }
      return presentWithEvidence(r.value.appeal, r.value.loaded, ctx.clock.now());
    },
  );

  app.post(
    "/api/v1/appeals/:appealId/decision",
    {
      config: { roles: ["operator"] },
      schema: {
        tags,
        summary:
          "Uphold (the violation and what followed are undone) or dismiss an appeal; once only",
        params: AppealParams,
        body: AppealDecisionBody,
        response: { 200: AppealView, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const r = await decideOnAppeal(ctx, actorOf(request), request.params.appealId, request.body);
      if (!r.ok) return sendFailure(reply, r.failure);
      return presentWithEvidence(r.value.appeal, r.value.loaded, ctx.clock.now());
    },
  );

  app.post(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/withdrawal",
    {
      config: OWN_ONLY,
      schema: {
        tags,
        summary:
          "Leave the campaign for good (merchant.exited, reason withdrew); orders placed are still tracked",
        params: MerchantParams,
        body: WithdrawalBody,
        response: { 200: WithdrawnAnswer, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const r = await withdrawMerchant(
        ctx,
        actorOf(request),
        campaignId,
        merchantId,
        request.body.reason,
      );
      if (!r.ok) return sendFailure(reply, r.failure);
      const loaded = (await ctx.campaigns.current(campaignId))!;
      return {
        merchantId,
        reason: "withdrew" as const,
        exitedAt: formatterFor(loaded.campaign.timeZone)(r.value.exitedAt),
        decisions: r.value.decisions.map((d) => JSON.parse(d) as Record<string, unknown>),
      };
    },
  );
}

/** The view, with the evidence's pickup time in the campaign's zone, like every instant we answer. */
function presentWithEvidence(a: AppealRecord, loaded: LoadedCampaign, now: number) {
  const view = present(a, loaded, now);
  if (view.evidence && typeof view.evidence.pickedUpAt === "number") {
    view.evidence.pickedUpAt = formatterFor(loaded.campaign.timeZone)(view.evidence.pickedUpAt);
  }
  return view;
}
