/**
 * Seeds the demo dataset into an empty store by running the real use cases at past instants
 * (each with its own still clock), so every row, audit entry and listing is what production
 * would have written.
 */
import { sql } from "kysely";
import type { Actor } from "../actor.js";
import { FixedClock } from "../clock.js";
import type { AppContext } from "../context.js";
import { upsertMerchants, upsertProducts } from "../facts/upsert.js";
import { registerProducts } from "../registration/register.js";
import { reviewRegistrations } from "../review/review.js";
import { demoMerchants, demoProducts, demoSteps } from "./dataset.js";

const HOUR = 3_600_000;
const demoOperator: Actor = { role: "operator", id: "demo-operator", merchantId: null };

/** True when the store holds no facts yet: only then is the demo seeded. */
export async function isFresh(ctx: AppContext): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from merchants`.execute(
    ctx.store.db,
  );
  return Number(rows[0]?.n ?? 0) === 0;
}

export async function seedDemo(ctx: AppContext, campaignId: string): Promise<void> {
  // Whole seconds: the demo's instants read cleanly in the console and the API.
  const now = Math.floor(ctx.clock.now() / 1000) * 1000;
  const clock = new FixedClock(now - 200 * HOUR);
  const at = { ...ctx, clock };
  await must(upsertMerchants(at, demoMerchants));
  await must(upsertProducts(at, demoProducts));

  const events = demoSteps.flatMap((step) => [
    { t: now - step.hoursAgo * HOUR, run: () => register(step) },
    ...(step.review ? [{ t: now - step.review.hoursAgo * HOUR, run: () => review(step) }] : []),
  ]);
  const registrationIds = new Map<string, string>();
  const register = async (step: (typeof demoSteps)[number]) => {
    const merchant: Actor = { role: "merchant", id: "demo-merchant", merchantId: step.merchantId };
    const r = await must(
      registerProducts(at, merchant, {
        campaignId,
        merchantId: step.merchantId,
        items: [
          {
            productId: step.productId,
            ...(step.replaces ? { replacesProductId: step.replaces } : {}),
          },
        ],
      }),
    );
    const result = r.results[0];
    if (result && result.outcome !== "refused")
      registrationIds.set(step.productId, result.registrationId);
  };
  const review = async (step: (typeof demoSteps)[number]) => {
    const registrationId = registrationIds.get(step.productId)!;
    const { decision, reason } = step.review!;
    await must(
      reviewRegistrations(at, demoOperator, [
        { registrationId, decision, ...(reason ? { reason } : {}) },
      ]),
    );
  };
  for (const event of events.sort((a, b) => a.t - b.t)) {
    clock.set(event.t);
    await event.run();
  }
}

async function must<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; failure: { message: string } }>,
): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`demo seed failed: ${r.failure.message}`);
  return r.value;
}
