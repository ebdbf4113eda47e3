/**
 * Role × route × own/other merchant: every route answers 401 without a token, 403 to a role it
 * does not allow and to a merchant reaching for another merchant's data, and lets the rest in.
 */
import { beforeAll, expect, it } from "vitest";
import {
  CAMPAIGN,
  freshApi,
  registrationsUrl,
  seedFacts,
  type TestApi,
  type TokenName,
} from "../../test/support/api.js";
import { describeStores } from "../../test/support/stores.js";
import type { Role } from "../app/actor.js";
import { validMerchant, validProduct } from "../domain/eligibility/fixtures.js";

type Method = "GET" | "POST" | "PUT" | "PATCH";
interface RouteCase {
  name: string;
  method: Method;
  /** The URL for merchant m (and its registration r). */
  /** The URL for merchant m, its registration r and that registration's product snapshot s. */
  url: (m: string, r: string, s: string) => string;
  body?: (m: string, r: string) => unknown;
  roles: readonly Role[];
  /** Statuses an allowed caller may get (default 200): e.g. 409 reviewing twice. */
  allowed?: readonly number[];
}

const ALL: readonly Role[] = ["merchant", "operator", "platform", "channel"];
const C = `/api/v1/campaigns/${CAMPAIGN}`;

const ROUTES: RouteCase[] = [
  { name: "me", method: "GET", url: () => "/api/v1/me", roles: ALL },
  { name: "campaigns", method: "GET", url: () => "/api/v1/campaigns", roles: ALL },
  { name: "campaign", method: "GET", url: () => C, roles: ALL },
  { name: "versions", method: "GET", url: () => `${C}/versions`, roles: ["operator"] },
  { name: "merchants", method: "GET", url: () => `${C}/merchants`, roles: ["operator"] },
  { name: "history", method: "GET", url: () => `${C}/history`, roles: ["operator"] },
  {
    name: "diff",
    method: "GET",
    url: () => `${C}/diff?from=x&to=y`,
    roles: ["operator"],
    allowed: [404],
  },
  {
    name: "rollback",
    method: "POST",
    url: () => `${C}/rollback`,
    body: () => ({ hash: "nope" }),
    roles: ["operator"],
    allowed: [404],
  },
  { name: "audit browse", method: "GET", url: () => `${C}/audit/browse`, roles: ["operator"] },
  { name: "orders triage", method: "GET", url: () => `${C}/orders/triage`, roles: ["operator"] },
  {
    name: "merchant orders triage",
    method: "GET",
    url: (m) => `${C}/merchants/${m}/orders/triage`,
    roles: ["merchant", "operator"],
  },
  {
    name: "refund response",
    method: "POST",
    url: (m) => `${C}/merchants/${m}/refunds/o-none/rf-none/response`,
    body: () => ({ decision: "approve" }),
    roles: ["merchant"],
    allowed: [404],
  },
  {
    name: "registration detail",
    method: "GET",
    url: (_m, r) => `${C}/registrations/${r}/detail`,
    roles: ["operator"],
  },
  {
    name: "upload",
    method: "POST",
    url: () => "/api/v1/campaigns",
    body: () => ({ source: "x: 1" }),
    roles: ["operator"],
    allowed: [400],
  },
  {
    name: "merchant facts",
    method: "PUT",
    url: () => "/api/v1/facts/merchants",
    body: (m) => ({ merchants: [validMerchant(m)] }),
    roles: ["platform"],
  },
  {
    name: "product facts",
    method: "PUT",
    url: () => "/api/v1/facts/products",
    body: (m) => ({ products: [validProduct(`${m}-p2`, m)] }),
    roles: ["platform"],
  },
  {
    name: "merchant",
    method: "GET",
    url: (m) => `/api/v1/merchants/${m}`,
    roles: ["merchant", "operator", "platform"],
  },
  {
    name: "merchant products",
    method: "GET",
    url: (m) => `/api/v1/merchants/${m}/products`,
    roles: ["merchant", "operator", "platform"],
  },
  {
    name: "product settings",
    method: "PATCH",
    url: (m) => `/api/v1/merchants/${m}/products/${m}-p2/settings`,
    body: () => ({ sevenDayReturn: true }),
    roles: ["merchant", "platform"],
  },
  {
    name: "register",
    method: "POST",
    url: (m) => registrationsUrl(m),
    body: (m) => ({ products: [{ productId: `${m}-p2` }] }),
    roles: ["merchant"],
  },
  {
    name: "list registrations",
    method: "GET",
    url: (m) => registrationsUrl(m),
    roles: ["merchant", "operator"],
  },
  {
    name: "registration",
    method: "GET",
    url: (_m, r) => `/api/v1/registrations/${r}`,
    roles: ["merchant", "operator"],
  },
  {
    name: "registration audit",
    method: "GET",
    url: (_m, r) => `/api/v1/registrations/${r}/audit`,
    roles: ["merchant", "operator"],
  },
  { name: "review queue", method: "GET", url: () => `${C}/review-queue`, roles: ["operator"] },
  {
    name: "review one",
    method: "POST",
    url: (_m, r) => `/api/v1/registrations/${r}/review`,
    body: () => ({ decision: "approve" }),
    roles: ["operator"],
    allowed: [200, 409],
  },
  {
    name: "review bulk",
    method: "POST",
    url: () => `${C}/reviews`,
    body: (_m, r) => ({ decisions: [{ registrationId: r, decision: "approve" }] }),
    roles: ["operator"],
  },
  { name: "campaign audit", method: "GET", url: () => `${C}/audit`, roles: ["operator"] },
  { name: "venue", method: "GET", url: () => `${C}/venue`, roles: ["channel", "operator"] },
  { name: "held claims", method: "GET", url: () => `${C}/claims/held`, roles: ["operator"] },
  {
    name: "resolve held claim",
    method: "POST",
    url: () => `${C}/claims/held/o-none/late_shipment`,
    body: () => ({ decision: "pay" }),
    roles: ["operator"],
    allowed: [404], // no such claim is held: past auth, the use case answers
  },
  {
    name: "fact snapshot",
    method: "GET",
    url: (_m, _r, s) => `/api/v1/fact-snapshots/${s}`,
    roles: ["merchant", "operator", "platform"],
  },
];

const CALLERS: ReadonlyArray<{ token: TokenName | null; role: Role | null }> = [
  { token: null, role: null },
  { token: "m1", role: "merchant" },
  { token: "operator", role: "operator" },
  { token: "platform", role: "platform" },
  { token: "channel", role: "channel" },
];

describeStores("role × route × own/other merchant", (kind) => {
  let api: TestApi;
  const reg: Record<string, string> = {};
  const snap: Record<string, string> = {};

  beforeAll(async () => {
    api = await freshApi(kind);
    await seedFacts(api);
    for (const m of ["m1", "m2"] as const) {
      const res = await api.call(m, "POST", registrationsUrl(m), {
        products: [{ productId: `${m}-p0` }],
      });
      reg[m] = res.json().results[0].registrationId;
      const view = await api.call(m, "GET", `/api/v1/registrations/${reg[m]}`);
      snap[m] = view.json().snapshots.product;
    }
  });

  it("answers every cell as the roles table says", async () => {
    const wrong: string[] = [];
    for (const route of ROUTES) {
      for (const caller of CALLERS) {
        for (const whose of ["m1", "m2"] as const) {
          const url = route.url(whose, reg[whose]!, snap[whose]!);
          const body = route.body?.(whose, reg[whose]!);
          const res = await api.call(caller.token, route.method, url, body);
          const expected =
            caller.role === null
              ? 401
              : !route.roles.includes(caller.role)
                ? 403
                : caller.role === "merchant" && whose === "m2" && merchantScoped(route)
                  ? 403
                  : "allowed";
          const got = res.statusCode;
          const fine =
            expected === "allowed" ? (route.allowed ?? [200]).includes(got) : got === expected;
          if (!fine)
            wrong.push(
              `${route.name} as ${caller.token ?? "nobody"} on ${whose}'s: ${got}, expected ${expected} (${res.body.slice(0, 120)})`,
            );
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** Routes whose data belongs to a merchant: by merchant id in the path or by registration. */
function merchantScoped(route: RouteCase): boolean {
  const url = route.url("MARK", "REG", "SNAP");
  return url.includes("MARK") || url.includes("REG") || url.includes("SNAP");
}
