/** Review (operator): the queue by SLA, decisions one by one or in bulk, the campaign's audit log. */
import { z } from "zod";
import { readAuditTrail } from "../../app/audit/trail.js";
import type { AppContext } from "../../app/context.js";
import { readReviewQueue } from "../../app/review/queue.js";
import { reviewRegistrations } from "../../app/review/review.js";
import { actorOf } from "../auth.js";
import { errorBody, sendFailure } from "../errors.js";
import { formatterFor, presentAudit, presentRegistration } from "../present.js";
import {
  CampaignParams,
  ErrorBody,
  errorResponses,
  RegistrationParams,
} from "../schemas/common.js";
import {
  AuditPage,
  BulkReviewBody,
  QueueQuery,
  RegistrationPage,
  ReviewBody,
  ReviewItemResult,
  ReviewResponse,
} from "../schemas/registrations.js";
import type { App } from "../types.js";

const OPERATOR = { roles: ["operator"] as const };
const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.coerce.number().int().min(0).optional().describe("last seq of the previous page"),
});

export function reviewRoutes(app: App, ctx: AppContext): void {
  const campaignOr404 = async (campaignId: string) => ctx.campaigns.current(campaignId);

  app.get(
    "/api/v1/campaigns/:campaignId/review-queue",
    {
      config: OPERATOR,
      schema: {
        tags: ["review"],
        summary: "Registrations waiting for review, soonest due first (SLA 72 h)",
        params: CampaignParams,
        querystring: QueueQuery,
        response: { 200: RegistrationPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await readReviewQueue(ctx, {
        campaignId: request.params.campaignId,
        ...request.query,
      });
      if (!r.ok) return sendFailure(reply, r.failure);
      const iso = formatterFor(r.value.timeZone);
      return {
        now: iso(r.value.now),
        items: r.value.items.map((x) =>
          Object.assign(presentRegistration(x, r.value.now, iso), { title: x.title }),
        ),
        nextCursor: r.value.nextCursor,
        ...(r.value.total === undefined ? {} : { total: r.value.total }),
      };
    },
  );

  app.post(
    "/api/v1/registrations/:registrationId/review",
    {
      config: OPERATOR,
      schema: {
        tags: ["review"],
        summary:
          "Approve or reject one registration (a rejection needs a reason); 409 if it is not waiting for review",
        params: RegistrationParams,
        body: ReviewBody,
        response: { 200: ReviewItemResult, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const r = await reviewRegistrations(ctx, actorOf(request), [
        { registrationId: request.params.registrationId, ...request.body },
      ]);
      if (!r.ok) return sendFailure(reply, r.failure);
      const result = r.value.results[0]!;
      if (result.outcome === "refused") {
        return reply.code(409).send({
          error: {
            code: result.refusal.code,
            message: result.refusal.message.en,
            details: { state: result.state, refusal: result.refusal },
          },
        });
      }
      return result;
    },
  );

  app.post(
    "/api/v1/campaigns/:campaignId/reviews",
    {
      config: OPERATOR,
      schema: {
        tags: ["review"],
        summary:
          "Approve or reject many registrations at once; each item not waiting for review is refused with a reason",
        params: CampaignParams,
        body: BulkReviewBody,
        response: { 200: ReviewResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const loaded = await campaignOr404(request.params.campaignId);
      if (!loaded) return reply.code(404).send(errorBody("campaign_not_found", "no such campaign"));
      const r = await reviewRegistrations(
        ctx,
        actorOf(request),
        request.body.decisions,
        loaded.campaign.id,
      );
      if (!r.ok) return sendFailure(reply, r.failure);
      return { ...r.value, reviewedAt: formatterFor(loaded.campaign.timeZone)(r.value.reviewedAt) };
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/audit",
    {
      config: OPERATOR,
      schema: {
        tags: ["review"],
        summary: "The campaign's audit log in the order written",
        params: CampaignParams,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const loaded = await campaignOr404(request.params.campaignId);
      if (!loaded) return reply.code(404).send(errorBody("campaign_not_found", "no such campaign"));
      const trail = await readAuditTrail(ctx, { campaignId: loaded.campaign.id }, request.query);
      const iso = formatterFor(loaded.campaign.timeZone);
      return {
        items: trail.items.map((e) => presentAudit(e, iso)),
        nextCursor: trail.nextCursor,
      };
    },
  );
}
