/**
 * The large demo (`gala serve --demo --scale large`): about 300 merchants, 10,000 products and
 * 100,000 orders, so every console page can be tried at a real campaign's size. Facts, then
 * registrations and reviews through the real use cases (each at its own past instant), then the
 * campaign's orders, shipments, pickups and refunds as channel events through `ingestEvents`, as
 * the channel would post them, in time order. Seeded: the same data on every run.
 *
 * It says how far it has got as it goes (it takes a few minutes on two cores).
 */

import { validMerchant, validProduct } from "../../domain/eligibility/fixtures.js";
import { formatWithOffset } from "../../domain/time/format.js";
import type { Actor } from "../actor.js";
import { FixedClock } from "../clock.js";
import type { AppContext } from "../context.js";
import type { MerchantFacts, ProductFacts } from "../facts/types.js";
import { upsertMerchants, upsertProducts } from "../facts/upsert.js";
import { ingestEvents } from "../fulfilment/ingest.js";
import { CampaignSimulation, prng, type SimProduct } from "../fulfilment/simulation.js";
import { registerProducts } from "../registration/register.js";
import { reviewRegistrations } from "../review/review.js";
import { readVenue } from "../venue/venue.js";

const HOUR = 3_600_000;
const BEIJING = 480;

export interface LargeScale {
  merchants: number;
  productsPerMerchant: number;
  orders: number;
}

// Orders stop for products delisted and merchants gone: ask for a tenth more to get about 100,000.
export const LARGE: LargeScale = { merchants: 300, productsPerMerchant: 33, orders: 110_000 };

const NAMES = ["佳禾", "兰亭", "星河", "云帆", "锦程", "恒达", "瑞丰", "华美", "天成", "鑫源"];
const KINDS = ["日用品", "服饰", "数码", "家居", "食品", "玩具", "五金", "箱包", "饰品", "灯具"];
const CITIES = ["义乌市", "杭州市", "广州市", "深圳市", "宁波市", "温州市", "泉州市", "汕头市"];
const GOODS = [
  "收纳箱",
  "保温杯",
  "拖把",
  "衣架",
  "毛巾",
  "台灯",
  "围巾",
  "数据线",
  "充电头",
  "拖鞋",
  "砧板",
  "雨伞",
  "背包",
  "发夹",
  "积木",
];

const operator: Actor = { role: "operator", id: "demo-operator", merchantId: null };

/** The merchants' and products' facts: most merchants pass every rule, some fail one. */
export function largeFacts(scale: LargeScale, categories: readonly string[], seed = 7) {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const merchants: MerchantFacts[] = [];
  const products: ProductFacts[] = [];
  for (let m = 0; m < scale.merchants; m++) {
    const id = `m-${String(m + 1).padStart(3, "0")}`;
    const mainCategory = pick(categories);
    const facts: Record<string, unknown> = {
      ...validMerchant(id),
      name: `${pick(CITIES)}${pick(NAMES)}${pick(KINDS)}有限公司`,
      mainCategory,
      pickupRate48h: Math.round((0.86 + rnd() * 0.13) * 1000) / 1000,
      lighthouseScore: Math.round((2.5 + rnd() * 2.4) * 10) / 10,
    };
    // About one merchant in ten fails a rule: its registrations fail with reasons.
    const flaw = rnd();
    if (flaw < 0.04) facts.violationPoints = 36 + Math.floor(rnd() * 20);
    else if (flaw < 0.07) facts.depositFen = 100_000;
    else if (flaw < 0.1) facts.pickupRate48h = 0.7 + Math.round(rnd() * 100) / 1000;
    merchants.push(facts as unknown as MerchantFacts);
    const count = Math.max(5, Math.round(scale.productsPerMerchant * (0.5 + rnd())));
    for (let p = 0; p < count; p++) {
      const product: Record<string, unknown> = {
        ...validProduct(`${id}-p${String(p + 1).padStart(3, "0")}`, id),
        title: `${pick(GOODS)} ${pick(["经典款", "加厚款", "礼盒装", "家用", "升级款"])} ${p + 1}`,
        category: rnd() < 0.8 ? mainCategory : pick(categories),
        priceFen: 990 + Math.floor(rnd() * rnd() * 30_000),
        shippingGuaranteeHours: rnd() < 0.3 ? 24 : 48,
      };
      if (rnd() < 0.03) product.sevenDayReturn = false;
      products.push(product as unknown as ProductFacts);
    }
  }
  return { merchants, products };
}

async function must<T>(
  r: Promise<{ ok: true; value: T } | { ok: false; failure: { message: string } }>,
): Promise<T> {
  const out = await r;
  if (!out.ok) throw new Error(`large demo: ${out.failure.message}`);
  return out.value;
}

/**
 * Seeds the large demo into a store that has the small one (its accounts and merchants) and no
 * channel events yet. `activityStart`: where the orders begin; they run up to the clock.
 */
export async function seedLarge(
  ctx: AppContext,
  campaignId: string,
  activityStart: number,
  log: (line: string) => void,
  scale: LargeScale = LARGE,
): Promise<void> {
  const loaded = await ctx.campaigns.current(campaignId);
  if (!loaded) throw new Error(`large demo: no campaign ${campaignId}`);
  const now = Math.floor(ctx.clock.now() / 1000) * 1000;
  const rnd = prng(11);
  const clock = new FixedClock(now - 240 * HOUR);
  const at = { ...ctx, clock };

  const { merchants, products } = largeFacts(
    scale,
    loaded.campaign.categories.map((c) => c.id),
  );
  await must(upsertMerchants(at, merchants));
  for (let i = 0; i < products.length; i += 5_000) {
    await must(upsertProducts(at, products.slice(i, i + 5_000)));
  }
  log(`demo: large: facts of ${merchants.length} merchants, ${products.length} products`);

  // Registrations spread over the ten days before now; reviews some hours after, some pending.
  const byMerchant = new Map<string, ProductFacts[]>();
  for (const p of products) {
    const list = byMerchant.get(p.merchantId) ?? [];
    list.push(p);
    byMerchant.set(p.merchantId, list);
  }
  const plan = [...byMerchant].map(([merchantId, items]) => ({
    merchantId,
    items,
    at: now - Math.floor((4 + rnd() * 230) * HOUR),
  }));
  plan.sort((a, b) => a.at - b.at);
  const decisions: Array<{ at: number; registrationId: string; decision: "approve" | "reject" }> =
    [];
  let registered = 0;
  for (const step of plan) {
    clock.set(step.at);
    const merchant: Actor = { role: "merchant", id: "demo-merchant", merchantId: step.merchantId };
    const r = await must(
      registerProducts(at, merchant, {
        campaignId,
        merchantId: step.merchantId,
        items: step.items.map((p) => ({ productId: p.id })),
      }),
    );
    for (const result of r.results) {
      if (result.outcome !== "pending_review") continue;
      registered++;
      // Reviewed within the 72 h SLA, mostly; those registered lately still wait.
      const reviewAt = step.at + Math.floor((2 + rnd() * 66) * HOUR);
      if (reviewAt > now - 2 * HOUR || rnd() < 0.08) continue;
      decisions.push({
        at: reviewAt,
        registrationId: result.registrationId,
        decision: rnd() < 0.93 ? "approve" : "reject",
      });
    }
  }
  log(`demo: large: ${registered} products registered and waiting for review`);
  decisions.sort((a, b) => a.at - b.at);
  for (let i = 0; i < decisions.length; i += 200) {
    const batch = decisions.slice(i, i + 200);
    clock.set(batch.at(-1)!.at);
    await must(
      reviewRegistrations(
        at,
        operator,
        batch.map((d) => ({
          registrationId: d.registrationId,
          decision: d.decision,
          ...(d.decision === "reject" ? { reason: "主图不清晰，请更换后重新报名" } : {}),
        })),
      ),
    );
  }
  log(`demo: large: ${decisions.length} reviews decided`);

  await streamOrders(ctx, campaignId, activityStart, now, scale.orders, log);
}

/** Every live listing of the venue (all pages). */
async function venueProducts(ctx: AppContext, campaignId: string): Promise<SimProduct[]> {
  const out: SimProduct[] = [];
  let cursor: string | undefined;
  for (;;) {
    const r = await readVenue(ctx, campaignId, cursor, 1000);
    if (!r.ok) break;
    for (const i of r.value.items) {
      out.push({
        productId: i.productId,
        merchantId: i.merchantId,
        shippingGuaranteeHours:
          typeof i.facts.shippingGuaranteeHours === "number"
            ? i.facts.shippingGuaranteeHours
            : null,
      });
    }
    if (!r.value.nextCursor) break;
    cursor = r.value.nextCursor;
  }
  return out;
}

/** The channel's events for the venue's products from `from` to `until`, through ingestion. */
async function streamOrders(
  ctx: AppContext,
  campaignId: string,
  from: number,
  until: number,
  orders: number,
  log: (line: string) => void,
) {
  const venue = await venueProducts(ctx, campaignId);
  // A few merchants ship carelessly: their violations lower weights and delist products.
  const careless = new Set(
    [...new Set(venue.map((p) => p.merchantId))].filter((_, i) => i % 23 === 5),
  );
  const products = venue.map((p) => ({
    ...p,
    conduct: careless.has(p.merchantId) ? ("careless" as const) : ("reliable" as const),
  }));
  const listed = products.map((p, i) => ({
    id: `large-list-${i}`,
    type: "product.listed",
    at: formatWithOffset(from, BEIJING),
    merchantId: p.merchantId,
    productId: p.productId,
    shippingGuaranteeHours: p.shippingGuaranteeHours ?? 48,
  }));
  for (let i = 0; i < listed.length; i += 1000) {
    await ingestEvents(ctx, listed.slice(i, i + 1000));
  }
  const hours = Math.max(1, (until - from) / HOUR);
  const sim = new CampaignSimulation(products, from + 60_000, {
    seed: 3,
    ordersPerHour: orders / hours,
    runId: "large",
  });
  log(
    `demo: large: ${products.length} products listed; streaming about ${orders} orders from ${formatWithOffset(from, BEIJING)}`,
  );
  let events = 0;
  let paid = 0;
  let lastLog = 0;
  for (let t = from + HOUR; ; t = Math.min(t + HOUR, until)) {
    const batch = sim
      .until(t)
      .map((e) => ({ ...e, type: String(e.type), at: formatWithOffset(e.at, BEIJING) }));
    for (let i = 0; i < batch.length; i += 1000) {
      const slice = batch.slice(i, i + 1000);
      const r = await ingestEvents(ctx, slice);
      events += r.accepted;
      paid += slice.filter((e) => e.type === "order.paid").length;
      const delisted = new Set<string>();
      const gone = new Set<string>();
      for (const text of r.decisions) {
        const d = JSON.parse(text) as { type: string; productId?: string; merchantId?: string };
        if (d.type === "listing.delisted" && d.productId) delisted.add(d.productId);
        if (d.type === "merchant.exited" && d.merchantId) gone.add(d.merchantId);
      }
      if (delisted.size + gone.size > 0) sim.withdraw(delisted, gone);
    }
    if (performance.now() - lastLog > 5_000 || t >= until) {
      lastLog = performance.now();
      log(
        `demo: large: ${formatWithOffset(t, BEIJING)}  ${paid} orders, ${events} events (${Math.round((100 * (t - from)) / (until - from))}%)`,
      );
    }
    if (t >= until) break;
  }
}
