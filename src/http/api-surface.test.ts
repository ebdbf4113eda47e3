/**
 * What every route promises beyond its own schema (api-surface.ts): unknown query parameters
 * refused by name, 405 with Allow for a known path's missing method, and the document saying
 * so — every operation with a summary, an operationId, its security and its error answers.
 */
import { beforeAll, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../test/support/api.js";
import { describeStores } from "../../test/support/stores.js";

describeStores("the API's surface", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await freshApi(kind);
  });

  it("refuses an unknown query parameter with a 400 naming it", async () => {
    const res = await api.call("operator", "GET", "/api/v1/campaigns?limt=5");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([
      {
        in: "querystring",
        path: "limt",
        code: "unrecognized_keys",
        message: 'unknown field "limt"',
      },
    ]);
    // A route with parameters of its own refuses the ones it lacks, and still takes its own.
    const page = `/api/v1/campaigns/${CAMPAIGN}/audit`;
    expect((await api.call("operator", "GET", `${page}?limit=5`)).statusCode).toBe(200);
    const typo = await api.call("operator", "GET", `${page}?limit=5&afer=3`);
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.issues.map((i: { path: string }) => i.path)).toEqual(["afer"]);
  });

  it("answers a known path's missing method 405 with Allow, to anyone", async () => {
    for (const token of [null, "operator"] as const) {
      const res = await api.call(token, "DELETE", `/api/v1/campaigns/${CAMPAIGN}`);
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe("GET, HEAD");
      expect(res.json().error.code).toBe("method_not_allowed");
    }
    const events = await api.call("channel", "GET", "/api/v1/events");
    expect(events.statusCode).toBe(405);
    expect(events.headers.allow).toBe("POST");
    const health = await api.call(null, "POST", "/healthz");
    expect(health.statusCode).toBe(405);
    expect(health.headers.allow).toBe("GET, HEAD");
    const session = await api.call(null, "PUT", "/api/v1/session");
    expect(session.headers.allow).toBe("DELETE, GET, HEAD, POST");
  });

  it("keeps 404 and 401 for paths that do not exist", async () => {
    expect((await api.call("operator", "GET", "/api/v1/nowhere")).statusCode).toBe(404);
    expect((await api.call(null, "GET", "/api/v1/nowhere")).statusCode).toBe(401);
    expect((await api.call(null, "DELETE", "/api/v1/nowhere")).statusCode).toBe(401);
  });

  it("documents every operation: summary, operationId, security, a 4xx, servers", async () => {
    const doc = (await api.call(null, "GET", "/api/openapi.json")).json();
    expect(doc.servers).toEqual([{ url: "/", description: expect.any(String) }]);
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method} ${path}`;
        expect(op.summary, where).toEqual(expect.any(String));
        expect(ids.has(op.operationId as string), where).toBe(false);
        ids.add(op.operationId as string);
        expect(op.security, where).toBeDefined();
        const statuses = Object.keys(op.responses as object);
        expect(statuses, where).toContain("400");
        if (path !== "/healthz") expect(statuses, where).toContain("503");
      }
    }
    const session = doc.paths["/api/v1/session"];
    expect(session.post.security).toEqual([]);
    expect(session.get.security).toEqual([{ session: [] }]);
    expect(doc.paths["/api/v1/me"].get.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(doc.paths["/api/v1/me"].get.responses).toHaveProperty("401");
    expect(doc.paths["/api/v1/events"].post.responses).toHaveProperty("413");
    // A CSV export is CSV; its refusals are JSON like every error.
    const csv = doc.paths["/api/v1/campaigns/{campaignId}/exports/{file}"].get.responses;
    expect(Object.keys(csv["200"].content)).toEqual(["text/csv"]);
    expect(Object.keys(csv["404"].content)).toEqual(["application/json"]);
  });
});
