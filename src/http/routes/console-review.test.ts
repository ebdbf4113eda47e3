/** The review queue's size and one registration's detail, as the review drawer reads them. */
import { beforeEach, expect, it } from "vitest";
import {
  CAMPAIGN,
  freshApi,
  registrationsUrl,
  seedFacts,
  type TestApi,
} from "../../../test/support/api.js";
import { describeStores } from "../../../test/support/stores.js";

const base = `/api/v1/campaigns/${CAMPAIGN}`;

describeStores("review drawer reads", (kind) => {
  let api: TestApi;
  let ids: string[];
  beforeEach(async () => {
    api = await freshApi(kind);
    await seedFacts(api, 3);
    const res = await api.call("m1", "POST", registrationsUrl("m1"), {
      products: ["m1-p0", "m1-p1", "m1-p2"].map((productId) => ({ productId })),
    });
    ids = res.json().results.map((r: { registrationId: string }) => r.registrationId);
  });

  it("counts the whole queue on its first page", async () => {
    const first = await api.call("operator", "GET", `${base}/review-queue?limit=2`);
    expect(first.json()).toMatchObject({ total: 3 });
    expect(first.json().items).toHaveLength(2);
    const next = await api.call(
      "operator",
      "GET",
      `${base}/review-queue?limit=2&cursor=${first.json().nextCursor}`,
    );
    expect(next.json().items).toHaveLength(1);
    expect(next.json().total).toBeUndefined();
  });

  it("gives the product's facts, every rule's result, the merchant and the history", async () => {
    const res = await api.call("operator", "GET", `${base}/registrations/${ids[0]}/detail`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.registration).toMatchObject({
      id: ids[0],
      productId: "m1-p0",
      state: "pending_review",
    });
    expect(typeof d.product.priceFen).toBe("number");
    const campaign = (await api.call("operator", "GET", `${base}/overview`)).json();
    const productRules = campaign.rules.filter((r: { subject: string }) => r.subject === "product");
    expect(d.rules.product.map((r: { code: string }) => r.code)).toEqual(
      productRules.map((r: { code: string }) => r.code),
    );
    expect(d.rules.product.every((r: { pass: boolean }) => r.pass)).toBe(true);
    expect(d.merchant).toMatchObject({
      id: "m1",
      eligible: true,
      exited: null,
      violations: 0,
      registrations: { pending_review: 3 },
    });
    expect(d.history.map((h: { action: string }) => h.action)).toContain("register");
  });

  it("shows a failing product rule after the facts change, and 404s elsewhere", async () => {
    await api.call("platform", "PATCH", "/api/v1/merchants/m1/products/m1-p0/settings", {
      sevenDayReturn: false,
    });
    const d = (await api.call("operator", "GET", `${base}/registrations/${ids[0]}/detail`)).json();
    const failing = d.rules.product.filter((r: { pass: boolean }) => !r.pass);
    expect(failing.map((r: { code: string }) => r.code)).toEqual(["product.seven_day_return"]);
    const missing = await api.call("operator", "GET", `${base}/registrations/nope/detail`);
    expect(missing.statusCode).toBe(404);
  });
});
