/**
 * Registration (merchant) and reading registrations back. A merchant sees only its own: the
 * merchant id is in the path (checked by the auth hook) or on the registration (checked here).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { withTitles } from "../../app/console/titles.js";
import type { AppContext } from "../../app/context.js";
import {
  findRegistration,
  listMerchantRegistrations,
  type RegistrationRecord,
  registrationAudit,
} from "../../app/registration/read.js";
import { registerProducts } from "../../app/registration/register.js";
import { actorOf } from "../auth.js";
import { errorBody, sendFailure } from "../errors.js";
import { DEFAULT_ZONE, formatterFor, presentAudit, presentRegistration } from "../present.js";
import {
  CampaignParams,
  ErrorBody,
  errorResponses,
  Id,
  RegistrationParams,
} from "../schemas/common.js";
import {
  AuditPage,
  MerchantRegistrationsQuery,
  RegisterBody,
  RegisterResponse,
  RegistrationPage,
  RegistrationView,
} from "../schemas/registrations.js";
import type { App } from "../types.js";

const CampaignMerchantParams = CampaignParams.extend({ merchantId: Id });

export function registrationRoutes(app: App, ctx: AppContext): void {
  const zoneOf = async (campaignId: string) =>
    formatterFor((await ctx.campaigns.current(campaignId))?.campaign.timeZone ?? DEFAULT_ZONE);

  app.post(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/registrations",
    {
      config: { roles: ["merchant"], merchantParam: "merchantId" },
      schema: {
        tags: ["registration"],
        summary: "Register products for a campaign, thousands per call; each is judged at once",
        description:
          "Inside the registration window only (422 otherwise, naming the window). Passing products enter review; failing ones are rejected with every reason; products already pending, approved or rejected at review are refused with a reason. Unknown products: 404; another merchant's: 403; the whole call is then refused.",
        params: CampaignMerchantParams,
        body: RegisterBody,
        response: { 200: RegisterResponse, ...errorResponses, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const r = await registerProducts(ctx, actorOf(request), {
        campaignId,
        merchantId,
        items: request.body.products,
      });
      if (!r.ok) return sendFailure(reply, r.failure);
      const iso = await zoneOf(campaignId);
      const v = r.value;
      return { ...v, registeredAt: iso(v.registeredAt), reviewDueAt: iso(v.reviewDueAt) };
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/registrations",
    {
      config: { roles: ["merchant", "operator"], merchantParam: "merchantId" },
      schema: {
        tags: ["registration"],
        summary: "A merchant's registrations in a campaign, with reasons, by product id",
        params: CampaignMerchantParams,
        querystring: MerchantRegistrationsQuery,
        response: { 200: RegistrationPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const r = await listMerchantRegistrations(ctx, { campaignId, merchantId, ...request.query });
      if (!r.ok) return sendFailure(reply, r.failure);
      const iso = await zoneOf(campaignId);
      return {
        now: iso(r.value.now),
        items: await withTitles(
          ctx.store.db,
          r.value.items.map((x) => presentRegistration(x, r.value.now, iso)),
        ),
        nextCursor: r.value.nextCursor,
      };
    },
  );

  /** Loads a registration the caller may see: 404 unknown, 403 another merchant's. */
  const visible = async (
    request: FastifyRequest,
    registrationId: string,
    reply: FastifyReply,
  ): Promise<RegistrationRecord | undefined> => {
    const r = await findRegistration(ctx, registrationId);
    if (!r.ok) {
      sendFailure(reply, r.failure);
      return undefined;
    }
    const actor = actorOf(request);
    if (actor.role === "merchant" && r.value.merchantId !== actor.merchantId) {
      reply
        .code(403)
        .send(errorBody("other_merchant", `this token acts for merchant ${actor.merchantId} only`));
      return undefined;
    }
    return r.value;
  };

  app.get(
    "/api/v1/registrations/:registrationId",
    {
      config: { roles: ["merchant", "operator"] },
      schema: {
        tags: ["registration"],
        summary: "One registration with its state, reasons and SLA",
        params: RegistrationParams,
        response: { 200: RegistrationView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await visible(request, request.params.registrationId, reply);
      if (!r) return reply;
      const view = presentRegistration(r, ctx.clock.now(), await zoneOf(r.campaignId));
      return (await withTitles(ctx.store.db, [view]))[0]!;
    },
  );

  app.get(
    "/api/v1/registrations/:registrationId/audit",
    {
      config: { roles: ["merchant", "operator"] },
      schema: {
        tags: ["registration"],
        summary: "Every transition of a registration: who, when, from, to, why",
        params: RegistrationParams,
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await visible(request, request.params.registrationId, reply);
      if (!r) return reply;
      const iso = await zoneOf(r.campaignId);
      const entries = await registrationAudit(ctx, r.id);
      return { items: entries.map((e) => presentAudit(e, iso)), nextCursor: null };
    },
  );
}
