/**
 * The console's orders (most urgent first, filters, search, counts) and the merchant's answer to
 * a refund awaiting it. The reads are `src/app/console/orders.ts`; the answer is
 * `src/app/refunds/respond.ts`.
 */
import { z } from "zod";
import { listOrders, ORDER_STATES, type OrderRow } from "../../app/console/orders.js";
import type { AppContext } from "../../app/context.js";
import { badCursor } from "../../app/cursor.js";
import { respondToRefund } from "../../app/refunds/respond.js";
import { actorOf } from "../auth.js";
import { errorBody, sendFailure } from "../errors.js";
import { formatterFor } from "../present.js";
import { CampaignParams, ErrorBody, errorResponses, Id } from "../schemas/common.js";
import { RefundResponseView, TriagePage } from "../schemas/console.js";
import type { App } from "../types.js";

const tags = ["console"];
const OrdersQuery = z.object({
  state: z.enum(ORDER_STATES).default("all"),
  q: z.string().max(128).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const MerchantParams = z.object({ campaignId: Id, merchantId: Id });
const RefundParams = MerchantParams.extend({ orderId: Id, refundId: Id });
const RefundBody = z.object({
  decision: z.enum(["approve", "refuse"]),
  note: z.string().max(500).optional(),
});

export function consoleOrderRoutes(app: App, ctx: AppContext): void {
  const present = (timeZone: string, rows: Array<OrderRow & { title: string | null }>) => {
    const iso = formatterFor(timeZone);
    const opt = (t: number | null) => (t === null ? null : iso(t));
    // Field by field in the row's order, the title last, where the presented order has always
    // carried it: one new object per order (a rest and a spread made two, for 50-500 orders).
    return rows.map(
      (o) =>
        ({
          orderId: o.orderId,
          merchantId: o.merchantId,
          productId: o.productId,
          amountFen: o.amountFen,
          buyerId: o.buyerId,
          buyerRisk: o.buyerRisk,
          paidAt: iso(o.paidAt),
          shipDueAt: opt(o.shipDueAt),
          shippedAt: opt(o.shippedAt),
          pickupDueAt: opt(o.pickupDueAt),
          pickedUpAt: opt(o.pickedUpAt),
          deliveredAt: opt(o.deliveredAt),
          refundedAt: opt(o.refundedAt),
          violations: o.violations,
          awaiting: o.awaiting.map((r) => ({
            refundId: r.refundId,
            requestedAt: iso(r.requestedAt),
            reason: r.reason,
            response: r.response
              ? { decision: r.response.decision, note: r.response.note, at: iso(r.response.at) }
              : null,
          })),
          title: o.title,
          // Every field of the row: one added there is not dropped here unnoticed.
        }) satisfies Record<keyof OrderRow | "title", unknown>,
    );
  };

  const triage = async (
    campaignId: string,
    merchantId: string | undefined,
    query: z.infer<typeof OrdersQuery>,
  ) => {
    const loaded = await ctx.campaigns.current(campaignId);
    if (!loaded) return "no_campaign" as const;
    const page = await listOrders(ctx.store.db, campaignId, { ...query, merchantId });
    if (!page) return undefined;
    return { ...page, items: present(loaded.campaign.timeZone, page.items) };
  };

  app.get(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/orders/triage",
    {
      config: { roles: ["merchant", "operator"], merchantParam: "merchantId" },
      schema: {
        tags,
        summary:
          "A merchant's orders, most urgent first (to ship by time left, then newest), by state, searched, with counts",
        params: MerchantParams,
        querystring: OrdersQuery,
        response: { 200: TriagePage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const page = await triage(campaignId, merchantId, request.query);
      if (page === "no_campaign")
        return reply.code(404).send(errorBody("campaign_not_found", "no such campaign"));
      return page ?? sendFailure(reply, badCursor().failure);
    },
  );

  app.get(
    "/api/v1/campaigns/:campaignId/orders/triage",
    {
      config: { roles: ["operator"] },
      schema: {
        tags,
        summary: "Every order of the campaign, most urgent first, by state, searched, with counts",
        params: CampaignParams,
        querystring: OrdersQuery.extend({ merchantId: Id.optional() }),
        response: { 200: TriagePage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { merchantId, ...query } = request.query;
      const page = await triage(request.params.campaignId, merchantId, query);
      if (page === "no_campaign")
        return reply.code(404).send(errorBody("campaign_not_found", "no such campaign"));
      return page ?? sendFailure(reply, badCursor().failure);
    },
  );

  app.post(
    "/api/v1/campaigns/:campaignId/merchants/:merchantId/refunds/:orderId/:refundId/response",
    {
      config: { roles: ["merchant"], merchantParam: "merchantId" },
      schema: {
        tags,
        summary:
          "The merchant approves or refuses a refund awaiting it (note required to refuse); once only, audited",
        params: RefundParams,
        body: RefundBody,
        response: { 201: RefundResponseView, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId, orderId, refundId } = request.params;
      const r = await respondToRefund(ctx, actorOf(request), {
        campaignId,
        merchantId,
        orderId,
        refundId,
        ...request.body,
      });
      if (!r.ok) return sendFailure(reply, r.failure);
      const loaded = await ctx.campaigns.current(campaignId);
      const iso = formatterFor(loaded?.campaign.timeZone ?? "Asia/Shanghai");
      return reply.code(201).send({ ...r.value, decidedAt: iso(r.value.decidedAt) });
    },
  );
}
