/**
 * One order's story, for the merchant and operators: the facts the channel reported (paid,
 * clicked shipped, scanned, delivered, refund requests) and every decision about it, the
 * corrections among them (a violation and its revocation), in time order.
 */
import { decisionsOfOrder, type OrderView, orderById } from "../../store/repos/fulfilment/reads.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { fail, ok, type Result } from "../result.js";

export type { OrderView } from "../../store/repos/fulfilment/reads.js";

export type TimelineEntry =
  | { kind: "fact"; type: string; at: number; detail: Record<string, unknown> }
  | { kind: "decision"; type: string; at: number; decision: Record<string, unknown> };

export interface OrderTimeline {
  loaded: LoadedCampaign;
  order: OrderView;
  entries: TimelineEntry[];
}

export async function readOrderTimeline(
  ctx: AppContext,
  campaignId: string,
  merchantId: string,
  orderId: string,
): Promise<Result<OrderTimeline>> {
  const loaded = await ctx.campaigns.current(campaignId);
  if (!loaded) return fail("not_found", "campaign_not_found", `no campaign ${campaignId}`);
  const order = await orderById(ctx.store.db, campaignId, orderId);
  // Another merchant's order is as unknown as a missing one: its existence is not told.
  if (order === undefined || order.merchantId !== merchantId) {
    return fail(
      "not_found",
      "order_not_found",
      `merchant ${merchantId} has no order ${orderId} in ${campaignId}`,
    );
  }
  const facts: TimelineEntry[] = [
    fact("order.paid", order.paidAt, { amountFen: order.amountFen, productId: order.productId }),
  ];
  if (order.shippedAt !== null) {
    facts.push(
      fact("order.shipped", order.shippedAt, {
        trackingNo: order.trackingNo,
        carrier: order.carrier,
      }),
    );
  }
  if (order.pickedUpAt !== null) facts.push(fact("order.picked_up", order.pickedUpAt, {}));
  if (order.deliveredAt !== null) facts.push(fact("order.delivered", order.deliveredAt, {}));
  for (const r of order.refunds) {
    facts.push(
      fact("refund.requested", r.at, {
        refundId: r.refundId,
        amountFen: r.amountFen,
        kind: r.kind,
      }),
    );
  }
  const decisions: TimelineEntry[] = (
    await decisionsOfOrder(ctx.store.db, campaignId, orderId)
  ).map((d) => ({
    kind: "decision",
    type: d.type,
    at: d.at,
    decision: JSON.parse(d.body) as Record<string, unknown>,
  }));
  // By instant; at one instant the facts first (a decision follows from them), decisions in
  // the order taken (a stable sort keeps it).
  const entries = [...facts, ...decisions].sort(
    (a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === "fact" ? -1 : 1),
  );
  return ok({ loaded, order, entries });
}

function fact(type: string, at: number, detail: Record<string, unknown>): TimelineEntry {
  return { kind: "fact", type, at, detail };
}
