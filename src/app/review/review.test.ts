import { beforeEach, expect, it } from "vitest";
import { freshApp, type TestApp } from "../../../test/support/app.js";
import { describeStores } from "../../../test/support/stores.js";
import { validMerchant, validProduct } from "../../domain/eligibility/fixtures.js";
import { listFromChannel } from "../../store/repos/fulfilment/venue.js";
import { delistProduct, exitMerchant, setListingWeight } from "../../store/repos/listings.js";
import type { Actor } from "../actor.js";
import { dashboard } from "../console/dashboard.js";
import { upsertMerchants, upsertProducts } from "../facts/upsert.js";
import { registrationAudit } from "../registration/read.js";
import { registerProducts } from "../registration/register.js";
import { readVenue } from "../venue/venue.js";
import { readReviewQueue } from "./queue.js";
import { reviewRegistrations } from "./review.js";

const H = 3_600_000;
const CAMPAIGN = "spring-festival-2024";
const operator: Actor = { role: "operator", id: "tok_op", merchantId: null };

/** Registers `count` products for `merchantId`, one hour apart, returning registration ids. */
async function registerEach(
  app: TestApp,
  merchantId: string,
  ids: string[],
  category = "家居用品",
) {
  await upsertMerchants(app.ctx, [validMerchant(merchantId) as never]);
  await upsertProducts(
    app.ctx,
    ids.map((id) => ({ ...validProduct(id, merchantId), category })) as never,
  );
  const out: string[] = [];
  for (const productId of ids) {
    const r = await registerProducts(
      app.ctx,
      { role: "merchant", id: "t", merchantId },
      {
        campaignId: CAMPAIGN,
        merchantId,
        items: [{ productId }],
      },
    );
    if (!r.ok) throw new Error(r.failure.message);
    out.push((r.value.results[0] as { registrationId: string }).registrationId);
    app.clock.advance(H);
  }
  return out;
}

describeStores("reviewing and the venue", (kind) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await freshApp(kind);
  });

  it("orders the queue by SLA and filters overdue, due soon, category and merchant", async () => {
    const start = app.clock.now();
    const [a, b] = await registerEach(app, "m1", ["a", "b"]);
    const [c] = await registerEach(app, "m2", ["c"], "女装");
    // a due start+72h, b start+73h, c start+74h. At start+72.5h: a overdue, b and c due soon.
    app.clock.set(start + 72.5 * H);
    const q = async (extra: object) => {
      const r = await readReviewQueue(app.ctx, { campaignId: CAMPAIGN, limit: 10, ...extra });
      if (!r.ok) throw new Error(r.failure.message);
      return r.value.items.map((i) => [i.id, i.dueStatus]);
    };
    expect(await q({})).toEqual([
      [a, "overdue"],
      [b, "due_soon"],
      [c, "due_soon"],
    ]);
    expect(await q({ due: "overdue" })).toEqual([[a, "overdue"]]);
    expect(await q({ due: "due_soon" })).toEqual([
      [b, "due_soon"],
      [c, "due_soon"],
    ]);
    expect(await q({ category: "女装" })).toEqual([[c, "due_soon"]]);
    expect(await q({ merchantId: "m1", due: "due_soon" })).toEqual([[b, "due_soon"]]);
  });

  it("pages the queue with a cursor and refuses a forged cursor", async () => {
    const ids = await registerEach(app, "m1", ["a", "b", "c"]);
    const first = await readReviewQueue(app.ctx, { campaignId: CAMPAIGN, limit: 2 });
    if (!first.ok) throw new Error("queue");
    expect(first.value.items.map((i) => i.id)).toEqual(ids.slice(0, 2));
    const second = await readReviewQueue(app.ctx, {
      campaignId: CAMPAIGN,
      limit: 2,
      cursor: first.value.nextCursor!,
    });
    expect(second).toMatchObject({
      ok: true,
      value: { items: [{ id: ids[2] }], nextCursor: null },
    });
    expect(
      await readReviewQueue(app.ctx, { campaignId: CAMPAIGN, limit: 2, cursor: "nope" }),
    ).toMatchObject({
      ok: false,
      failure: { kind: "invalid" },
    });
  });

  it("approves and rejects in bulk, refuses what is not pending, and audits who, when and why", async () => {
    const [a, b] = await registerEach(app, "m1", ["a", "b"]);
    const r = await reviewRegistrations(app.ctx, operator, [
      { registrationId: a!, decision: "approve" },
      { registrationId: b!, decision: "reject", reason: "图片不清晰" },
    ]);
    expect(r).toMatchObject({
      ok: true,
      value: { counts: { approved: 1, rejected_at_review: 1, refused: 0 } },
    });
    const again = await reviewRegistrations(app.ctx, operator, [
      { registrationId: a!, decision: "reject", reason: "x" },
    ]);
    expect(again).toMatchObject({
      ok: true,
      value: {
        results: [
          { outcome: "refused", state: "approved", refusal: { code: "not_pending_review" } },
        ],
      },
    });
    const trail = await registrationAudit(app.ctx, b!);
    expect(trail.at(-1)).toMatchObject({
      actorRole: "operator",
      actorId: "tok_op",
      action: "review.reject",
      fromState: "pending_review",
      toState: "rejected_at_review",
      reason: "图片不清晰",
      at: app.clock.now(),
    });
  });

  it("needs a reason to reject and answers 404 for unknown ids, writing nothing", async () => {
    const [a] = await registerEach(app, "m1", ["a"]);
    expect(
      await reviewRegistrations(app.ctx, operator, [{ registrationId: a!, decision: "reject" }]),
    ).toMatchObject({
      ok: false,
      failure: { kind: "invalid", code: "reason_required" },
    });
    expect(
      await reviewRegistrations(app.ctx, operator, [
        { registrationId: a!, decision: "approve" },
        { registrationId: "ghost", decision: "approve" },
      ]),
    ).toMatchObject({
      ok: false,
      failure: { kind: "not_found", details: { registrationIds: ["ghost"] } },
    });
    const queue = await readReviewQueue(app.ctx, { campaignId: CAMPAIGN, limit: 5 });
    expect(queue).toMatchObject({ ok: true, value: { items: [{ id: a }] } });
  });

  it("shows approved products in the venue by weight then registration time, never delisted or exited", async () => {
    const m1 = await registerEach(app, "m1", ["a", "b", "c"]);
    const m2 = await registerEach(app, "m2", ["d"]);
    await registerEach(app, "m1", ["pending"]);
    await reviewRegistrations(
      app.ctx,
      operator,
      [...m1, ...m2].map((registrationId) => ({ registrationId, decision: "approve" as const })),
    );
    const db = app.ctx.store.db;
    const now = app.clock.now();
    await setListingWeight(db, CAMPAIGN, "a", 0.5, now);
    const venue = async (cursor?: string) => {
      const r = await readVenue(app.ctx, CAMPAIGN, cursor, 2);
      if (!r.ok) throw new Error(r.failure.message);
      return r.value;
    };
    const p1 = await venue();
    expect(p1.running).toBe(true);
    expect(p1.items.map((i) => i.productId)).toEqual(["b", "c"]);
    const p2 = await venue(p1.nextCursor!);
    expect(p2.items.map((i) => i.productId)).toEqual(["d", "a"]);
    expect(p2.nextCursor).toBeNull();
    await delistProduct(db, CAMPAIGN, "b", "violations", now);
    await exitMerchant(db, CAMPAIGN, "m2", "exception report", now);
    expect(
      (await readVenue(app.ctx, CAMPAIGN, undefined, 10)).ok &&
        (await venue()).items.map((i) => i.productId),
    ).toEqual(["c", "a"]);
  });

  it("brings no more products in from a merchant that left: no registering, no approving", async () => {
    const [a, b] = await registerEach(app, "m1", ["a", "b"]);
    await registerEach(app, "m2", ["c"]);
    await upsertProducts(app.ctx, [validProduct("d", "m1")] as never);
    await exitMerchant(app.ctx.store.db, CAMPAIGN, "m1", "exception_report", app.clock.now());

    const again = await registerProducts(
      app.ctx,
      { role: "merchant", id: "t", merchantId: "m1" },
      { campaignId: CAMPAIGN, merchantId: "m1", items: [{ productId: "d" }] },
    );
    expect(again).toMatchObject({
      ok: false,
      failure: {
        kind: "unprocessable",
        code: "merchant_exited",
        details: { reason: "exception_report", message: { zh: expect.stringContaining("退出") } },
      },
    });
    // Another merchant still registers.
    const other = await registerProducts(
      app.ctx,
      { role: "merchant", id: "t", merchantId: "m2" },
      { campaignId: CAMPAIGN, merchantId: "m2", items: [{ productId: "c" }] },
    );
    expect(other.ok).toBe(true);

    const r = await reviewRegistrations(app.ctx, operator, [
      { registrationId: a!, decision: "approve" },
      { registrationId: b!, decision: "reject", reason: "商家已退出" },
    ]);
    expect(r.ok && r.value.counts).toEqual({ approved: 0, rejected_at_review: 1, refused: 1 });
    expect(r.ok && r.value.results[0]).toMatchObject({
      outcome: "refused",
      state: "pending_review",
      refusal: { code: "merchant_exited", action: "approve" },
    });
  });

  it("counts in the dashboard's review SLA what the queue's filters find", async () => {
    const start = app.clock.now();
    const [a, b] = await registerEach(app, "m1", ["a", "b", "c"]);
    await registerEach(app, "m2", ["d", "e"], "女装");
    await reviewRegistrations(app.ctx, operator, [
      { registrationId: a!, decision: "approve" },
      { registrationId: b!, decision: "reject", reason: "blurry photos" },
    ]);
    // c due start+74h, d start+75h, e start+76h. At start+74.5h: c overdue, d and e due soon;
    // at start+76.5h all three overdue; at start+40h none due soon (the horizon is 24 h).
    const total = async (due?: "overdue" | "due_soon") => {
      const r = await readReviewQueue(app.ctx, {
        campaignId: CAMPAIGN,
        limit: 10,
        ...(due ? { due } : {}),
      });
      if (!r.ok) throw new Error(r.failure.message);
      return r.value.total;
    };
    const expected = [
      [74.5, { pending: 3, dueSoon: 2, overdue: 1 }],
      [76.5, { pending: 3, dueSoon: 0, overdue: 3 }],
      [40, { pending: 3, dueSoon: 0, overdue: 0 }],
    ] as const;
    for (const [hours, sla] of expected) {
      app.clock.set(start + hours * H);
      const d = await dashboard(app.ctx.store.db, app.campaign.campaign, app.clock.now());
      expect(d.reviewSla).toEqual(sla);
      expect(d.reviewSla).toEqual({
        pending: await total(),
        dueSoon: await total("due_soon"),
        overdue: await total("overdue"),
      });
      expect(d.funnel).toMatchObject({
        submitted: 5,
        pendingReview: 3,
        approved: 1,
        rejected: 1,
      });
    }
  });

  it("counts in the dashboard's funnel only approved products the venue still shows", async () => {
    const [a, b] = await registerEach(app, "m1", ["a", "b"]);
    const [c] = await registerEach(app, "m2", ["c"]);
    const approve = [a, b, c].map((id) => ({ registrationId: id!, decision: "approve" as const }));
    await reviewRegistrations(app.ctx, operator, approve);
    const db = app.ctx.store.db;
    const now = app.clock.now();
    // Listed by the channel, not through review: the venue's, not the funnel's.
    await upsertProducts(app.ctx, [validProduct("x", "m1")] as never);
    await listFromChannel(db, CAMPAIGN, [
      { productId: "x", merchantId: "m1", at: now, eventId: "l-x" },
    ]);
    const funnel = async () => (await dashboard(db, app.campaign.campaign, app.clock.now())).funnel;
    expect(await funnel()).toMatchObject({ approved: 3, listed: 3 });
    await delistProduct(db, CAMPAIGN, "b", "violations", now);
    await exitMerchant(db, CAMPAIGN, "m2", "violations", now);
    expect(await funnel()).toMatchObject({ approved: 3, listed: 1 });
  });

  it("shows an empty venue outside the activity window", async () => {
    const [a] = await registerEach(app, "m1", ["a"]);
    await reviewRegistrations(app.ctx, operator, [{ registrationId: a!, decision: "approve" }]);
    app.clock.set(app.campaign.campaign.windows.activity.start - 1);
    expect(await readVenue(app.ctx, CAMPAIGN, undefined, 10)).toMatchObject({
      ok: true,
      value: { running: false, items: [] },
    });
  });
});
