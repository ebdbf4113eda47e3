/**
 * The OpenAPI document is held to the server: for every operation it lists and every caller (no
 * token, a merchant on its own and on another merchant's data, operator, platform, channel, a
 * console session), fast-check makes requests from the operation's schemas — path, query and
 * body, valid and broken — and each answer must be a status the document lists for the
 * operation, never a 5xx, with a body its documented schema accepts.
 *
 * Bounded: GALA_FUZZ_RUNS requests per operation (default 6, so `npm test` stays quick; `.ci/run`
 * runs more), from the seed GALA_FUZZ_SEED (default fixed), so a failure replays.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import {
  CAMPAIGN,
  freshApi,
  registrationsUrl,
  seedFacts,
  type TestApi,
  type TokenName,
} from "../../test/support/api.js";
import { fulfilmentStory } from "../../test/support/fulfilment-events.js";
import { mutated, valid } from "../../test/support/fuzz/arbitrary.js";
import {
  dereferenced,
  type OpenApiDocument,
  type Operation,
  operationsOf,
} from "../../test/support/fuzz/operations.js";
import { describeStores } from "../../test/support/stores.js";
import { createUser } from "../app/users.js";
import { parseInstant } from "../domain/time/parse.js";

const RUNS = Number(process.env.GALA_FUZZ_RUNS ?? 6);
const SEED = Number(process.env.GALA_FUZZ_SEED ?? 20_240_210);

/** `session-no-csrf`: the operator's session cookie without the CSRF header (403 on writes). */
type Caller = TokenName | "none" | "session-operator" | "session-m1" | "session-no-csrf";
const CALLERS: Caller[] = [
  "none",
  "m1",
  "m2",
  "operator",
  "platform",
  "channel",
  "session-operator",
  "session-m1",
  "session-no-csrf",
];

describeStores("every operation of the OpenAPI document, fuzzed", (kind) => {
  let api: TestApi;
  let ops: Operation[];
  const known: Record<string, string[]> = {};
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  const validators = new Map<object, ReturnType<typeof ajv.compile>>();

  beforeAll(async () => {
    api = await freshApi(kind);
    await seedFacts(api);
    const registrations: string[] = [];
    for (const m of ["m1", "m2"] as const) {
      const res = await api.call(m, "POST", registrationsUrl(m), {
        products: [{ productId: `${m}-p0` }, { productId: `${m}-p1` }],
      });
      for (const r of res.json().results)
        if (r.registrationId) registrations.push(r.registrationId);
    }
    // Two days on, the story's deadlines have passed as its events arrive.
    api.clock.set(parseInstant("2024-02-12T10:00:00+08:00")!);
    const events = await api.call("channel", "POST", "/api/v1/events", fulfilmentStory());
    expect(events.statusCode).toBe(200);
    // o2 was never shipped: its late-shipment violation can be appealed.
    const appeal = await api.call(
      "m1",
      "POST",
      `/api/v1/campaigns/${CAMPAIGN}/merchants/m1/appeals`,
      {
        orderId: "o2",
        kind: "late_shipment",
        reason: "the courier lost the scan",
      },
    );
    const appeals = appeal.statusCode === 201 ? [appeal.json().appealId as string] : [];
    const snapshot = (await api.call("m1", "GET", "/api/v1/merchants/m1")).json().snapshotHash;
    const versions = (
      await api.call("operator", "GET", `/api/v1/campaigns/${CAMPAIGN}/versions`)
    ).json();
    for (const [username, role, merchantId] of [
      ["fuzz-operator", "operator", null],
      ["fuzz-m1", "merchant", "m1"],
    ] as const) {
      const made = await createUser(
        api.ctx.store.db,
        { username, password: "fuzz-password", role, merchantId },
        Date.now(),
      );
      if (!made.ok) throw new Error(made.failure.message);
      const res = await api.server.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { username, password: "fuzz-password" },
      });
      const cookies = [res.headers["set-cookie"]].flat().map((c) => String(c).split(";")[0]!);
      const csrf = cookies.find((c) => c.startsWith("gala_csrf="))!.slice("gala_csrf=".length);
      sessions[username === "fuzz-operator" ? "session-operator" : "session-m1"] = {
        cookie: cookies.join("; "),
        csrf,
      };
    }
    Object.assign(known, {
      campaignId: [CAMPAIGN],
      merchantId: ["m1", "m2"],
      productId: ["m1-p0", "m1-p2", "p1"],
      registrationId: registrations,
      appealId: appeals,
      orderId: ["o1", "o2", "o3"],
      refundId: ["r3"],
      hash: [snapshot, ...versions.items.map((v: { hash: string }) => v.hash)],
      username: ["fuzz-operator", "fuzz-m1"],
      file: ["orders.csv", "claims.csv", "violations.csv"],
      kind: ["late_shipment", "false_shipment"],
    });
    const doc = (await api.server.inject({ method: "GET", url: "/api/openapi.json" })).json();
    // Account changes (disabling the session's user, ending its sessions) and signing out go
    // last, so the session callers stay signed in for the other operations.
    const last = (op: Operation) => /^\/api\/v1\/(users|session)\b/.test(op.path);
    const all = operationsOf(dereferenced(doc as OpenApiDocument));
    ops = [...all.filter((op) => !last(op)), ...all.filter(last)];
  });

  it("lists operations to fuzz", () => {
    expect(ops.length).toBeGreaterThan(50);
  });

  // Operations are only known once the server is built: one test walks them all, naming each.
  it("answers every generated request with a documented status and body", async () => {
    const failures: string[] = [];
    const seen = new Map<string, number[]>();
    for (const op of ops) {
      const run = fc.check(
        fc.asyncProperty(requestOf(op), async (req) => {
          const res = await api.server.inject(req);
          seen.set(op.operationId, [...(seen.get(op.operationId) ?? []), res.statusCode]);
          const where = `${op.method} ${op.path} as ${req.caller}: ${req.method} ${req.url}`;
          if (res.statusCode >= 500) {
            throw new Error(`${where} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
          }
          const documented = op.responses[String(res.statusCode)];
          if (!documented) {
            throw new Error(
              `${where} answered ${res.statusCode}, which the document does not list (${Object.keys(op.responses).join(", ")}): ${res.body.slice(0, 300)}`,
            );
          }
          const schema = documented.content?.["application/json"]?.schema;
          const type = String(res.headers["content-type"] ?? "");
          const media = type.split(";")[0]!.trim();
          const promised = Object.keys(documented.content ?? {});
          if (res.body !== "" && promised.length > 0 && !promised.includes(media)) {
            throw new Error(
              `${where} answered ${res.statusCode} as ${media}, not as documented (${promised.join(", ")})`,
            );
          }
          if (schema && type.startsWith("application/json") && res.body !== "") {
            let validate = validators.get(schema);
            if (!validate) {
              validate = ajv.compile(schema);
              validators.set(schema, validate);
            }
            if (!validate(res.json())) {
              throw new Error(
                `${where} answered ${res.statusCode} with a body its schema refuses: ${ajv.errorsText(validate.errors)}; ${res.body.slice(0, 300)}`,
              );
            }
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      const outcome = await run;
      if (outcome.failed) {
        const cause = outcome.errorInstance instanceof Error ? outcome.errorInstance.message : "";
        failures.push(`${op.operationId}: ${cause}`);
      }
    }
    if (process.env.GALA_FUZZ_REPORT) {
      for (const [id, statuses] of seen) {
        const tally = new Map<number, number>();
        for (const s of statuses) tally.set(s, (tally.get(s) ?? 0) + 1);
        console.log(id, JSON.stringify(Object.fromEntries(tally)));
      }
    }
    // Every failing operation at once, each with the request that broke it.
    expect(failures).toEqual([]);
  }, 600_000);

  function requestOf(op: Operation) {
    const pathParams = op.parameters.filter((p) => p.in === "path");
    const queryParams = op.parameters.filter((p) => p.in === "query");
    const pathArb = fc.record(
      Object.fromEntries(
        pathParams.map((p) => {
          const generated = fc.oneof(valid(p.schema), fc.string({ maxLength: 12 }));
          const given = known[p.name];
          const arb = given?.length
            ? fc.oneof(
                { weight: 4, arbitrary: fc.constantFrom(...given) },
                { weight: 1, arbitrary: generated },
              )
            : generated;
          return [p.name, arb.map((v) => String(v)).filter((v) => !isDotSegment(v))];
        }),
      ),
    );
    const queryArb = fc.record(
      Object.fromEntries(
        queryParams.map((p) => [
          p.name,
          fc
            .oneof(
              { weight: 4, arbitrary: valid(p.schema) },
              { weight: 1, arbitrary: mutated(p.schema) },
            )
            .map(asQueryValue),
        ]),
      ),
      { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) },
    );
    const bodyArb =
      op.body === undefined
        ? fc.constant(undefined)
        : fc.oneof(
            { weight: 3, arbitrary: valid(op.body) },
            { weight: 1, arbitrary: mutated(op.body) },
          );
    return fc
      .record({
        caller: fc.constantFrom(...CALLERS),
        path: pathArb,
        query: queryArb,
        unknownQuery: fc.nat(9),
        body: bodyArb,
      })
      .map(({ caller, path, query, unknownQuery, body }) => {
        const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => segment(path[name] ?? ""));
        const search = new URLSearchParams(query as Record<string, string>);
        if (unknownQuery === 0) search.set("unknownParam", "1");
        const qs = search.toString();
        const headers: Record<string, string> = {};
        if (caller === "session-no-csrf") {
          headers.cookie = sessions["session-operator"]!.cookie;
        } else if (caller.startsWith("session-")) {
          const s = sessions[caller]!;
          headers.cookie = s.cookie;
          headers["x-csrf-token"] = s.csrf;
        } else if (caller !== "none") {
          headers.authorization = `Bearer ${api.tokens[caller as TokenName]}`;
        }
        return {
          caller,
          method: op.method as "GET",
          url: qs === "" ? url : `${url}?${qs}`,
          headers,
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
          ...(body === undefined
            ? {}
            : { headers: { ...headers, "content-type": "application/json" } }),
        };
      });
  }
});

/**
 * A path segment as a client sends it: percent-encoded. `.` and `..` (even as `%2E`) are dot
 * segments a URL parser removes (inject's included): the request would go to another path.
 */
function segment(value: string): string {
  return encodeURIComponent(value);
}

const isDotSegment = (v: string) => /^(\.|%2e){1,2}$/i.test(v);

function asQueryValue(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
}
