/**
 * Held claims (operator): the queue of claims the automatic evaluation sent to a person, and
 * paying or declining one. Answers 409 when the claim was resolved already.
 */
import type { AppContext } from "../../app/context.js";
import { readHeldClaims, resolveHeldClaim } from "../../app/fulfilment/held-claims.js";
import { actorOf } from "../auth.js";
import { sendFailure } from "../errors.js";
import { formatterFor } from "../present.js";
import { CampaignParams, ErrorBody, errorResponses } from "../schemas/common.js";
import {
  HeldClaimPage,
  HeldClaimParams,
  HeldClaimsQuery,
  ResolveAnswer,
  ResolveBody,
} from "../schemas/held-claims.js";
import type { App } from "../types.js";

const OPERATOR = { roles: ["operator"] as const };
const tags = ["fulfilment"];

export function heldClaimRoutes(app: App, ctx: AppContext): void {
  app.get(
    "/api/v1/campaigns/:campaignId/claims/held",
    {
      config: OPERATOR,
      schema: {
        tags,
        summary: "Claims held for a person (e.g. a high-risk buyer), oldest first",
        params: CampaignParams,
        querystring: HeldClaimsQuery,
        response: { 200: HeldClaimPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { status, merchantId, cursor, limit } = request.query;
      const r = await readHeldClaims(ctx, request.params.campaignId, {
        open: status === "open",
        limit,
        ...(merchantId === undefined ? {} : { merchantId }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      if (!r.ok) return sendFailure(reply, r.failure);
      const iso = formatterFor(r.value.loaded.campaign.timeZone);
      return {
        items: r.value.items.map((c) => ({
          orderId: c.orderId,
          kind: c.kind,
          merchantId: c.merchantId,
          productId: c.productId,
          buyerId: c.buyerId,
          reason: (JSON.parse(c.body) as { reason?: string }).reason ?? "unknown",
          heldAt: iso(c.heldAt),
          orderAmountFen: c.orderAmountFen,
          payableFen: c.payableFen,
          resolution: c.resolution && (JSON.parse(c.resolution.body) as Record<string, unknown>),
          withdrawnAt: c.withdrawnAt === null ? null : iso(c.withdrawnAt),
        })),
        nextCursor: r.value.nextCursor,
      };
    },
  );

  app.post(
    "/api/v1/campaigns/:campaignId/claims/held/:orderId/:kind",
    {
      config: OPERATOR,
      schema: {
        tags,
        summary:
          "Pay a held claim (the policy's compensation) or decline it with a reason; once only",
        params: HeldClaimParams,
        body: ResolveBody,
        response: { 200: ResolveAnswer, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { campaignId, orderId, kind } = request.params;
      const r = await resolveHeldClaim(
        ctx,
        actorOf(request),
        campaignId,
        orderId,
        kind,
        request.body,
      );
      if (!r.ok) return sendFailure(reply, r.failure);
      return { decision: JSON.parse(r.value.decision) as Record<string, unknown> };
    },
  );
}
