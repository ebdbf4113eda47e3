/** Campaigns: any role reads them; operators upload new versions. */
import type { FastifyReply } from "fastify";
import type { AppContext } from "../../app/context.js";
import { listCampaignVersions } from "../../store/repos/campaigns.js";
import { actorOf } from "../auth.js";
import { errorBody } from "../errors.js";
import { formatterFor, presentCampaign, presentCampaignJson } from "../present.js";
import {
  CampaignList,
  CampaignUpload,
  CampaignUploadResponse,
  CampaignVersions,
  CampaignView,
} from "../schemas/campaigns.js";
import { CampaignParams, ErrorBody, errorResponses } from "../schemas/common.js";
import type { App } from "../types.js";

const ALL = ["merchant", "operator", "platform", "channel"] as const;

export function campaignRoutes(app: App, ctx: AppContext): void {
  app.get(
    "/api/v1/campaigns",
    {
      config: { roles: ALL },
      schema: {
        tags: ["campaigns"],
        summary: "Campaigns, current versions",
        response: { 200: CampaignList, ...errorResponses },
      },
    },
    async () => {
      const now = ctx.clock.now();
      return { items: (await ctx.campaigns.list()).map((c) => presentCampaign(c, now)) };
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId",
    {
      config: { roles: ALL },
      schema: {
        tags: ["campaigns"],
        summary:
          "One campaign: windows, categories, whether registration is open and it is running",
        params: CampaignParams,
        response: { 200: CampaignView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const loaded = await ctx.campaigns.current(request.params.campaignId);
      if (!loaded) return reply.code(404).send(errorBody("campaign_not_found", "no such campaign"));
      // Bytes past the response serializer: present.test.ts holds them to presentCampaign's
      // object and to CampaignView (the type provider knows only objects).
      return (reply as FastifyReply)
        .type("application/json; charset=utf-8")
        .send(presentCampaignJson(loaded, ctx.clock.now()));
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/versions",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["campaigns"],
        summary: "Every stored version of a campaign, newest first",
        params: CampaignParams,
        response: { 200: CampaignVersions, ...errorResponses },
      },
    },
    async (request, reply) => {
      const loaded = await ctx.campaigns.current(request.params.campaignId);
      if (!loaded) return reply.code(404).send(errorBody("campaign_not_found", "no such campaign"));
      const iso = formatterFor(loaded.campaign.timeZone);
      const versions = await listCampaignVersions(ctx.store.db, request.params.campaignId);
      return {
        items: versions.map((v) => ({
          hash: v.hash,
          sourceName: v.sourceName,
          loadedAt: iso(v.loadedAt),
          loadedBy: v.loadedBy,
          current: v.hash === loaded.campaign.hash,
        })),
      };
    },
  );

  app.post(
    "/api/v1/campaigns",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["campaigns"],
        summary: "Upload a campaign file (YAML text); it becomes the current version of its id",
        body: CampaignUpload,
        response: {
          200: CampaignUploadResponse,
          201: CampaignUploadResponse,
          ...errorResponses,
          422: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = ctx.clock.now();
      const { source, sourceName } = request.body;
      const outcome = await ctx.campaigns.load(
        source,
        sourceName,
        `${actor.role}:${actor.id}`,
        now,
        "always",
      );
      if (!outcome.ok) {
        return reply.code(400).send({
          error: {
            code: "invalid_campaign",
            message: `the campaign file has ${outcome.problems.length} problem(s)`,
            issues: outcome.problems.map((p) => ({
              in: "body" as const,
              path: `source${p.line ? `:${p.line}` : ""} ${p.path}`,
              code: "invalid_campaign",
              message: `${p.message}. Fix: ${p.fix}`,
            })),
            details: { problems: outcome.problems },
          },
        });
      }
      return reply
        .code(outcome.created ? 201 : 200)
        .send({ created: outcome.created, campaign: presentCampaign(outcome.loaded, now) });
    },
  );
}
