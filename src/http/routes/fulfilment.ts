/**
 * Fulfilment reads. A merchant sees its own orders, violations, claims and weights (the merchant
 * id in the path is checked by the auth hook); operators see any merchant's, every order and
 * decision of a campaign, and the campaign's totals.
 */

import { productTitles, withTitles } from "../../app/console/titles.js";
import type { AppContext } from "../../app/context.js";
import { type OrderView, readOrderTimeline } from "../../app/fulfilment/order-timeline.js";
import { pickupRateView } from "../../app/fulfilment/pickup-rate.js";
import { readDecisions, readOrders, readStanding, readTotals } from "../../app/fulfilment/reads.js";
import { errorBody, sendFailure } from "../errors.js";
import { formatterFor } from "../present.js";
import { CampaignParams, errorResponses, Id } from "../schemas/common.js";
import {
  DecisionPage,
  DecisionsQuery,
  FulfilmentQuery,
  OrderPage,
  OrderTimelineView,
  PickupRateView,
  StandingView,
  TotalsView,
} from "../schemas/fulfilment.js";
import type { App } from "../types.js";

const MerchantParams = CampaignParams.extend({ merchantId: Id });
type RouteAccess = { roles: readonly ("merchant" | "operator")[]; merchantParam?: string };
const OWN: RouteAccess = { roles: ["merchant", "operator"], merchantParam: "merchantId" };
const OPERATOR: RouteAccess = { roles: ["operator"] };
const tags = ["fulfilment"];

/** `title` last, where the console has always read it (`withTitles` added it after the order). */
function presentOrder(o: OrderView, iso: (t: number) => string, title: string | null) {
  const opt = (t: number | null) => (t === null ? null : iso(t));
  const decided = o.violation !== null;
  const shipOpen = o.campaign && o.shippedAt === null && o.refundedAt === null && !decided;
  const pickupOpen =
    o.campaign &&
    o.pickupDueAt !== null &&
    o.pickedUpAt === null &&
    o.deliveredAt === null &&
    !decided;
  return {
    orderId: o.orderId,
    merchantId: o.merchantId,
    productId: o.productId,
    amountFen: o.amountFen,
    buyerId: o.buyerId,
    buyerRisk: o.buyerRisk,
    paidAt: iso(o.paidAt),
    campaignOrder: o.campaign,
    shipBy: iso(o.shipDueAt),
    shipDueAt: shipOpen ? iso(o.shipDueAt) : null,
    shippedAt: opt(o.shippedAt),
    trackingNo: o.trackingNo,
    carrier: o.carrier,
    pickupDueAt: pickupOpen ? opt(o.pickupDueAt) : null,
    pickedUpAt: opt(o.pickedUpAt),
    deliveredAt: opt(o.deliveredAt),
    refundedAt: opt(o.refundedAt),
    refundIds: o.refunds.map((r) => r.refundId),
    refunds: o.refunds.map((r) => ({ ...r, at: iso(r.at) })),
    violations: o.violation === null ? [] : [o.violation],
    violationAt: opt(o.violationAt),
    revoked: [...o.revoked],
    // A claim the table, evaluated again, no longer raises is no claim to the reader.
    claim:
      o.claim === null || o.claim.status === "none"
        ? null
        : {
            kind: o.claim.kind,
            status: o.claim.status,
            amountFen: o.claim.amountFen,
            ...(o.claim.revision === undefined ? {} : { revision: o.claim.revision }),
          },
    title,
  };
}

export function fulfilmentRoutes(app: App, ctx: AppContext): void {
  const orders = (path: string, config: RouteAccess, byMerchant: boolean) =>
    app.get(
      path,
      {
        config,
        schema: {
          tags,
          summary: byMerchant
            ? "A merchant's orders in the campaign"
            : "Every order of the campaign",
          params: byMerchant ? MerchantParams : CampaignParams,
          querystring: FulfilmentQuery,
          response: { 200: OrderPage, ...errorResponses },
        },
      },
      async (request, reply) => {
        const params: { campaignId: string; merchantId?: string } = request.params;
        const { cursor, limit } = request.query;
        const r = await readOrders(ctx, params.campaignId, params.merchantId, cursor, limit);
        if (!r.ok) return sendFailure(reply, r.failure);
        const iso = formatterFor(r.value.loaded.campaign.timeZone);
        // Titles for the console (additive): people know their products by name. Given to each
        // order as it is presented, not added to a copy of it (a page of 500 is 500 copies).
        const titles = await productTitles(
          ctx.store.db,
          r.value.items.map((o) => o.productId),
        );
        return {
          items: r.value.items.map((o) => presentOrder(o, iso, titles.get(o.productId) ?? null)),
          nextCursor: r.value.nextCursor,
        };
      },
    );
  orders("/api/v1/campaigns/:campaignId/merchants/:merchantId/orders", OWN, true);
  orders("/api/v1/campaigns/:campaignId/orders", OPERATOR, false);

  app.get(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/orders/:orderId",
    {
      config: OWN,
      schema: {
        tags,
        summary: "One order: its facts and every decision about it, corrections included",
        params: MerchantParams.extend({ orderId: Id }),
        response: { 200: OrderTimelineView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId, orderId } = request.params;
      const r = await readOrderTimeline(ctx, campaignId, merchantId, orderId);
      if (!r.ok) return sendFailure(reply, r.failure);
      const iso = formatterFor(r.value.loaded.campaign.timeZone);
      const titles = await productTitles(ctx.store.db, [r.value.order.productId]);
      const order = presentOrder(r.value.order, iso, titles.get(r.value.order.productId) ?? null);
      return {
        order,
        entries: r.value.entries.map((e) =>
          e.kind === "fact"
            ? { kind: e.kind, type: e.type, at: iso(e.at), detail: e.detail }
            : { kind: e.kind, type: e.type, at: iso(e.at), decision: e.decision },
        ),
      };
    },
  );

  const decisions = (path: string, config: RouteAccess, byMerchant: boolean) =>
    app.get(
      path,
      {
        config,
        schema: {
          tags,
          summary: byMerchant
            ? "Decisions about a merchant: violations, claims, refunds, weights (group=…)"
            : "Every decision of the campaign (group=violations|claims|refunds|venue|all)",
          params: byMerchant ? MerchantParams : CampaignParams,
          querystring: DecisionsQuery,
          response: { 200: DecisionPage, ...errorResponses },
        },
      },
      async (request, reply) => {
        const params: { campaignId: string; merchantId?: string } = request.params;
        const q = request.query;
        const r = await readDecisions(
          ctx,
          params.campaignId,
          params.merchantId,
          q.group,
          q.cursor,
          q.limit,
        );
        if (!r.ok) return sendFailure(reply, r.failure);
        return r.value;
      },
    );
  decisions("/api/v1/campaigns/:campaignId/merchants/:merchantId/decisions", OWN, true);
  decisions("/api/v1/campaigns/:campaignId/decisions", OPERATOR, false);

  app.get(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/weights",
    {
      config: OWN,
      schema: {
        tags,
        summary: "A merchant's standing and its listings' weights in the venue",
        params: MerchantParams,
        response: { 200: StandingView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const r = await readStanding(ctx, campaignId, merchantId);
      if (!r.ok) return sendFailure(reply, r.failure);
      const iso = formatterFor((await ctx.campaigns.current(campaignId))!.campaign.timeZone);
      const opt = (t: number | null) => (t === null ? null : iso(t));
      const s = r.value;
      return {
        ...s,
        exitedAt: opt(s.exitedAt),
        listings: await withTitles(
          ctx.store.db,
          s.listings.map((l) => ({
            productId: l.productId,
            weight: l.weight,
            violations: l.violations,
            inVenue: l.inVenue,
            listedAt: iso(l.listedAt),
            delistedAt: opt(l.delistedAt),
            delistReason: l.delistReason,
            suspendedAt: opt(l.suspendedAt),
            suspendedRules: l.suspendedRules,
          })),
        ),
      };
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/fulfilment/totals",
    {
      config: OPERATOR,
      schema: {
        tags,
        summary:
          "Per-campaign totals: orders, shipped on time, instant refunds, violations by kind, claims paid (fen), delisted products, exited merchants",
        params: CampaignParams,
        response: { 200: TotalsView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await readTotals(ctx, request.params.campaignId);
      if (!r.ok) return sendFailure(reply, r.failure);
      return r.value;
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/pickup-rate",
    {
      config: OWN,
      schema: {
        tags,
        summary:
          "48 h pickup rate: the platform's snapshot value, ours from stored orders (rolling 30 days), and which eligibility uses",
        params: MerchantParams,
        response: { 200: PickupRateView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const loaded = await ctx.campaigns.current(campaignId);
      if (!loaded)
        return reply.code(404).send(errorBody("campaign_not_found", `no campaign ${campaignId}`));
      const v = await pickupRateView(ctx.store.db, loaded.campaign, merchantId, ctx.clock.now());
      const iso = formatterFor(loaded.campaign.timeZone);
      return { ...v, windowStart: iso(v.windowStart), windowEnd: iso(v.windowEnd) };
    },
  );
}
