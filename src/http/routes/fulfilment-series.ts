/**
 * Fulfilment over time, beside the snapshot reads of `fulfilment.ts`: a merchant's 48 h pickup
 * rate per day of the activity (the console's line chart), and a campaign's orders and on-time
 * shipping by day with decision counts and money (the operator dashboard's figures).
 */
import { z } from "zod";
import {
  fulfilmentSummary,
  pickupRateByDay,
  pickupThreshold,
} from "../../app/console/fulfilment-series.js";
import type { AppContext } from "../../app/context.js";
import { errorBody } from "../errors.js";
import { formatterFor } from "../present.js";
import { CampaignParams, errorResponses, Id, Instant } from "../schemas/common.js";
import type { App } from "../types.js";

const MerchantParams = CampaignParams.extend({ merchantId: Id });
const OWN = { roles: ["merchant", "operator"] as const, merchantParam: "merchantId" };
const tags = ["fulfilment"];
const count = z.number().int();

const PickupRateDaily = z.object({
  merchantId: Id,
  threshold: z.number().nullable().describe("the campaign's bar for merchant.pickup_rate_48h"),
  points: z.array(
    z.object({
      day: z.string().describe("YYYY-MM-DD, in the campaign's time zone"),
      asOf: Instant.describe("end of that day, or now for today"),
      rate: z.number().nullable().describe("rolling 30-day value then; null with no order"),
      required: count,
      pickedUpInTime: count,
    }),
  ),
});

const FulfilmentDaily = z.object({
  campaignId: Id,
  ordersByDay: z.array(
    z.object({
      day: z.string().describe("the day the orders were paid, in the campaign's time zone"),
      orders: count,
      shippedOnTime: count,
      shippedLate: count.describe("orders with a late-shipment violation"),
    }),
  ),
  violationsByKind: z.array(z.object({ kind: z.string(), count })),
  claimsPaid: z.object({ count, amountFen: count }),
  claimsHeld: count,
  claimsWaiting: count.describe("held claims no one has resolved yet"),
  instantRefunds: z.object({ count, amountFen: count }),
});

export function fulfilmentSeriesRoutes(app: App, ctx: AppContext): void {
  const notFound = (id: string) => errorBody("campaign_not_found", `no campaign ${id}`);

  app.get(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/pickup-rate/daily",
    {
      config: OWN,
      schema: {
        tags,
        summary: "The merchant's rolling 48 h pickup rate at the end of each day of the activity",
        params: MerchantParams,
        response: { 200: PickupRateDaily, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const loaded = await ctx.campaigns.current(campaignId);
      if (!loaded) return reply.code(404).send(notFound(campaignId));
      const c = loaded.campaign;
      const points = await pickupRateByDay(ctx.store.db, c, merchantId, ctx.clock.now());
      const iso = formatterFor(c.timeZone);
      return {
        merchantId,
        threshold: pickupThreshold(c),
        points: points.map((p) => ({ ...p, asOf: iso(p.asOf) })),
      };
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/fulfilment/daily",
    {
      config: { roles: ["operator"] as const },
      schema: {
        tags,
        summary:
          "Orders and on-time shipping by day paid, violations by kind, claims paid and instant refunds (fen)",
        params: CampaignParams,
        response: { 200: FulfilmentDaily, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId } = request.params;
      const loaded = await ctx.campaigns.current(campaignId);
      if (!loaded) return reply.code(404).send(notFound(campaignId));
      return { campaignId, ...(await fulfilmentSummary(ctx.store.db, loaded.campaign)) };
    },
  );
}
