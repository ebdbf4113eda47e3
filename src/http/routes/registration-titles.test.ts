/** Registration views name the product by its title (an additive field), in both lists people read. */
import { beforeEach, expect, it } from "vitest";
import {
  CAMPAIGN,
  freshApi,
  registrationsUrl,
  seedFacts,
  type TestApi,
} from "../../../test/support/api.js";
import { describeStores } from "../../../test/support/stores.js";
import { validProduct } from "../../domain/eligibility/fixtures.js";

describeStores("registration titles", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind);
    await seedFacts(api, 2);
    const titled = { ...validProduct("m1-p0", "m1"), title: "纯棉毛巾礼盒" };
    await api.call("platform", "PUT", "/api/v1/facts/products", { products: [titled] });
    const r = await api.call("m1", "POST", registrationsUrl("m1"), {
      products: [{ productId: "m1-p0" }, { productId: "m1-p1" }],
    });
    expect(r.statusCode).toBe(200);
  });

  it("shows the title in the merchant's registrations, the review queue and one registration", async () => {
    const mine = (await api.call("m1", "GET", registrationsUrl("m1"))).json();
    const byId = new Map(mine.items.map((r: { productId: string }) => [r.productId, r]));
    expect(byId.get("m1-p0")).toMatchObject({ title: "纯棉毛巾礼盒" });
    expect(byId.get("m1-p1")).toMatchObject({ title: validProduct("m1-p1", "m1").title });
    const queue = (
      await api.call("operator", "GET", `/api/v1/campaigns/${CAMPAIGN}/review-queue`)
    ).json();
    expect(queue.items.map((r: { title: string }) => r.title)).toContain("纯棉毛巾礼盒");
    const id = (byId.get("m1-p0") as { id: string }).id;
    const one = (await api.call("m1", "GET", `/api/v1/registrations/${id}`)).json();
    expect(one).toMatchObject({ productId: "m1-p0", title: "纯棉毛巾礼盒" });
  });
});
