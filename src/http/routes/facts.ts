/**
 * Facts: the platform pushes merchant and product snapshots in bulk; a merchant reads its own
 * and changes the product settings it controls.
 */
import { z } from "zod";
import type { AppContext } from "../../app/context.js";
import { readMerchantFacts, readMerchantProducts, readSnapshot } from "../../app/facts/read.js";
import { updateProductSettings } from "../../app/facts/settings.js";
import { upsertMerchants, upsertProducts } from "../../app/facts/upsert.js";
import { actorOf } from "../auth.js";
import { errorBody, sendFailure } from "../errors.js";
import { ErrorBody, errorResponses, Id, MerchantParams } from "../schemas/common.js";
import { MerchantFactsBatch, ProductFactsBatch, ProductSettings } from "../schemas/facts.js";
import type { App } from "../types.js";

const Upserted = z.object({
  upserted: z.number(),
  compliance: z
    .object({ suspended: z.number(), restored: z.number() })
    .describe(
      "listings of approved registrations suspended or restored because these facts changed (recheck: continuous)",
    ),
});
const FactsView = z.object({ snapshotHash: z.string(), facts: z.record(z.string(), z.unknown()) });
const SnapshotView = z.object({
  hash: z.string(),
  kind: z.enum(["merchant", "product"]),
  subjectId: z.string(),
  facts: z.record(z.string(), z.unknown()),
});
const ProductsPage = z.object({ items: z.array(FactsView), nextCursor: z.string().nullable() });
const ProductsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: Id.optional().describe("last product id of the previous page"),
});
const OWN = { roles: ["merchant", "operator", "platform"] as const, merchantParam: "merchantId" };

export function factRoutes(app: App, ctx: AppContext): void {
  app.put(
    "/api/v1/facts/merchants",
    {
      config: { roles: ["platform"] },
      schema: {
        tags: ["facts"],
        summary: "Upsert merchant fact snapshots in bulk (platform)",
        body: MerchantFactsBatch,
        response: { 200: Upserted },
      },
    },
    async (request, reply) => {
      const r = await upsertMerchants(ctx, request.body.merchants, actorOf(request));
      return r.ok ? r.value : sendFailure(reply, r.failure);
    },
  );

  app.put(
    "/api/v1/facts/products",
    {
      config: { roles: ["platform"] },
      schema: {
        tags: ["facts"],
        summary: "Upsert product fact snapshots in bulk (platform)",
        description:
          "All or nothing. 409 `product_merchant_changed` when a product already stored would change merchant: a product keeps the merchant it was first sent with.",
        body: ProductFactsBatch,
        response: { 200: Upserted, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const r = await upsertProducts(ctx, request.body.products, actorOf(request));
      return r.ok ? r.value : sendFailure(reply, r.failure);
    },
  );

  app.get(
    "/api/v1/merchants/:merchantId",
    {
      config: OWN,
      schema: {
        tags: ["facts"],
        summary: "A merchant's current facts",
        params: MerchantParams,
        response: { 200: FactsView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const read = await readMerchantFacts(ctx, request.params.merchantId);
      if (!read)
        return reply.code(404).send(errorBody("merchant_not_found", "no facts for this merchant"));
      return read;
    },
  );

  app.get(
    "/api/v1/merchants/:merchantId/products",
    {
      config: OWN,
      schema: {
        tags: ["facts"],
        summary: "A merchant's products and their current facts, by product id",
        params: MerchantParams,
        querystring: ProductsQuery,
        response: { 200: ProductsPage },
      },
    },
    async (request) => {
      return readMerchantProducts(ctx, request.params.merchantId, request.query);
    },
  );

  app.patch(
    "/api/v1/merchants/:merchantId/products/:productId/settings",
    {
      config: { roles: ["merchant", "platform"], merchantParam: "merchantId" },
      schema: {
        tags: ["facts"],
        summary:
          "Change the settings a merchant controls (free-shipping regions, shipping guarantee, 7-day return, e-waybill, escrow)",
        params: z.object({ merchantId: Id, productId: Id }),
        body: ProductSettings,
        response: { 200: FactsView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { merchantId, productId } = request.params;
      const r = await updateProductSettings(
        ctx,
        actorOf(request),
        merchantId,
        productId,
        request.body,
      );
      return r.ok
        ? { snapshotHash: r.value.snapshotHash, facts: r.value.facts }
        : sendFailure(reply, r.failure);
    },
  );

  app.get(
    "/api/v1/fact-snapshots/:hash",
    {
      config: { roles: ["merchant", "operator", "platform"] },
      schema: {
        tags: ["facts"],
        summary: "A stored fact snapshot by hash: the facts a registration was judged on",
        params: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, "a sha-256 in hex") }),
        response: { 200: SnapshotView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const snapshot = await readSnapshot(ctx, request.params.hash);
      if (!snapshot)
        return reply.code(404).send(errorBody("snapshot_not_found", "no such snapshot"));
      const { owner, facts } = snapshot;
      const actor = actorOf(request);
      if (actor.role === "merchant" && owner !== actor.merchantId) {
        return reply
          .code(403)
          .send(
            errorBody("other_merchant", `this token acts for merchant ${actor.merchantId} only`),
          );
      }
      return {
        hash: request.params.hash,
        kind: snapshot.kind,
        subjectId: snapshot.subjectId,
        facts,
      };
    },
  );
}
