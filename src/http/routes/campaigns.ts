/**
 * Campaigns: any role reads them; operators publish new versions (upload or roll back), each
 * publish audited, and read the history and the diff between versions.
 */
import type { FastifyReply } from "fastify";
import { z } from "zod";
import {
  publishCampaign,
  publishHistory,
  rollbackCampaign,
  versionDiff,
} from "../../app/campaigns/publish.js";
import { readCampaignVersions } from "../../app/campaigns/versions.js";
import type { AppContext } from "../../app/context.js";
import { actorOf } from "../auth.js";
import { errorBody, sendFailure } from "../errors.js";
import { formatterFor, presentCampaign, presentCampaignJson } from "../present.js";
import {
  CampaignList,
  CampaignUpload,
  CampaignUploadResponse,
  CampaignVersions,
  CampaignView,
} from "../schemas/campaigns.js";
import { CampaignParams, ErrorBody, errorResponses } from "../schemas/common.js";
import { PublishHistory, RollbackView, VersionDiff } from "../schemas/console.js";
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
        response: { 200: CampaignList },
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
      const versions = await readCampaignVersions(ctx, request.params.campaignId);
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
          400: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const outcome = await publishCampaign(ctx, actor, request.body);
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
      return reply.code(outcome.created ? 201 : 200).send({
        created: outcome.created,
        campaign: presentCampaign(outcome.loaded, ctx.clock.now()),
      });
    },
  );

  app.post(
    "/api/v1/campaigns/:campaignId/rollback",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["campaigns"],
        summary:
          "Make a stored version current again (a new publish: audited, history kept); 409 if it is current",
        params: CampaignParams,
        body: z.object({
          hash: z.string().min(1).max(128),
          comment: z.string().max(1000).optional(),
        }),
        response: { 200: RollbackView, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { hash, comment } = request.body;
      const r = await rollbackCampaign(
        ctx,
        actorOf(request),
        request.params.campaignId,
        hash,
        comment,
      );
      return r.ok
        ? { hash: r.value.hash, from: r.value.from ?? null }
        : sendFailure(reply, r.failure);
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/history",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["campaigns"],
        summary: "Every publish of the campaign, newest first: who, when, from, to, comment",
        params: CampaignParams,
        response: { 200: PublishHistory, ...errorResponses },
      },
    },
    async (request, reply) => {
      const loaded = await ctx.campaigns.current(request.params.campaignId);
      if (!loaded) return reply.code(404).send(errorBody("campaign_not_found", "no such campaign"));
      const iso = formatterFor(loaded.campaign.timeZone);
      const entries = await publishHistory(ctx, loaded.campaign.id);
      return {
        items: entries.map((e) => ({
          seq: e.seq,
          at: iso(e.at),
          actor: { role: e.actorRole, id: e.actorId },
          from: e.fromState,
          // A publish always names the version it made current (publish.ts, record).
          to: e.toState!,
          comment: e.reason,
          rollback: (e.detail as { rollback?: boolean } | undefined)?.rollback === true,
        })),
      };
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/diff",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["campaigns"],
        summary:
          "A line diff between two stored versions of the campaign file (hunks with context)",
        params: CampaignParams,
        querystring: z.object({ from: z.string().min(1).max(128), to: z.string().min(1).max(128) }),
        response: { 200: VersionDiff, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const r = await versionDiff(ctx, request.params.campaignId, from, to);
      return r.ok ? { from, to, hunks: r.value } : sendFailure(reply, r.failure);
    },
  );
}
