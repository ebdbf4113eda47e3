/**
 * Console sessions and CSRF, through the HTTP layer: signing in sets an HttpOnly session cookie
 * and a readable CSRF cookie; a wrong password sets nothing; a mutating request authenticated by
 * the cookie is refused without the matching `x-csrf-token` and accepted with it; signing out
 * clears both cookies and ends the session on the server.
 */
import type { LightMyRequestResponse } from "fastify";
import { beforeEach, expect, it } from "vitest";
import { freshApi, registrationsUrl, seedFacts, type TestApi } from "../../test/support/api.js";
import { describeStores } from "../../test/support/stores.js";
import { createUser } from "../app/users.js";
import { buildServer } from "./server.js";

const SESSION = "/api/v1/session";
const PASSWORD = "password-123";

/** The `set-cookie` headers by cookie name, each split into its attributes. */
function setCookies(res: LightMyRequestResponse): Map<string, { value: string; attrs: string[] }> {
  const raw = res.headers["set-cookie"];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  const out = new Map<string, { value: string; attrs: string[] }>();
  for (const line of lines) {
    const [pair = "", ...attrs] = line.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    out.set(pair.slice(0, eq), { value: pair.slice(eq + 1), attrs });
  }
  return out;
}

describeStores("console sessions and CSRF", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind);
    await seedFacts(api, 2);
    const r = await createUser(
      api.ctx.store.db,
      { username: "alice", password: PASSWORD, role: "merchant", merchantId: "m1" },
      0,
    );
    if (!r.ok) throw new Error(r.failure.message);
  });

  const signIn = (username: string, password: string) =>
    api.server.inject({ method: "POST", url: SESSION, payload: { username, password } });

  async function session() {
    const res = await signIn("alice", PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookies = setCookies(res);
    const id = cookies.get("gala_session")!.value;
    const csrf = cookies.get("gala_csrf")!.value;
    return { id, csrf, cookie: `gala_session=${id}; gala_csrf=${csrf}` };
  }

  it("signs in with the right password and sets the two cookies with their flags", async () => {
    const res = await signIn("alice", PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      username: "alice",
      role: "merchant",
      merchantId: "m1",
      via: "session",
    });
    const cookies = setCookies(res);
    const sessionCookie = cookies.get("gala_session")!;
    const csrfCookie = cookies.get("gala_csrf")!;
    expect(sessionCookie.value.length).toBeGreaterThanOrEqual(20);
    expect(csrfCookie.value.length).toBeGreaterThanOrEqual(20);
    expect(csrfCookie.value).not.toBe(sessionCookie.value);
    // The session cookie is out of the page's reach; the CSRF cookie is meant to be read by it.
    expect(sessionCookie.attrs).toEqual(
      expect.arrayContaining(["Path=/", "SameSite=Lax", "HttpOnly"]),
    );
    expect(csrfCookie.attrs).toEqual(expect.arrayContaining(["Path=/", "SameSite=Lax"]));
    expect(csrfCookie.attrs).not.toContain("HttpOnly");
    // Plain http (tests, localhost): a Secure cookie would never come back.
    expect(sessionCookie.attrs).not.toContain("Secure");
    expect(sessionCookie.attrs.some((a) => /^Max-Age=\d+$/.test(a) && a !== "Max-Age=0")).toBe(
      true,
    );
  });

  it("refuses a wrong password or an unknown user with 401 and sets no cookie", async () => {
    for (const [user, password] of [
      ["alice", "wrong-password"],
      ["nobody", PASSWORD],
    ] as const) {
      const res = await signIn(user, password);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("bad_credentials");
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
  });

  it("refuses a sixth wrong password from one address with 429, even the right one, not others", async () => {
    for (let i = 0; i < 5; i++) expect((await signIn("alice", `wrong-${i}`)).statusCode).toBe(401);
    const locked = await signIn("alice", PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("too_many_attempts");
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(800); // ~15 minutes, in seconds
    expect(locked.headers["set-cookie"]).toBeUndefined();
    const elsewhere = await api.server.inject({
      method: "POST",
      url: SESSION,
      payload: { username: "alice", password: PASSWORD },
      remoteAddress: "10.9.8.7",
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it("counts a client behind a trusted proxy by X-Forwarded-For, and only then", async () => {
    const attempt = (server: typeof api.server, client: string, password: string) =>
      server.inject({
        method: "POST",
        url: SESSION,
        payload: { username: "alice", password },
        headers: { "x-forwarded-for": client },
      });
    const behindProxy = await buildServer({ ...api.ctx, trustProxy: "127.0.0.1" });
    for (let i = 0; i < 5; i++) await attempt(behindProxy, "203.0.113.9", "wrong");
    expect((await attempt(behindProxy, "203.0.113.9", PASSWORD)).statusCode).toBe(429);
    expect((await attempt(behindProxy, "198.51.100.7", PASSWORD)).statusCode).toBe(200);
    // Not trusted (the default): the header is the client's word; the socket's address counts.
    for (let i = 0; i < 5; i++) await attempt(api.server, `203.0.113.${i}`, "wrong");
    expect((await attempt(api.server, "198.51.100.7", PASSWORD)).statusCode).toBe(429);
  });

  it("names the missing field of an empty form", async () => {
    const res = await signIn("", PASSWORD);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([
      expect.objectContaining({ path: expect.stringContaining("username") }),
    ]);
  });

  it("reads with the cookie alone, and mutates only with the matching CSRF header", async () => {
    const s = await session();
    const me = await api.server.inject({
      method: "GET",
      url: SESSION,
      headers: { cookie: s.cookie },
    });
    expect(me.json()).toMatchObject({ username: "alice", via: "session" });
    const list = await api.server.inject({
      method: "GET",
      url: registrationsUrl("m1"),
      headers: { cookie: s.cookie },
    });
    expect(list.statusCode).toBe(200);

    const register = (headers: Record<string, string>) =>
      api.server.inject({
        method: "POST",
        url: registrationsUrl("m1"),
        headers,
        payload: { products: [{ productId: "m1-p0" }] },
      });
    const without = await register({ cookie: s.cookie });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe("csrf");
    const wrong = await register({ cookie: s.cookie, "x-csrf-token": `${s.csrf}x` });
    expect(wrong.statusCode).toBe(403);
    // Nothing was written by the refused calls.
    expect(list.json().items).toEqual([]);
    const withToken = await register({ cookie: s.cookie, "x-csrf-token": s.csrf });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.json().counts.pending_review).toBe(1);
    // The session acts for its merchant only.
    const other = await api.server.inject({
      method: "GET",
      url: registrationsUrl("m2"),
      headers: { cookie: s.cookie },
    });
    expect(other.statusCode).toBe(403);
  });

  it("signs out: both cookies cleared, the session gone on the server", async () => {
    const s = await session();
    const out = await api.server.inject({
      method: "DELETE",
      url: SESSION,
      headers: { cookie: s.cookie },
    });
    expect(out.statusCode).toBe(204);
    const cleared = setCookies(out);
    for (const name of ["gala_session", "gala_csrf"]) {
      expect(cleared.get(name)).toMatchObject({ value: "" });
      expect(cleared.get(name)!.attrs).toContain("Max-Age=0");
    }
    // The old cookie, replayed, no longer opens anything.
    const me = await api.server.inject({
      method: "GET",
      url: SESSION,
      headers: { cookie: s.cookie },
    });
    expect(me.statusCode).toBe(401);
    const list = await api.server.inject({
      method: "GET",
      url: registrationsUrl("m1"),
      headers: { cookie: s.cookie },
    });
    expect(list.statusCode).toBe(401);
  });
});
