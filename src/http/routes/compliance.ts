/** Continuous compliance: a merchant's listings suspended from the venue, and why. */

import { readSuspensions } from "../../app/compliance/suspensions.js";
import type { AppContext } from "../../app/context.js";
import { sendFailure } from "../errors.js";
import { formatterFor } from "../present.js";
import { CampaignParams, errorResponses, Id } from "../schemas/common.js";
import { SuspensionsView } from "../schemas/compliance.js";
import type { App } from "../types.js";

const MerchantParams = CampaignParams.extend({ merchantId: Id });

export function complianceRoutes(app: App, ctx: AppContext): void {
  app.get(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/suspensions",
    {
      config: { roles: ["merchant", "operator"], merchantParam: "merchantId" },
      schema: {
        tags: ["compliance"],
        summary:
          "The merchant's listings suspended from the venue: every continuous rule each fails, with its message",
        params: MerchantParams,
        response: { 200: SuspensionsView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const r = await readSuspensions(ctx, campaignId, merchantId);
      if (!r.ok) return sendFailure(reply, r.failure);
      const iso = formatterFor(r.value.loaded.campaign.timeZone);
      return {
        items: r.value.items.map((s) => ({ ...s, suspendedAt: iso(s.suspendedAt) })),
      };
    },
  );
}
