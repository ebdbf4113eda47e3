/**
 * A NUL character (U+0000) cannot be stored in PostgreSQL text: on every route, in a path
 * segment, a query value or a JSON body (key or value, at any depth), it is a 400 naming where,
 * on both stores; never a 500. The events route's body is the exception: there the route refuses
 * a bad event by itself, so one event does not fail its batch.
 */
import type { LightMyRequestResponse } from "fastify";
import { beforeAll, expect, it } from "vitest";
import { CAMPAIGN, freshApi, seedFacts, type TestApi } from "../../test/support/api.js";
import { describeStores } from "../../test/support/stores.js";

const NUL = "\u0000";
const TOKENS = ["operator", "platform", "channel", "m1"] as const;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface Operation {
  method: Method;
  /** OpenAPI form: `/api/v1/campaigns/{campaignId}`. */
  path: string;
  params: string[];
  hasBody: boolean;
}

/** Every operation of the OpenAPI document: the registered routes (bar the console's files). */
async function operations(api: TestApi): Promise<Operation[]> {
  const doc = (await api.call(null, "GET", "/api/openapi.json")).json() as {
    paths: Record<string, Record<string, { requestBody?: unknown }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase() as Method,
      path,
      params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
      hasBody: op.requestBody !== undefined,
    })),
  );
}

/** The operation's URL with `nulIn` holding a NUL and every other parameter a plain value. */
function urlOf(op: Operation, nulIn?: string): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === nulIn) return encodeURIComponent(`a${NUL}b`);
    if (name === "merchantId") return "m1"; // so a merchant token gets past its own check
    if (name === "campaignId") return CAMPAIGN;
    return "x";
  });
}

const nulIssue = (where: string, path: string) => ({
  error: {
    code: "invalid_request",
    issues: expect.arrayContaining([
      expect.objectContaining({ in: where, path, code: "nul_character" }),
    ]),
  },
});

/** True when this answer is the NUL check's 400 naming `path` in `where`. */
function namesNul(res: LightMyRequestResponse, where: string, path: string): boolean {
  if (res.statusCode !== 400) return false;
  const issues = (res.json() as { error: { issues?: Array<Record<string, string>> } }).error.issues;
  return (issues ?? []).some(
    (i) => i.in === where && i.path === path && i.code === "nul_character",
  );
}

describeStores("NUL characters in requests", (kind) => {
  let api: TestApi;
  let ops: Operation[];
  beforeAll(async () => {
    api = await freshApi(kind);
    await seedFacts(api);
    ops = await operations(api);
  });

  /** Sends the request with every token; none may fail with 5xx; returns the answers. */
  async function withEveryToken(
    method: Method,
    url: string,
    payload?: string,
  ): Promise<LightMyRequestResponse[]> {
    const answers: LightMyRequestResponse[] = [];
    for (const token of [null, ...TOKENS]) {
      const res = await api.server.inject({
        method,
        url,
        headers: {
          ...(token ? { authorization: `Bearer ${api.tokens[token]}` } : {}),
          ...(payload === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(payload === undefined ? {} : { payload }),
      });
      expect({ method, url, token, status: res.statusCode }).not.toMatchObject({
        status: expect.toSatisfy((s: number) => s >= 500),
      });
      answers.push(res);
    }
    return answers;
  }

  it("covers the routes it means to", () => {
    const names = ops.map((o) => `${o.method} ${o.path}`);
    expect(names).toContain("POST /api/v1/session");
    expect(names).toContain("GET /api/v1/campaigns/{campaignId}/merchants/{merchantId}/orders");
    expect(ops.length).toBeGreaterThan(40);
  });

  it("refuses a NUL in any path parameter with a 400 naming it", async () => {
    for (const op of ops) {
      for (const param of op.params) {
        const body = op.hasBody ? "{}" : undefined;
        const answers = await withEveryToken(op.method, urlOf(op, param), body);
        // A stranger still learns nothing: 401 before any 400.
        expect(answers[0]!.statusCode, `${op.method} ${op.path}`).toBe(401);
        // On a merchant-only route, the merchant's own check answers first: not its merchant.
        const refused = (r: LightMyRequestResponse) =>
          namesNul(r, "params", param) ||
          (param === "merchantId" && r.json().error?.code === "other_merchant");
        expect(answers.some(refused), `${op.method} ${op.path}: no 400 naming ${param}`).toBe(true);
      }
    }
  });

  it("refuses a NUL in any query value, known or not, with a 400 naming it", async () => {
    for (const op of ops) {
      const body = op.hasBody ? "{}" : undefined;
      const url = `${urlOf(op)}?cursor=${encodeURIComponent(`c${NUL}`)}&other=1`;
      const answers = await withEveryToken(op.method, url, body);
      expect(
        answers.some((r) => namesNul(r, "querystring", "cursor")),
        `${op.method} ${op.path}: no 400 naming the query's cursor`,
      ).toBe(true);
    }
  });

  it("refuses a NUL in any JSON body (value or key, at any depth) but the events batch", async () => {
    const bodies = [
      { payload: { source: `x${NUL}` }, path: "source" },
      {
        payload: { products: [{ productId: "p", replacesProductId: NUL }] },
        path: "products[0].replacesProductId",
      },
      {
        payload: { decisions: [{}, { [`re${NUL}ason`]: "x" }] },
        path: `decisions[1].re${NUL}ason`,
      },
    ];
    for (const op of ops.filter((o) => o.hasBody)) {
      for (const { payload, path } of bodies) {
        const answers = await withEveryToken(op.method, urlOf(op), JSON.stringify(payload));
        const named = answers.some((r) => namesNul(r, "body", path));
        expect(named, `${op.method} ${op.path} with ${path}`).toBe(op.path !== "/api/v1/events");
      }
    }
  });

  it("refuses a NUL in a sign-in name or password, before any look-up", async () => {
    for (const [field, body] of [
      ["username", { username: `admin${NUL}`, password: "whatever1" }],
      ["password", { username: "admin", password: `pass${NUL}word` }],
    ] as const) {
      const res = await api.call(null, "POST", "/api/v1/session", body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject(nulIssue("body", field));
    }
  });

  it("takes a NUL in headers, cookies and unknown paths without a 5xx", async () => {
    const escaped = encodeURIComponent(NUL);
    for (const headers of [
      { cookie: `gala_session=a${escaped}b; gala_csrf=${escaped}` },
      { cookie: `gala_session=x`, "x-csrf-token": escaped },
      { authorization: `Bearer gala_${escaped}` },
      { "x-request-id": `a${escaped}` },
      { "x-forwarded-for": `1.2.3.4${escaped}` },
    ]) {
      for (const [method, url] of [
        ["GET", "/api/v1/session"],
        ["DELETE", "/api/v1/session"],
        ["GET", "/api/v1/campaigns"],
        ["POST", `/api/v1/campaigns/${CAMPAIGN}/reviews`],
      ] as const) {
        const res = await api.server.inject({ method, url, headers });
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(headers)}`).toBeLessThan(500);
      }
    }
    for (const url of [
      `/api/v1/${escaped}`,
      `/${escaped}`,
      `/docs/${escaped}`,
      `/healthz?x=${escaped}`,
    ]) {
      const res = await api.call("operator", "GET", url);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });
});
