import { readFile } from "node:fs/promises";
import { beforeEach, expect, it } from "vitest";
import {
  CAMPAIGN,
  freshApi,
  registrationsUrl,
  seedFacts,
  type TestApi,
} from "../../test/support/api.js";
import { REFERENCE_CAMPAIGN } from "../../test/support/app.js";
import { describeStores } from "../../test/support/stores.js";
import { validProduct } from "../domain/eligibility/fixtures.js";

describeStores("HTTP API", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind);
    await seedFacts(api);
  });

  const register = (token: "m1" | "m2", merchantId: string, productIds: string[]) =>
    api.call(token, "POST", registrationsUrl(merchantId), {
      products: productIds.map((productId) => ({ productId })),
    });

  it("answers /healthz and serves the OpenAPI document without a token", async () => {
    expect((await api.call(null, "GET", "/healthz")).statusCode).toBe(200);
    const doc = await api.call(null, "GET", "/api/openapi.json");
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toContain("/api/v1/campaigns/{campaignId}/merchants/{merchantId}/registrations");
    expect(paths).toContain("/api/v1/campaigns/{campaignId}/review-queue");
    expect((await api.call(null, "GET", "/docs/json")).statusCode).toBe(200);
  });

  it("answers 401 without a valid token on every other /api/ path, known or not", async () => {
    for (const url of ["/api/v1/campaigns", "/api/v1/nope", "/api/anything"]) {
      expect((await api.call(null, "GET", url)).statusCode).toBe(401);
    }
    const bad = await api.server.inject({
      method: "GET",
      url: "/api/v1/campaigns",
      headers: { authorization: "Bearer gala_not-a-real-token" },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ error: { code: "unauthorized" } });
    expect((await api.call("m1", "GET", "/api/v1/nope")).statusCode).toBe(404);
  });

  it("decides on the route the router matched, however the path is spelled", async () => {
    // The router decodes percent-escapes: these reach the API's routes, so they need a token.
    for (const url of ["/%61pi/v1/campaigns", "/api/v1/%63ampaigns", "/%61%70%69/v1/nope"]) {
      const r = await api.call(null, "GET", url);
      expect({ url, status: r.statusCode }).toEqual({ url, status: 401 });
    }
    const other = await api.call(
      "m1",
      "GET",
      `/api/v1/campaigns/${CAMPAIGN}/merchants/%6D2/registrations`,
    );
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: { code: "other_merchant" } });
    const own = await api.call(
      "m1",
      "GET",
      `/%61pi/v1/campaigns/${CAMPAIGN}/merchants/m1/registrations`,
    );
    expect(own.statusCode).toBe(200);
  });

  it("names every answer's request id: the caller's when sane, else a new one", async () => {
    const given = { "x-request-id": "trace-42" };
    const answers = await Promise.all([
      api.server.inject({ method: "GET", url: "/healthz", headers: given }),
      api.server.inject({ method: "GET", url: "/api/v1/campaigns", headers: given }),
      api.server.inject({
        method: "GET",
        url: "/api/v1/nope",
        headers: { ...given, authorization: `Bearer ${api.tokens.m1}` },
      }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 401, 404]);
    for (const a of answers) expect(a.headers["x-request-id"]).toBe("trace-42");
    const fresh = await api.server.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "no spaces allowed" },
    });
    expect(fresh.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("registers, reads back with reasons, reviews, and shows the venue", async () => {
    await api.call("platform", "PUT", "/api/v1/facts/products", {
      products: [{ ...validProduct("m1-bad", "m1"), nonFreeShippingRegions: ["CN-GD", "CN-XJ"] }],
    });
    const res = await register("m1", "m1", ["m1-p0", "m1-bad"]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ pending_review: 1, rejected: 1, refused: 0 });
    expect(body.registeredAt).toBe("2024-02-10T10:00:00+08:00");
    expect(body.reviewDueAt).toBe("2024-02-13T10:00:00+08:00");
    expect(body.results[1].failures).toMatchObject([
      { rule: "product.free_shipping", actual: ["CN-GD"] },
    ]);

    const mine = await api.call("m1", "GET", `${registrationsUrl("m1")}?state=rejected`);
    expect(mine.json().items).toMatchObject([
      { productId: "m1-bad", failures: [{ rule: "product.free_shipping" }] },
    ]);

    const queue = await api.call("operator", "GET", `/api/v1/campaigns/${CAMPAIGN}/review-queue`);
    expect(queue.json().items).toMatchObject([{ productId: "m1-p0", dueStatus: "on_track" }]);
    const id = queue.json().items[0].id;
    const approve = await api.call("operator", "POST", `/api/v1/registrations/${id}/review`, {
      decision: "approve",
    });
    expect(approve.json()).toMatchObject({ outcome: "approved" });
    const again = await api.call("operator", "POST", `/api/v1/registrations/${id}/review`, {
      decision: "approve",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      error: { code: "not_pending_review", details: { state: "approved" } },
    });

    const audit = await api.call("m1", "GET", `/api/v1/registrations/${id}/audit`);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual([
      "register",
      "review.approve",
    ]);

    const venue = await api.call("channel", "GET", `/api/v1/campaigns/${CAMPAIGN}/venue`);
    expect(venue.json()).toMatchObject({
      running: true,
      items: [{ productId: "m1-p0", weight: 1, priceFen: 2990 }],
    });
  });

  it("refuses facts that hand a product to another merchant, writing none of the call", async () => {
    const before = await api.call("m1", "GET", "/api/v1/merchants/m1/products?limit=1000");
    const res = await api.call("platform", "PUT", "/api/v1/facts/products", {
      products: [
        { ...validProduct("m1-new", "m1") },
        { ...validProduct("m1-p0", "m2"), title: "moved" },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: "product_merchant_changed",
      details: { products: [{ id: "m1-p0", stored: "m1", sent: "m2" }] },
    });
    expect(res.json().error.message).toContain("m1-p0 (m1, sent as m2)");
    // Nothing of the call was written: m1 keeps its product, and the new one is not there.
    expect(
      (await api.call("m1", "GET", "/api/v1/merchants/m1/products?limit=1000")).json(),
    ).toEqual(before.json());
    const settings = await api.call("m2", "PATCH", "/api/v1/merchants/m2/products/m1-p0/settings", {
      shippingGuaranteeHours: 24,
    });
    expect(settings.statusCode).toBe(403);
  });

  it("answers 400 naming the path of every bad field", async () => {
    const res = await api.call("platform", "PUT", "/api/v1/facts/products", {
      products: [
        validProduct("ok", "m1"),
        { ...validProduct("x", "m1"), priceFen: 12.5, shippingGuaranteeHours: 36 },
        { merchantId: "m1" },
      ],
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .error.issues.map((i: { path: string }) => i.path)
      .sort();
    expect(paths).toEqual([
      "products[1].priceFen",
      "products[1].shippingGuaranteeHours",
      "products[2].id",
    ]);
    // The fact schema `gala check` reads: out of range is refused here, invalid there.
    const merchants = await api.call("platform", "PUT", "/api/v1/facts/merchants", {
      merchants: [
        { id: "m1", pickupRate48h: 1.5, violationPoints: -5 },
        { id: "m2", depositFen: "300000", tradeMedal: "AAAAAA" },
      ],
    });
    expect(merchants.statusCode).toBe(400);
    expect(
      merchants
        .json()
        .error.issues.map((i: { path: string; message: string }) => [i.path, i.message]),
    ).toEqual([
      ["merchants[0].pickupRate48h", "must be a number from 0 to 1"],
      ["merchants[0].violationPoints", "must be a number ≥ 0"],
      ["merchants[1].tradeMedal", "must be one of none, A, AA, AAA, AAAA, AAAAA"],
      ["merchants[1].depositFen", "must be a whole number ≥ 0"],
    ]);
    const prices = await api.call("platform", "PUT", "/api/v1/facts/products", {
      products: [{ ...validProduct("x", "m1"), activityPriceFen: -1, lowestPrice30dFen: 9.5 }],
    });
    expect(
      prices.json().error.issues.map((i: { path: string; message: string }) => [i.path, i.message]),
    ).toEqual([
      ["products[0].activityPriceFen", "must be a whole number ≥ 0"],
      ["products[0].lowestPrice30dFen", "must be a whole number ≥ 0"],
    ]);
    const unknown = await api.call("m1", "PATCH", "/api/v1/merchants/m1/products/m1-p0/settings", {
      shippingGuaranteeHours: 36,
      violationPoints: 0,
    });
    expect(unknown.json().error.issues).toMatchObject([
      { path: "shippingGuaranteeHours", message: "must be 24 or 48 (hours)" },
      { path: "violationPoints", code: "unrecognized_keys" },
    ]);
    const empty = await api.call("m1", "POST", registrationsUrl("m1"), { products: [] });
    expect(empty.json().error.issues).toMatchObject([{ in: "body", path: "products" }]);
    const query = await api.call(
      "operator",
      "GET",
      `/api/v1/campaigns/${CAMPAIGN}/review-queue?due=later&limit=0`,
    );
    expect(
      query
        .json()
        .error.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(["due", "limit"]);
  });

  it("answers 400, never 500, for malformed bodies", async () => {
    const raw = await api.server.inject({
      method: "POST",
      url: registrationsUrl("m1"),
      headers: { authorization: `Bearer ${api.tokens.m1}`, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.json()).toMatchObject({ error: { code: "invalid_json" } });
    const events = (payload: string) =>
      api.server.inject({
        method: "POST",
        url: "/api/v1/events",
        headers: {
          authorization: `Bearer ${api.tokens.channel}`,
          "content-type": "application/json; charset=utf-8",
        },
        payload,
      });
    // Valid JSON carrying a prototype-poisoning key is refused too, and the message says so.
    const poisoned = await events(
      '[{"type":"clock","at":"2024-02-10T10:00:00+08:00","__proto__":{"admin":true}}]',
    );
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json().error.code).toBe("invalid_json");
    expect(poisoned.json().error.message).toContain('"__proto__"');
    // Nested past the limit: refused before anything walks it again (it was a 500).
    const deep = `[{"type":"clock","at":"2024-02-10T10:00:00+08:00","x":${"[".repeat(100_000)}${"]".repeat(100_000)}}]`;
    const tooDeep = await events(deep);
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.json().error).toMatchObject({ code: "json_too_deep" });
    const text = await api.server.inject({
      method: "POST",
      url: registrationsUrl("m1"),
      headers: { authorization: `Bearer ${api.tokens.m1}`, "content-type": "text/plain" },
      payload: "hello",
    });
    // fetch sends a string body as text/plain unless told otherwise: say what to send, as for
    // any other type (it was a 400 "expected object, received string" on a body that was JSON).
    expect(text.statusCode).toBe(415);
    expect(text.json().error).toMatchObject({
      code: "unsupported_media_type",
      message: expect.stringContaining("Content-Type: application/json"),
    });
    const form = await api.server.inject({
      method: "POST",
      url: registrationsUrl("m1"),
      headers: {
        authorization: `Bearer ${api.tokens.m1}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: "products=m1-p0",
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().error).toMatchObject({
      code: "unsupported_media_type",
      message: expect.stringContaining("Content-Type: application/json"),
    });
    // A path that is not valid percent-encoding: refused before routing, in the same shape.
    const badUrl = await api.server.inject({ method: "GET", url: "/api/v1/campaigns/%ZZ" });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toMatchObject({ error: { code: "bad_url" } });
    const cursor = await api.call(
      "operator",
      "GET",
      `/api/v1/campaigns/${CAMPAIGN}/review-queue?cursor=%%%`,
    );
    expect(cursor.statusCode).toBe(400);
    // Every paged read answers a cursor it did not give the same way.
    const paged = ["review-queue", "orders", "claims/held", "venue", "venue/browse"];
    for (const path of [...paged, "merchants/m1/catalogue", "merchants/m1/registrations"]) {
      const r = await api.call(
        "operator",
        "GET",
        `/api/v1/campaigns/${CAMPAIGN}/${path}?cursor=bm9wZQ`,
      );
      expect([path, r.statusCode, r.json().error?.code]).toEqual([path, 400, "bad_cursor"]);
    }
  });

  it("answers 404 for unknown campaigns, products and registrations", async () => {
    expect(
      (
        await api.call("m1", "POST", `/api/v1/campaigns/nope/merchants/m1/registrations`, {
          products: [{ productId: "m1-p0" }],
        })
      ).statusCode,
    ).toBe(404);
    const ghost = await register("m1", "m1", ["m1-p0", "ghost"]);
    expect(ghost.statusCode).toBe(404);
    expect(ghost.json()).toMatchObject({
      error: { code: "product_not_found", details: { productIds: ["ghost"] } },
    });
    expect((await api.call("operator", "GET", "/api/v1/registrations/nope")).statusCode).toBe(404);
    // A long id is a bad campaign id, named as such, not an unknown route.
    const long = await api.call("operator", "GET", `/api/v1/campaigns/${"x".repeat(300)}`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toMatchObject({
      code: "invalid_request",
      message: "the request's path has 1 problem: see issues",
      issues: [{ in: "params", path: "campaignId", code: "too_big" }],
    });
    expect(
      (
        await api.call("operator", "POST", "/api/v1/registrations/nope/review", {
          decision: "approve",
        })
      ).statusCode,
    ).toBe(404);
  });

  it("answers 403 for another merchant's products or registrations", async () => {
    expect((await register("m1", "m1", ["m1-p0", "m2-p0"])).statusCode).toBe(403);
    expect((await register("m1", "m2", ["m2-p0"])).statusCode).toBe(403);
    const theirs = (await register("m2", "m2", ["m2-p0"])).json().results[0].registrationId;
    expect((await api.call("m1", "GET", `/api/v1/registrations/${theirs}`)).statusCode).toBe(403);
    expect((await api.call("m1", "GET", `/api/v1/registrations/${theirs}/audit`)).statusCode).toBe(
      403,
    );
    expect((await api.call("m2", "GET", `/api/v1/registrations/${theirs}`)).statusCode).toBe(200);
    const settings = await api.call("m1", "PATCH", "/api/v1/merchants/m1/products/m2-p0/settings", {
      sevenDayReturn: true,
    });
    expect(settings.statusCode).toBe(403);
  });

  it("reads back the fact snapshots a registration was judged on, only the owner's", async () => {
    const id = (await register("m1", "m1", ["m1-p0"])).json().results[0].registrationId;
    const view = (await api.call("m1", "GET", `/api/v1/registrations/${id}`)).json();
    const product = await api.call("m1", "GET", `/api/v1/fact-snapshots/${view.snapshots.product}`);
    expect(product.json()).toMatchObject({
      kind: "product",
      subjectId: "m1-p0",
      facts: { id: "m1-p0" },
    });
    const merchant = await api.call(
      "operator",
      "GET",
      `/api/v1/fact-snapshots/${view.snapshots.merchant}`,
    );
    expect(merchant.json()).toMatchObject({ kind: "merchant", subjectId: "m1" });
    expect(
      (await api.call("m2", "GET", `/api/v1/fact-snapshots/${view.snapshots.product}`)).statusCode,
    ).toBe(403);
    expect(
      (await api.call("m1", "GET", `/api/v1/fact-snapshots/${"0".repeat(64)}`)).statusCode,
    ).toBe(404);
    expect((await api.call("m1", "GET", "/api/v1/fact-snapshots/xyz")).statusCode).toBe(400);
  });

  it("answers 422 outside the registration window, naming it", async () => {
    api.clock.set(Date.parse("2024-02-17T00:00:00+08:00"));
    const res = await register("m1", "m1", ["m1-p0"]);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: {
        code: "registration_window_closed",
        details: {
          when: "closed",
          window: {
            start: "2023-01-09T00:00:00+08:00",
            end: "2024-02-16T23:59:59+08:00",
            declared: { end: "2024-02-16 23:59:59" },
          },
          at: "2024-02-17T00:00:00+08:00",
        },
      },
    });
    api.clock.set(Date.parse("2024-02-16T23:59:59.999+08:00"));
    expect((await register("m1", "m1", ["m1-p0"])).statusCode).toBe(200);
  });

  it("lets a merchant fix its own settings and register again; merchant facts stay the platform's", async () => {
    await api.call("m1", "PATCH", "/api/v1/merchants/m1/products/m1-p0/settings", {
      sevenDayReturn: false,
    });
    expect((await register("m1", "m1", ["m1-p0"])).json().results[0]).toMatchObject({
      outcome: "rejected",
    });
    const fix = await api.call("m1", "PATCH", "/api/v1/merchants/m1/products/m1-p0/settings", {
      sevenDayReturn: true,
    });
    expect(fix.statusCode).toBe(200);
    expect((await register("m1", "m1", ["m1-p0"])).json().results[0]).toMatchObject({
      outcome: "pending_review",
    });
    const points = await api.call("m1", "PATCH", "/api/v1/merchants/m1/products/m1-p0/settings", {
      violationPoints: 0,
    });
    expect(points.statusCode).toBe(400);
    expect(
      (await api.call("m1", "PUT", "/api/v1/facts/merchants", { merchants: [{ id: "m1" }] }))
        .statusCode,
    ).toBe(403);
  });

  it("reviews in bulk with a reason to reject, and the audit log reads back", async () => {
    const ids = (await register("m1", "m1", ["m1-p0", "m1-p1"]))
      .json()
      .results.map((r: { registrationId: string }) => r.registrationId);
    const noReason = await api.call("operator", "POST", `/api/v1/campaigns/${CAMPAIGN}/reviews`, {
      decisions: [{ registrationId: ids[0], decision: "reject" }],
    });
    expect(noReason.statusCode).toBe(400);
    const bulk = await api.call("operator", "POST", `/api/v1/campaigns/${CAMPAIGN}/reviews`, {
      decisions: [
        { registrationId: ids[0], decision: "approve" },
        { registrationId: ids[1], decision: "reject", reason: "主图含违规文字" },
      ],
    });
    expect(bulk.json()).toMatchObject({
      counts: { approved: 1, rejected_at_review: 1, refused: 0 },
    });
    const log = await api.call("operator", "GET", `/api/v1/campaigns/${CAMPAIGN}/audit?limit=4`);
    expect(log.json().items.map((e: { action: string }) => e.action)).toEqual([
      "register.call",
      "register",
      "register",
      "review.approve",
    ]);
    const next = await api.call(
      "operator",
      "GET",
      `/api/v1/campaigns/${CAMPAIGN}/audit?after=${log.json().nextCursor}`,
    );
    expect(next.json().items).toMatchObject([
      { action: "review.reject", reason: "主图含违规文字", actor: { role: "operator" } },
    ]);
  });

  it("registers thousands of products in one call", async () => {
    const products = Array.from({ length: 3000 }, (_, i) => validProduct(`bulk-${i}`, "m1"));
    expect(
      (await api.call("platform", "PUT", "/api/v1/facts/products", { products })).statusCode,
    ).toBe(200);
    const res = await register(
      "m1",
      "m1",
      products.map((p) => p.id as string),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().counts.pending_review).toBe(3000);
  });

  it("lets operators upload a new campaign version and refuses a broken one with its problems", async () => {
    const bad = await api.call("operator", "POST", "/api/v1/campaigns", {
      source: "id: [unclosed",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_campaign");
    // Aliases of aliases that would expand into billions of values: a 400, not a 500.
    let laughs = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 1, prev = "a"; i < 10; prev = `b${i}`, i++) {
      laughs += `b${i}: &b${i} [${Array(9).fill(`*${prev}`).join(",")}]\n`;
    }
    const bomb = await api.call("operator", "POST", "/api/v1/campaigns", { source: laughs });
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().error.issues[0].path).toContain("YAML aliases");
    const checked = await api.call("operator", "POST", "/api/v1/campaigns/validate", {
      source: laughs,
    });
    expect(checked.json()).toMatchObject({ ok: false, problems: [{ path: "(YAML aliases)" }] });
    const source = (await readFile(REFERENCE_CAMPAIGN, "utf8")).replace(/\n$/, "\n# rev 2\n");
    api.clock.advance(60_000); // versions are listed newest first
    const up = await api.call("operator", "POST", "/api/v1/campaigns", {
      source,
      sourceName: "rev2.yaml",
    });
    expect(up.statusCode).toBe(201);
    const same = await api.call("operator", "POST", "/api/v1/campaigns", {
      source,
      sourceName: "rev2.yaml",
    });
    expect(same.statusCode).toBe(200);
    const versions = await api.call("operator", "GET", `/api/v1/campaigns/${CAMPAIGN}/versions`);
    expect(versions.json().items).toMatchObject([
      { sourceName: "rev2.yaml", current: true, loadedBy: expect.stringMatching(/^operator:/) },
      { current: false },
    ]);
    const current = await api.call("channel", "GET", `/api/v1/campaigns/${CAMPAIGN}`);
    expect(current.json()).toMatchObject({
      hash: up.json().campaign.hash,
      registrationOpen: true,
      running: true,
    });
    expect((await api.call("m1", "POST", "/api/v1/campaigns", { source })).statusCode).toBe(403);
  });
});
