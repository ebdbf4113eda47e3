import { beforeEach, expect, it } from "vitest";
import { freshApp, type TestApp } from "../../../test/support/app.js";
import { describeStores } from "../../../test/support/stores.js";
import { validMerchant, validProduct } from "../../domain/eligibility/fixtures.js";
import { readAudit } from "../../store/repos/audit.js";
import type { Actor } from "../actor.js";
import { updateProductSettings } from "../facts/settings.js";
import { upsertMerchants, upsertProducts } from "../facts/upsert.js";
import { reviewRegistrations } from "../review/review.js";
import { registrationAudit } from "./read.js";
import { registerProducts } from "./register.js";

const merchant: Actor = { role: "merchant", id: "tok_m1", merchantId: "m1" };
const operator: Actor = { role: "operator", id: "tok_op", merchantId: null };
const CAMPAIGN = "spring-festival-2024";

async function seed(app: TestApp, products: Array<Record<string, unknown>>) {
  await upsertMerchants(app.ctx, [validMerchant("m1") as never, validMerchant("m2") as never]);
  await upsertProducts(app.ctx, products as never);
}

const register = (app: TestApp, productIds: string[], actor = merchant) =>
  registerProducts(app.ctx, actor, {
    campaignId: CAMPAIGN,
    merchantId: actor.merchantId!,
    items: productIds.map((productId) => ({ productId })),
  });

describeStores("registering products", (kind) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await freshApp(kind);
  });

  it("sends passing products to review and rejects failing ones with every reason", async () => {
    await seed(app, [
      validProduct("ok", "m1"),
      { ...validProduct("bad", "m1"), nonFreeShippingRegions: ["CN-GD"], sevenDayReturn: false },
    ]);
    const r = await register(app, ["ok", "bad"]);
    if (!r.ok) throw new Error(r.failure.message);
    expect(r.value.counts).toEqual({ pending_review: 1, rejected: 1, refused: 0 });
    const [ok, bad] = r.value.results;
    expect(r.value.reviewDueAt).toBe(app.clock.now() + 72 * 3_600_000);
    expect(ok).toMatchObject({ outcome: "pending_review" });
    expect(bad).toMatchObject({ outcome: "rejected" });
    if (bad?.outcome !== "rejected") throw new Error("expected rejected");
    expect(bad.failures.map((f) => f.rule).sort()).toEqual([
      "product.free_shipping",
      "product.seven_day_return",
    ]);
    expect(bad.failures.find((f) => f.rule === "product.free_shipping")?.actual).toEqual(["CN-GD"]);
  });

  it("rejects every product of an ineligible merchant, naming the merchant's failures", async () => {
    await upsertMerchants(app.ctx, [{ ...validMerchant("m1"), violationPoints: 40 } as never]);
    await upsertProducts(app.ctx, [validProduct("p1", "m1") as never]);
    const r = await register(app, ["p1"]);
    if (!r.ok) throw new Error(r.failure.message);
    expect(r.value.merchant.eligible).toBe(false);
    expect(r.value.results[0]).toMatchObject({
      outcome: "rejected",
      failures: [{ rule: "merchant.violation_points", actual: 40, required: "< 36" }],
    });
  });

  it("registers again after the merchant fixes its own product settings", async () => {
    await seed(app, [{ ...validProduct("p1", "m1"), douyinEwaybill: false }]);
    expect((await register(app, ["p1"])).ok).toBe(true);
    const fixed = await updateProductSettings(app.ctx, merchant, "m1", "p1", {
      douyinEwaybill: true,
    });
    expect(fixed.ok).toBe(true);
    app.clock.advance(60_000);
    const again = await register(app, ["p1"]);
    if (!again.ok) throw new Error(again.failure.message);
    expect(again.value.results[0]).toMatchObject({ outcome: "pending_review" });
    const trail = await readAudit(app.ctx.store.db, {
      subjectId: (again.value.results[0] as { registrationId: string }).registrationId,
      limit: 10,
    });
    expect(trail.map((a) => [a.fromState, a.toState])).toEqual([
      [null, "rejected"],
      ["rejected", "pending_review"],
    ]);
    expect(trail[0]?.reason).toBe("product.douyin_ewaybill");
  });

  it("refuses registering again what is pending, approved or rejected at review", async () => {
    await seed(app, [validProduct("a", "m1"), validProduct("b", "m1"), validProduct("c", "m1")]);
    const first = await register(app, ["a", "b", "c"]);
    if (!first.ok) throw new Error(first.failure.message);
    const ids = first.value.results.map((x) => (x as { registrationId: string }).registrationId);
    await reviewRegistrations(app.ctx, operator, [
      { registrationId: ids[1]!, decision: "approve" },
      { registrationId: ids[2]!, decision: "reject", reason: "主图模糊" },
    ]);
    const again = await register(app, ["a", "b", "c"]);
    if (!again.ok) throw new Error(again.failure.message);
    expect(again.value.results.map((x) => x.outcome === "refused" && x.refusal.code)).toEqual([
      "already_pending_review",
      "already_approved",
      "rejected_at_review_replace_it",
    ]);
  });

  it("lets a product rejected at review be replaced, and refuses replacing anything else", async () => {
    await seed(app, [validProduct("a", "m1"), validProduct("b", "m1"), validProduct("c", "m1")]);
    const first = await register(app, ["a", "c"]);
    if (!first.ok) throw new Error(first.failure.message);
    const idA = (first.value.results[0] as { registrationId: string }).registrationId;
    await reviewRegistrations(app.ctx, operator, [
      { registrationId: idA, decision: "reject", reason: "x" },
    ]);
    const wrong = await registerProducts(app.ctx, merchant, {
      campaignId: CAMPAIGN,
      merchantId: "m1",
      items: [{ productId: "b", replacesProductId: "c" }],
    });
    expect(wrong).toMatchObject({
      ok: false,
      failure: { kind: "conflict", code: "not_replaceable" },
    });
    const right = await registerProducts(app.ctx, merchant, {
      campaignId: CAMPAIGN,
      merchantId: "m1",
      items: [{ productId: "b", replacesProductId: "a" }],
    });
    expect(right).toMatchObject({ ok: true, value: { counts: { pending_review: 1 } } });
  });

  it("accepts only inside the registration window, to the second, naming the window", async () => {
    await seed(app, [validProduct("p1", "m1")]);
    const window = app.campaign.campaign.windows.registration;
    app.clock.set(window.end + 999);
    expect((await register(app, ["p1"])).ok).toBe(true);
    app.clock.set(window.end + 1000);
    const late = await register(app, ["p1"]);
    expect(late).toMatchObject({
      ok: false,
      failure: {
        kind: "unprocessable",
        code: "registration_window_closed",
        details: { when: "closed" },
      },
    });
    if (!late.ok) expect(late.failure.message).toContain("2024-02-16 23:59:59");
    app.clock.set(window.start - 1);
    expect(await register(app, ["p1"])).toMatchObject({
      failure: { details: { when: "not_open_yet" } },
    });
  });

  it("refuses unknown products (404), another merchant's products (403) and duplicates (400), whole", async () => {
    await seed(app, [validProduct("mine", "m1"), validProduct("theirs", "m2")]);
    expect(await register(app, ["mine", "ghost"])).toMatchObject({
      ok: false,
      failure: { kind: "not_found", details: { productIds: ["ghost"] } },
    });
    expect(await register(app, ["mine", "theirs"])).toMatchObject({
      ok: false,
      failure: { kind: "forbidden", details: { productIds: ["theirs"] } },
    });
    expect(await register(app, ["mine", "mine"])).toMatchObject({
      ok: false,
      failure: { kind: "invalid" },
    });
    const n = await app.ctx.store.db.selectFrom("registrations").select("id").execute();
    expect(n).toHaveLength(0);
  });

  it("registers thousands of products in one call", async () => {
    const products = Array.from({ length: 5000 }, (_, i) => validProduct(`p${i}`, "m1"));
    await seed(app, products);
    const r = await register(
      app,
      products.map((p) => p.id as string),
    );
    if (!r.ok) throw new Error(r.failure.message);
    expect(r.value.counts.pending_review).toBe(5000);
    const audit = await readAudit(app.ctx.store.db, { campaignId: CAMPAIGN, limit: 10_000 });
    // One entry per product, and one for the call with what they all shared.
    expect(audit).toHaveLength(5001);
    expect(audit[0]).toMatchObject({
      action: "register.call",
      detail: { counts: { pending_review: 5000 } },
    });
  });

  it("records the snapshots each registration was judged on", async () => {
    await seed(app, [validProduct("p1", "m1")]);
    await register(app, ["p1"]);
    const row = await app.ctx.store.db
      .selectFrom("registrations")
      .selectAll()
      .executeTakeFirstOrThrow();
    const snap = await app.ctx.store.db
      .selectFrom("fact_snapshots")
      .select("body")
      .where("hash", "=", row.product_snapshot_hash)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(snap.body)).toMatchObject({ id: "p1", merchantId: "m1" });
    expect(row.campaign_hash).toBe(app.campaign.campaign.hash);
    const [entry] = await registrationAudit(app.ctx, row.id);
    expect(entry?.detail).toEqual({
      productId: "p1",
      productSnapshot: row.product_snapshot_hash,
      campaignHash: row.campaign_hash,
      merchantSnapshot: row.merchant_snapshot_hash,
    });
  });
});
