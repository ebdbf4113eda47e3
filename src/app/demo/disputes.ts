/**
 * The demo's disputes and compliance, after its history has been replayed (`gala serve --demo`
 * on a fresh database): the demo merchant m-jiahe misses three shipments, appeals each — one is
 * upheld (its violation, claim and traffic cut undone), one dismissed, one waits in the
 * operators' queue with its SLA running — a simulated merchant's appeal waits too; and one of
 * m-jiahe's products is suspended from the venue when its facts stop meeting a rule, then
 * restored once the merchant fixes its setting. Run through the real use cases; the facts at
 * instants before the server's clock, the appeals at it: after the orders came in, as a
 * rehearsal of this database (`serve --replay-from`) takes them again (an act dated before the
 * events it needs would find no order).
 */
import { sql } from "kysely";
import { validProduct } from "../../domain/eligibility/fixtures.js";
import { formatWithOffset } from "../../domain/time/format.js";
import type { Actor } from "../actor.js";
import { FixedClock } from "../clock.js";
import type { AppContext } from "../context.js";
import { decideOnAppeal, fileAppeal } from "../disputes/appeals.js";
import { updateProductSettings } from "../facts/settings.js";
import type { ProductFacts } from "../facts/types.js";
import { upsertProducts } from "../facts/upsert.js";
import { ingestEvents } from "../fulfilment/ingest.js";
import { DEMO_MERCHANTS } from "./dataset.js";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const BEIJING = 480;
const operator: Actor = { role: "operator", id: "demo-operator", merchantId: null };
const platform: Actor = { role: "platform", id: "demo-platform", merchantId: null };

export async function seedDisputes(ctx: AppContext, campaignId: string): Promise<void> {
  const now = Math.floor(ctx.clock.now() / MINUTE) * MINUTE;
  const at = (t: number) => ({ ...ctx, clock: new FixedClock(t) });
  const jiahe = DEMO_MERCHANTS.good;
  const merchant: Actor = { role: "merchant", id: "demo-merchant", merchantId: jiahe };

  // Three orders paid 52–50 h ago and never shipped: late (48 h) two to four hours ago.
  const orders = ["demo-late-1", "demo-late-2", "demo-late-3"];
  const products = ["p-hanger-20", "p-storage-box", "p-hanger-20"];
  const events = orders.map((orderId, i) => ({
    id: `${orderId}-paid`,
    type: "order.paid",
    at: formatWithOffset(now - (52 - i) * HOUR, BEIJING),
    orderId,
    merchantId: jiahe,
    productId: products[i],
    amountFen: [5980, 9180, 2990][i],
    region: "CN-ZJ",
    buyer: { id: `demo-buyer-${i + 1}`, risk: "normal" },
  }));
  await ingestEvents(at(now), events);

  const evidence = [
    {
      reason: "快递员春节期间晚到揽收，实际已按时打包发货，附揽收记录。",
      evidence: { trackingNo: "YT2024021101", carrier: "YTO", note: "揽收延迟由快递公司确认" },
    },
    { reason: "系统没有同步到发货状态。", evidence: { note: "无快递单号" } },
    {
      reason: "已线下交给快递，线上点击发货时网络故障。",
      evidence: { trackingNo: "SF1001", carrier: "SF", note: "顺丰揽收单照片" },
    },
  ];
  const filed: string[] = [];
  for (const [i, orderId] of orders.entries()) {
    const r = await fileAppeal(at(now), merchant, campaignId, jiahe, {
      orderId,
      kind: "late_shipment",
      ...evidence[i]!,
    });
    if (r.ok) filed.push(r.value.appeal.id);
  }
  const [upheld, dismissed] = filed;
  if (upheld) {
    await decideOnAppeal(at(now), operator, upheld, {
      decision: "uphold",
      note: "快递公司确认揽收延迟，非商家责任，撤销违规。",
    });
  }
  if (dismissed) {
    await decideOnAppeal(at(now), operator, dismissed, {
      decision: "dismiss",
      note: "没有快递单号或揽收记录，违规成立。",
    });
  }
  await appealOfSimulatedMerchant(ctx, campaignId, now);

  // m-jiahe's storage box loses its 7-day returns upstream: out of the venue, back once fixed.
  const box = {
    ...validProduct("p-storage-box", jiahe),
    title: "可折叠收纳箱 3件套",
    priceFen: 4590,
    sevenDayReturn: false,
  } as unknown as ProductFacts;
  await upsertProducts(at(now - 20 * HOUR), [box], platform);
  await updateProductSettings(at(now - 8 * HOUR), merchant, jiahe, "p-storage-box", {
    sevenDayReturn: true,
  });
}

/**
 * A simulated merchant appeals its latest violation still in force: it waits for a person. One
 * the server had recorded by `now` (its deadline behind the watermark), as a rehearsal finds it.
 */
async function appealOfSimulatedMerchant(ctx: AppContext, campaignId: string, now: number) {
  const loaded = await ctx.campaigns.current(campaignId);
  const lateness = ctx.lateness ?? loaded?.campaign.policy.lateness ?? 0;
  const { rows } = await sql<{ order_id: string; merchant_id: string; violations: string }>`
    select order_id, merchant_id, violations from ff_orders
    where campaign_id = ${campaignId} and violations is not null and merchant_id like 'sim%'
      and violation_at <= ${now - lateness}
    order by violation_at desc limit 1`.execute(ctx.store.db);
  const row = rows[0];
  if (!row) return;
  const actor: Actor = { role: "merchant", id: "demo-merchant", merchantId: row.merchant_id };
  await fileAppeal({ ...ctx, clock: new FixedClock(now) }, actor, campaignId, row.merchant_id, {
    orderId: row.order_id,
    kind: row.violations as "late_shipment" | "false_shipment",
    reason: "Carrier scanned the parcel late; we shipped on time.",
    evidence: { note: "pickup receipt attached" },
  });
}
