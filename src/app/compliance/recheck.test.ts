/**
 * Continuous compliance through the API (docs/interfaces.md, "Continuous compliance"): facts pushed or
 * changed during the campaign judge every approved registration they touch again; a failing
 * listing leaves the venue with `listing.suspended`, comes back with `listing.restored`; both in
 * the decisions feed and the audit log, the merchant told which rule and what it requires.
 */
import { beforeEach, expect, it } from "vitest";
import {
  CAMPAIGN,
  freshApi,
  registrationsUrl,
  seedFacts,
  type TestApi,
} from "../../../test/support/api.js";
import { describeStores } from "../../../test/support/stores.js";
import { validMerchant, validProduct } from "../../domain/eligibility/fixtures.js";

const base = `/api/v1/campaigns/${CAMPAIGN}`;

describeStores("continuous compliance", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind);
    await seedFacts(api, 3);
    // Approved: m1-p0, m1-p1, m2-p0. Pending review: m1-p2.
    for (const [m, products] of [
      ["m1", ["m1-p0", "m1-p1", "m1-p2"]],
      ["m2", ["m2-p0"]],
    ] as const) {
      const res = await api.call(m, "POST", registrationsUrl(m), {
        products: products.map((productId) => ({ productId })),
      });
      expect(res.json().counts.pending_review).toBe(products.length);
    }
    const queue = (await api.call("operator", "GET", `${base}/review-queue`)).json().items;
    for (const r of queue.filter((r: { productId: string }) => r.productId !== "m1-p2")) {
      const res = await api.call("operator", "POST", `/api/v1/registrations/${r.id}/review`, {
        decision: "approve",
      });
      expect(res.statusCode).toBe(200);
    }
  });

  const venue = async () =>
    (await api.call("channel", "GET", `${base}/venue`))
      .json()
      .items.map((i: { productId: string }) => i.productId);
  const pushMerchant = (over: Record<string, unknown>, id = "m1") =>
    api.call("platform", "PUT", "/api/v1/facts/merchants", {
      merchants: [{ ...validMerchant(id), ...over }],
    });
  const venueFeed = async (m: "m1" | "m2") =>
    (await api.call(m, "GET", `${base}/merchants/${m}/decisions?group=venue`)).json().items;

  it("suspends a merchant's listings when its facts fail a continuous rule, and restores them", async () => {
    expect((await venue()).sort()).toEqual(["m1-p0", "m1-p1", "m2-p0"]);
    const res = await pushMerchant({ courtDishonest: true });
    expect(res.json()).toEqual({ upserted: 1, compliance: { suspended: 2, restored: 0 } });
    expect(await venue()).toEqual(["m2-p0"]);
    expect(await venueFeed("m1")).toEqual([
      expect.objectContaining({
        type: "listing.suspended",
        at: "2024-02-10T10:00:00+08:00",
        productId: "m1-p0",
        merchantId: "m1",
        rules: ["merchant.court_dishonest"],
      }),
      expect.objectContaining({ type: "listing.suspended", productId: "m1-p1" }),
    ]);
    const weights = (await api.call("m1", "GET", `${base}/merchants/m1/weights`)).json();
    expect(weights.listings[0]).toMatchObject({
      productId: "m1-p0",
      inVenue: false,
      suspendedAt: "2024-02-10T10:00:00+08:00",
      suspendedRules: ["merchant.court_dishonest"],
    });
    const shown = (await api.call("m1", "GET", `${base}/merchants/m1/suspensions`)).json().items;
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatchObject({
      productId: "m1-p0",
      suspendedAt: "2024-02-10T10:00:00+08:00",
      failures: [
        {
          rule: "merchant.court_dishonest",
          subject: "merchant",
          title: { zh: expect.any(String), en: expect.any(String) },
          message: { zh: expect.stringMatching(/失信/), en: expect.any(String) },
        },
      ],
    });
    expect((await api.call("m2", "GET", `${base}/merchants/m1/suspensions`)).statusCode).toBe(403);

    // Pushing the same facts again changes nothing; fixing them restores both listings.
    expect((await pushMerchant({ courtDishonest: true })).json().compliance).toEqual({
      suspended: 0,
      restored: 0,
    });
    const fixed = await pushMerchant({ courtDishonest: false });
    expect(fixed.json().compliance).toEqual({ suspended: 0, restored: 2 });
    expect((await venue()).sort()).toEqual(["m1-p0", "m1-p1", "m2-p0"]);
    expect((await venueFeed("m1")).map((d: { type: string }) => d.type)).toEqual([
      "listing.suspended",
      "listing.suspended",
      "listing.restored",
      "listing.restored",
    ]);
    const audit = (await api.call("operator", "GET", `${base}/audit`)).json().items;
    const trail = audit
      .filter((e: { subject: { type: string } }) => e.subject.type === "listing")
      .map(
        (e: { action: string; subject: { id: string }; actor: { role: string } }) =>
          `${e.action} ${e.subject.id} by ${e.actor.role}`,
      );
    expect(trail).toEqual([
      "listing.suspend m1-p0 by platform",
      "listing.suspend m1-p1 by platform",
      "listing.restore m1-p0 by platform",
      "listing.restore m1-p1 by platform",
    ]);
  });

  it("leaves the pickup rate to the campaign's own measure, and pending registrations alone", async () => {
    const res = await pushMerchant({ pickupRate48h: 0.2 });
    expect(res.json().compliance).toEqual({ suspended: 0, restored: 0 });
    await pushMerchant({ violationPoints: 40 });
    const weights = (await api.call("m1", "GET", `${base}/merchants/m1/weights`)).json();
    expect(weights.listings.map((l: { productId: string }) => l.productId).sort()).toEqual([
      "m1-p0",
      "m1-p1",
    ]);
  });

  it("suspends one product on its own facts; the merchant's settings fix brings it back", async () => {
    const noReturn = { ...validProduct("m2-p0", "m2"), sevenDayReturn: false };
    const res = await api.call("platform", "PUT", "/api/v1/facts/products", {
      products: [noReturn],
    });
    expect(res.json().compliance).toEqual({ suspended: 1, restored: 0 });
    expect(await venue()).not.toContain("m2-p0");
    // Worse: a second rule fails too — the merchant is told the new reasons.
    await api.call("platform", "PUT", "/api/v1/facts/products", {
      products: [{ ...noReturn, douyinEwaybill: false }],
    });
    // Its own fix of one setting: still out, for the other rule.
    const settings = `/api/v1/merchants/m2/products/m2-p0/settings`;
    await api.call("m2", "PATCH", settings, { sevenDayReturn: true });
    expect(await venue()).not.toContain("m2-p0");
    await api.call("m2", "PATCH", settings, { douyinEwaybill: true });
    expect(await venue()).toContain("m2-p0");
    const feed = (await venueFeed("m2")).map((d: { type: string; rules?: string[] }) =>
      `${d.type} ${(d.rules ?? []).join("+")}`.trim(),
    );
    expect(feed).toEqual([
      "listing.suspended product.seven_day_return",
      "listing.suspended product.seven_day_return+product.douyin_ewaybill",
      "listing.suspended product.douyin_ewaybill",
      "listing.restored",
    ]);
    // The merchant's inbox names the failing rules by their titles, in both languages.
    const told = (await api.call("m2", "GET", `${base}/merchants/m2/inbox`)).json().items;
    const suspended = told.find(
      (n: { type: string; detail: { en: string } }) =>
        n.type === "listing.suspended" && n.detail.en.includes("douyin_ewaybill"),
    );
    expect(suspended.detail.en).toMatch(/^Failing: .+ \(product\.douyin_ewaybill\)\./);
    expect(suspended.detail.zh).toMatch(/^未满足：.+ \(product\.douyin_ewaybill\)。/);
    const audit = (await api.call("operator", "GET", `${base}/audit`)).json().items;
    expect(audit.at(-1)).toMatchObject({
      action: "listing.restore",
      actor: { role: "merchant" },
      subject: { type: "listing", id: "m2-p0" },
    });
  });
});
