/**
 * Reads the console needs beyond the integration API: the campaign's rules and benefits in
 * words, a merchant's standing on each rule, its catalogue with registration states, the
 * operator's dashboard aggregates, and the campaign file's source with validate and compare.
 */
import { z } from "zod";
import type { AppContext } from "../../app/context.js";
import { badCursor } from "../../app/cursor.js";
import { parseCampaign } from "../../domain/campaign/load.js";
import { campaignVersion } from "../../store/repos/campaigns.js";
import { getMerchantFacts } from "../../store/repos/facts.js";
import { merchantExit } from "../../store/repos/listings.js";
import { catalogue } from "../console/catalogue.js";
import { compareWithStoredFacts } from "../console/compare.js";
import { dashboard } from "../console/dashboard.js";
import { enforcementOnStoredLog } from "../console/enforcement-impact.js";
import { merchantStanding } from "../console/standing.js";
import { browseVenue } from "../console/venue.js";
import { errorBody, sendFailure } from "../errors.js";
import { formatterFor } from "../present.js";
import { CampaignParams, Id } from "../schemas/common.js";
import type { App } from "../types.js";

const ALL = ["merchant", "operator", "platform", "channel"] as const;
const OWN = { roles: ["merchant", "operator"] as const, merchantParam: "merchantId" };
const MerchantInCampaign = z.object({ campaignId: Id, merchantId: Id });
const SourceBody = z.object({ source: z.string().min(1).max(1_000_000) });

export function consoleRoutes(app: App, ctx: AppContext): void {
  const loaded = async (id: string) => ctx.campaigns.current(id);
  const notFound = () => errorBody("campaign_not_found", "no such campaign");

  app.get(
    "/api/v1/campaigns/:campaignId/overview",
    {
      config: { roles: ALL },
      schema: {
        tags: ["console"],
        summary: "Description, benefits and every rule in words",
        params: CampaignParams,
      },
    },
    async (request, reply) => {
      const l = await loaded(request.params.campaignId);
      if (!l) return reply.code(404).send(notFound());
      const c = l.campaign;
      return {
        description: c.description ?? null,
        benefits: c.benefits,
        rules: c.rules.map((r) => ({
          code: r.code,
          clause: r.clause,
          subject: r.subject,
          title: r.title,
        })),
      };
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/standing",
    {
      config: OWN,
      schema: {
        tags: ["console"],
        summary: "The merchant against every merchant rule: actual, required, pass",
        params: MerchantInCampaign,
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const l = await loaded(campaignId);
      if (!l) return reply.code(404).send(notFound());
      const row = await getMerchantFacts(ctx.store.db, merchantId);
      const facts = row ? (JSON.parse(row.body) as Record<string, unknown>) : undefined;
      const { eligible, rows } = merchantStanding(l.campaign, l.eligibility, facts);
      const exit = await merchantExit(ctx.store.db, campaignId, merchantId);
      const iso = formatterFor(l.campaign.timeZone);
      return {
        merchantId,
        name: typeof facts?.name === "string" ? facts.name : null,
        eligible,
        factsKnown: facts !== undefined,
        exited: exit ? { at: iso(exit.exitedAt), reason: exit.reason } : null,
        rules: rows,
      };
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/catalogue",
    {
      config: OWN,
      schema: {
        tags: ["console"],
        summary: "The merchant's products with their registration state in this campaign",
        params: MerchantInCampaign,
        querystring: z.object({
          q: z.string().max(100).optional(),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }),
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const page = await catalogue(ctx.store.db, campaignId, merchantId, request.query);
      return page ?? sendFailure(reply, badCursor().failure);
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/venue/browse",
    {
      config: { roles: ALL },
      schema: {
        tags: ["console"],
        summary: "The venue as resellers browse it: by weight, with category filter and search",
        params: CampaignParams,
        querystring: z.object({
          category: z.string().max(100).optional(),
          q: z.string().max(100).optional(),
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(120),
        }),
      },
    },
    async (request, reply) => {
      const page = await browseVenue(ctx.store, request.params.campaignId, request.query);
      return page ?? sendFailure(reply, badCursor().failure);
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/dashboard",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["console"],
        summary: "Campaign aggregates for the operator dashboard",
        params: CampaignParams,
      },
    },
    async (request, reply) => {
      const l = await loaded(request.params.campaignId);
      if (!l) return reply.code(404).send(notFound());
      return dashboard(ctx.store.db, l.campaign);
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/source",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["console"],
        summary: "The current version's campaign file text",
        params: CampaignParams,
      },
    },
    async (request, reply) => {
      const l = await loaded(request.params.campaignId);
      if (!l) return reply.code(404).send(notFound());
      const v = await campaignVersion(ctx.store.db, l.campaign.hash);
      if (!v) return reply.code(404).send(notFound());
      return { hash: l.campaign.hash, source: v.source, sourceName: v.sourceName };
    },
  );

  app.post(
    "/api/v1/campaigns/validate",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["console"],
        summary: "Validate campaign file text without storing it",
        body: SourceBody,
      },
    },
    async (request) => {
      const parsed = parseCampaign(request.body.source, "editor");
      return parsed.ok
        ? { ok: true, problems: [], id: parsed.campaign.id, hash: parsed.campaign.hash }
        : { ok: false, problems: parsed.problems };
    },
  );

  app.post(
    "/api/v1/campaigns/:campaignId/compare",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["console"],
        summary:
          "Impact of edited campaign text: eligibility on the stored facts (gala check --compare) and enforcement on the stored event log (gala replay --compare)",
        params: CampaignParams,
        body: SourceBody,
      },
    },
    async (request, reply) => {
      const l = await loaded(request.params.campaignId);
      if (!l) return reply.code(404).send(notFound());
      const parsed = parseCampaign(request.body.source, "editor");
      if (!parsed.ok) return { ok: false, problems: parsed.problems };
      const eligibility = await compareWithStoredFacts(ctx.store.db, l, parsed.campaign);
      const enforcement = await enforcementOnStoredLog(ctx, l, parsed.campaign);
      return { ...eligibility, enforcement };
    },
  );
}
