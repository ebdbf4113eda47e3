/** The venue (channel, and operators watching it): live listings of a running campaign. */
import type { AppContext } from "../../app/context.js";
import { readVenue } from "../../app/venue/venue.js";
import { sendFailure } from "../errors.js";
import { formatterFor } from "../present.js";
import { CampaignParams, errorResponses, PageQuery } from "../schemas/common.js";
import { VenuePage } from "../schemas/venue.js";
import type { App } from "../types.js";

const str = (v: unknown) => (typeof v === "string" ? v : null);
const num = (v: unknown) => (typeof v === "number" ? v : null);

export function venueRoutes(app: App, ctx: AppContext): void {
  app.get(
    "/api/v1/campaigns/:campaignId/venue",
    {
      config: { roles: ["channel", "operator"] },
      schema: {
        tags: ["venue"],
        summary:
          "Approved products of a running campaign, by traffic weight then registration time",
        params: CampaignParams,
        querystring: PageQuery,
        response: { 200: VenuePage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId } = request.params;
      const r = await readVenue(ctx, campaignId, request.query.cursor, request.query.limit);
      if (!r.ok) return sendFailure(reply, r.failure);
      const iso = formatterFor((await ctx.campaigns.current(campaignId))!.campaign.timeZone);
      const v = r.value;
      return {
        campaignId: v.campaignId,
        now: iso(v.now),
        running: v.running,
        nextCursor: v.nextCursor,
        items: v.items.map((i) => ({
          productId: i.productId,
          merchantId: i.merchantId,
          registrationId: i.registrationId,
          weight: i.weight,
          registeredAt: iso(i.registeredAt),
          listedAt: iso(i.listedAt),
          title: str(i.facts.title),
          category: str(i.facts.category),
          priceFen: num(i.facts.priceFen),
          shippingGuaranteeHours: num(i.facts.shippingGuaranteeHours),
        })),
      };
    },
  );
}
