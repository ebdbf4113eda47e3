/**
 * The claims ledger: a merchant's (its own, or any for operators) with every line, and the
 * campaign's for operators, one row per merchant.
 */
import type { AppContext } from "../../app/context.js";
import { readCampaignLedger, readMerchantLedger } from "../../app/ledger/ledger.js";
import { sendFailure } from "../errors.js";
import { formatterFor } from "../present.js";
import { CampaignParams, errorResponses, Id } from "../schemas/common.js";
import { FulfilmentQuery } from "../schemas/fulfilment.js";
import { CampaignLedgerView, MerchantLedgerView } from "../schemas/ledger.js";
import type { App } from "../types.js";

const tags = ["ledger"];

export function ledgerRoutes(app: App, ctx: AppContext): void {
  app.get(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/ledger",
    {
      config: { roles: ["merchant", "operator"], merchantParam: "merchantId" },
      schema: {
        tags,
        summary:
          "A merchant's claims ledger: claims paid, reversed, held, declined, and the deposit balance they leave",
        params: CampaignParams.extend({ merchantId: Id }),
        querystring: FulfilmentQuery,
        response: { 200: MerchantLedgerView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const { cursor, limit } = request.query;
      const r = await readMerchantLedger(ctx, campaignId, merchantId, {
        limit,
        ...(cursor === undefined ? {} : { cursor }),
      });
      if (!r.ok) return sendFailure(reply, r.failure);
      const iso = formatterFor(r.value.loaded.campaign.timeZone);
      return {
        merchantId,
        totals: r.value.totals,
        lines: r.value.lines.map((l) => ({ ...l, at: iso(l.at) })),
        nextCursor: r.value.nextCursor,
      };
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/ledger",
    {
      config: { roles: ["operator"] },
      schema: {
        tags,
        summary: "The campaign's claims ledger: one row per merchant with claims, and the sums",
        params: CampaignParams,
        response: { 200: CampaignLedgerView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await readCampaignLedger(ctx, request.params.campaignId);
      if (!r.ok) return sendFailure(reply, r.failure);
      const merchants = r.value.merchants;
      const sum = (f: (m: (typeof merchants)[number]) => number) =>
        merchants.reduce((s, m) => s + f(m), 0);
      return {
        merchants,
        totals: {
          paidCount: sum((m) => m.paidCount),
          paidFen: sum((m) => m.paidFen),
          reversedCount: sum((m) => m.reversedCount),
          reversedFen: sum((m) => m.reversedFen),
          netPaidFen: sum((m) => m.netPaidFen),
          heldCount: sum((m) => m.heldCount),
          declinedCount: sum((m) => m.declinedCount),
          withdrawnCount: sum((m) => m.withdrawnCount),
          waitingCount: sum((m) => m.waitingCount),
        },
      };
    },
  );
}
