/**
 * Reads the console needs beyond the integration API: the campaign's rules and benefits in
 * words, a merchant's standing on each rule, its catalogue with registration states, the
 * operator's dashboard aggregates, and the campaign file's source with validate and compare.
 */
import { z } from "zod";
import { browseAudit } from "../../app/console/audit.js";
import { catalogue } from "../../app/console/catalogue.js";
import { compareWithStoredFacts, otherCampaignProblem } from "../../app/console/compare.js";
import { sharedDashboard } from "../../app/console/dashboard.js";
import { listMerchants, MERCHANT_FILTERS } from "../../app/console/merchants.js";
import { readRegistrationDetail } from "../../app/console/registration-detail.js";
import { readSource } from "../../app/console/source.js";
import { readMerchantStanding } from "../../app/console/standing.js";
import { withTitles } from "../../app/console/titles.js";
import { browseVenue } from "../../app/console/venue.js";
import type { AppContext } from "../../app/context.js";
import { badCursor } from "../../app/cursor.js";
import { parseCampaign } from "../../domain/campaign/load.js";
import { isCalendarDay } from "../../domain/time/days.js";
import { enforcementOnStoredLog } from "../enforcement-impact.js";
import { errorBody, sendFailure } from "../errors.js";
import { formatterFor, presentAudit, presentRegistration } from "../present.js";
import { CampaignParams, errorResponses, Id } from "../schemas/common.js";
import {
  AuditBrowsePage,
  CataloguePage,
  CompareView,
  DashboardView,
  MerchantListPage,
  MerchantStandingView,
  OverviewView,
  RegistrationDetailView,
  SourceView,
  ValidateView,
  VenueBrowsePage,
} from "../schemas/console.js";
import type { App } from "../types.js";

const ALL = ["merchant", "operator", "platform", "channel"] as const;
const OWN = { roles: ["merchant", "operator"] as const, merchantParam: "merchantId" };
const MerchantInCampaign = z.object({ campaignId: Id, merchantId: Id });
const RegistrationInCampaign = z.object({ campaignId: Id, registrationId: Id });
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
        response: { 200: OverviewView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const l = await loaded(request.params.campaignId);
      if (!l) return reply.code(404).send(notFound());
      const c = l.campaign;
      return {
        description: c.description ?? null,
        benefits: [...c.benefits],
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
        response: { 200: MerchantStandingView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const l = await loaded(campaignId);
      if (!l) return reply.code(404).send(notFound());
      const standing = await readMerchantStanding(ctx, l, merchantId);
      const iso = formatterFor(l.campaign.timeZone);
      const exited = standing.exited;
      return { ...standing, exited: exited ? { ...exited, at: iso(exited.at) } : null };
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
        response: { 200: CataloguePage, ...errorResponses },
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
        response: { 200: VenueBrowsePage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const page = await browseVenue(ctx.store, request.params.campaignId, request.query);
      return page ?? sendFailure(reply, badCursor().failure);
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/registrations/:registrationId/detail",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["console"],
        summary:
          "A registration for review: product facts, every rule's result, the merchant's standing, history",
        params: RegistrationInCampaign,
        response: { 200: RegistrationDetailView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId, registrationId } = request.params;
      const r = await readRegistrationDetail(ctx, campaignId, registrationId);
      if (!r.ok) return sendFailure(reply, r.failure);
      const d = r.value;
      const campaign = await loaded(campaignId);
      const iso = formatterFor(campaign?.campaign.timeZone ?? "Asia/Shanghai");
      const [registration] = await withTitles(ctx.store.db, [
        presentRegistration(d.registration, ctx.clock.now(), iso),
      ]);
      const exited = d.merchant.exited;
      return {
        registration: registration!,
        product: d.product,
        merchant: { ...d.merchant, exited: exited ? { ...exited, at: iso(exited.at) } : null },
        rules: d.rules,
        history: d.history.map((e) => presentAudit(e, iso)),
      };
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/merchants",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["console"],
        summary:
          "Merchants in the campaign with eligibility, registrations, orders, violations, delistings (search, filter)",
        params: CampaignParams,
        querystring: z.object({
          filter: z.enum(MERCHANT_FILTERS).default("all"),
          q: z.string().max(100).optional(),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: MerchantListPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const l = await loaded(request.params.campaignId);
      if (!l) return reply.code(404).send(notFound());
      const page = await listMerchants(ctx.store.db, l, request.query);
      if (!page) return sendFailure(reply, badCursor().failure);
      const iso = formatterFor(l.campaign.timeZone);
      return {
        ...page,
        items: page.items.map((m) => ({
          ...m,
          exited: m.exited ? { ...m.exited, at: iso(m.exited.at) } : null,
        })),
      };
    },
  );

  // A day that exists: `2024-02-30` would reach the database as NaN (a 500 on PostgreSQL).
  const Day = z
    .string()
    .refine(isCalendarDay, "a day as YYYY-MM-DD that exists (in the campaign's time zone)");
  app.get(
    "/api/v1/campaigns/:campaignId/audit/browse",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["console"],
        summary:
          "The audit log newest first, by actor, action, subject and days, searched; total on the first page",
        params: CampaignParams,
        querystring: z.object({
          actor: z.string().max(128).optional(),
          action: z.string().max(64).optional(),
          subject: z.string().max(128).optional(),
          from: Day.optional(),
          to: Day.optional(),
          q: z.string().max(100).optional(),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: AuditBrowsePage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const l = await loaded(request.params.campaignId);
      if (!l) return reply.code(404).send(notFound());
      const page = await browseAudit(ctx.store.db, l, request.query);
      if (!page) return sendFailure(reply, badCursor().failure);
      const iso = formatterFor(l.campaign.timeZone);
      return { ...page, items: page.items.map((e) => presentAudit(e, iso)) };
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
        response: { 200: DashboardView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const l = await loaded(request.params.campaignId);
      if (!l) return reply.code(404).send(notFound());
      return sharedDashboard(ctx.store.db, { campaign: l.campaign, now: ctx.clock.now() });
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
        response: { 200: SourceView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const l = await loaded(request.params.campaignId);
      if (!l) return reply.code(404).send(notFound());
      const v = await readSource(ctx, l.campaign.hash);
      return v ?? reply.code(404).send(notFound());
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
        response: { 200: ValidateView },
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
        response: { 200: CompareView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const l = await loaded(request.params.campaignId);
      if (!l) return reply.code(404).send(notFound());
      const parsed = parseCampaign(request.body.source, "editor");
      if (!parsed.ok) return { ok: false as const, problems: parsed.problems };
      const other = otherCampaignProblem(request.body.source, parsed.campaign.id, l.campaign.id);
      if (other) return { ok: false as const, problems: [other] };
      const eligibility = await compareWithStoredFacts(ctx.store.db, l, parsed.campaign);
      const enforcement = await enforcementOnStoredLog(ctx, l, parsed.campaign);
      return { ...eligibility, enforcement };
    },
  );
}
