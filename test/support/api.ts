/**
 * An API under test: the Fastify app on a fresh store (driven with `inject`, no sockets), with a
 * token per role and two merchants, m1 and m2, each with facts and products.
 */
import type { LightMyRequestResponse } from "fastify";
import { createToken } from "../../src/app/tokens.js";
import { validMerchant, validProduct } from "../../src/domain/eligibility/fixtures.js";
import { buildServer } from "../../src/http/server.js";
import type { App } from "../../src/http/types.js";
import type { Store } from "../../src/store/open.js";
import { freshApp, type TestApp } from "./app.js";
import type { StoreKind } from "./stores.js";

export const CAMPAIGN = "spring-festival-2024";

export type TokenName = "m1" | "m2" | "operator" | "platform" | "channel";

export interface TestApi extends TestApp {
  server: App;
  tokens: Record<TokenName, string>;
  call(
    token: TokenName | null,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export async function freshApi(kind: StoreKind, now?: number, store?: Store): Promise<TestApi> {
  const app = await freshApp(kind, now, store);
  const server = await buildServer({
    store: app.ctx.store,
    clock: app.clock,
    campaigns: app.ctx.campaigns,
  });
  const mint = async (role: string, merchantId?: string) => {
    const r = await createToken(app.ctx.store.db, { role, merchantId: merchantId ?? null }, 0);
    if (!r.ok) throw new Error(r.failure.message);
    return r.value.secret;
  };
  const tokens: Record<TokenName, string> = {
    m1: await mint("merchant", "m1"),
    m2: await mint("merchant", "m2"),
    operator: await mint("operator"),
    platform: await mint("platform"),
    channel: await mint("channel"),
  };
  const call: TestApi["call"] = (token, method, url, body) =>
    server.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${tokens[token]}` } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return { ...app, server, tokens, call };
}

/** Facts for m1 and m2 and their products (`m1-p0`…, `m2-p0`…), pushed by the platform. */
export async function seedFacts(api: TestApi, productsPerMerchant = 3): Promise<void> {
  const merchants = [validMerchant("m1"), validMerchant("m2")];
  const products = ["m1", "m2"].flatMap((m) =>
    Array.from({ length: productsPerMerchant }, (_, i) => validProduct(`${m}-p${i}`, m)),
  );
  for (const [url, body] of [
    ["/api/v1/facts/merchants", { merchants }],
    ["/api/v1/facts/products", { products }],
  ] as const) {
    const res = await api.call("platform", "PUT", url, body);
    if (res.statusCode !== 200) throw new Error(`seeding ${url}: ${res.statusCode} ${res.body}`);
  }
}

export const registrationsUrl = (merchantId: string) =>
  `/api/v1/campaigns/${CAMPAIGN}/merchants/${merchantId}/registrations`;
