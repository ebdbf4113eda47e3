/**
 * Every bulk route takes its documented maximum (MAX_BULK items) in one call on both stores —
 * no statement may pass SQLite's 32,766 or PostgreSQL's 65,535 bound parameters — and answers
 * a 400 naming the list one item past it. (The events route has its own limit and test.)
 */
import { beforeAll, expect, it } from "vitest";
import { CAMPAIGN, freshApi, registrationsUrl, type TestApi } from "../../test/support/api.js";
import { describeStores } from "../../test/support/stores.js";
import { validMerchant, validProduct } from "../domain/eligibility/fixtures.js";
import { MAX_BULK } from "./schemas/facts.js";

const TIMEOUT = 240_000;
const REVIEWS = `/api/v1/campaigns/${CAMPAIGN}/reviews`;

function tooMany(res: { statusCode: number; json(): unknown }, list: string) {
  expect(res.statusCode).toBe(400);
  expect(res.json()).toMatchObject({
    error: { code: "invalid_request", issues: [{ in: "body", path: list, code: "too_big" }] },
  });
}

describeStores("bulk routes at their limit", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await freshApi(kind);
  }, TIMEOUT);

  it(
    `upserts ${MAX_BULK} merchants in one call, refuses one more`,
    async () => {
      const merchants = Array.from({ length: MAX_BULK }, (_, i) => validMerchant(`bm${i}`));
      const res = await api.call("platform", "PUT", "/api/v1/facts/merchants", { merchants });
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      expect(res.json()).toEqual({ upserted: MAX_BULK, compliance: { suspended: 0, restored: 0 } });
      // Every one is stored (and a second push of the same facts is an update, not a conflict).
      const again = await api.call("platform", "PUT", "/api/v1/facts/merchants", { merchants });
      expect(again.statusCode).toBe(200);
      const last = await api.call("platform", "GET", `/api/v1/merchants/bm${MAX_BULK - 1}`);
      expect(last.statusCode).toBe(200);
      merchants.push(validMerchant("one-more"));
      tooMany(
        await api.call("platform", "PUT", "/api/v1/facts/merchants", { merchants }),
        "merchants",
      );
    },
    TIMEOUT,
  );

  it(
    `upserts, registers and reviews ${MAX_BULK} products in one call each, refuses one more`,
    async () => {
      const seeded = await api.call("platform", "PUT", "/api/v1/facts/merchants", {
        merchants: [validMerchant("m1")],
      });
      expect(seeded.statusCode).toBe(200);
      const products = Array.from({ length: MAX_BULK }, (_, i) => validProduct(`p${i}`, "m1"));
      const put = await api.call("platform", "PUT", "/api/v1/facts/products", { products });
      expect(put.statusCode, put.body.slice(0, 500)).toBe(200);
      expect(put.json()).toEqual({ upserted: MAX_BULK, compliance: { suspended: 0, restored: 0 } });
      tooMany(
        await api.call("platform", "PUT", "/api/v1/facts/products", {
          products: [...products, validProduct("one-more", "m1")],
        }),
        "products",
      );

      const items = products.map((p) => ({ productId: p.id as string }));
      const registered = await api.call("m1", "POST", registrationsUrl("m1"), { products: items });
      expect(registered.statusCode, registered.body.slice(0, 500)).toBe(200);
      const outcome = registered.json() as {
        counts: Record<string, number>;
        results: Array<{ registrationId: string }>;
      };
      expect(outcome.counts).toEqual({ pending_review: MAX_BULK, rejected: 0, refused: 0 });
      tooMany(
        await api.call("m1", "POST", registrationsUrl("m1"), {
          products: [...items, { productId: "one-more" }],
        }),
        "products",
      );

      const decisions = outcome.results.map((r, i) => ({
        registrationId: r.registrationId,
        decision: i % 2 === 0 ? ("approve" as const) : ("reject" as const),
        reason: `bulk decision ${i}`,
      }));
      tooMany(
        await api.call("operator", "POST", REVIEWS, {
          decisions: [...decisions, { registrationId: "one-more", decision: "approve" }],
        }),
        "decisions",
      );
      const reviewed = await api.call("operator", "POST", REVIEWS, { decisions });
      expect(reviewed.statusCode, reviewed.body.slice(0, 500)).toBe(200);
      expect(reviewed.json().counts).toEqual({
        approved: MAX_BULK / 2,
        rejected_at_review: MAX_BULK / 2,
        refused: 0,
      });

      // The half rejected at review, each replaced by a new product in one call.
      const fresh = Array.from({ length: MAX_BULK / 2 }, (_, i) => validProduct(`q${i}`, "m1"));
      expect(
        (await api.call("platform", "PUT", "/api/v1/facts/products", { products: fresh }))
          .statusCode,
      ).toBe(200);
      const replacing = await api.call("m1", "POST", registrationsUrl("m1"), {
        products: fresh.map((p, i) => ({
          productId: p.id as string,
          replacesProductId: `p${2 * i + 1}`,
        })),
      });
      expect(replacing.statusCode, replacing.body.slice(0, 500)).toBe(200);
      expect(replacing.json().counts).toEqual({
        pending_review: MAX_BULK / 2,
        rejected: 0,
        refused: 0,
      });
    },
    TIMEOUT,
  );
});
