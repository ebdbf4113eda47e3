/**
 * Ending sessions at once: a password reset, disabling an account, or ending its sessions signs
 * it out of every console session on the next request; disabled accounts cannot sign in. Through
 * the API, operators and admins only (admin accounts by admins), each change audited.
 */
import { beforeEach, expect, it } from "vitest";
import { freshApi, registrationsUrl, seedFacts, type TestApi } from "../../../test/support/api.js";
import { describeStores } from "../../../test/support/stores.js";
import { createUser } from "../../app/users.js";

const PASSWORD = "password-123";

interface Session {
  cookie: string;
  csrf: string;
}

describeStores("ending console sessions", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind);
    await seedFacts(api, 1);
    for (const [username, role, merchantId] of [
      ["alice", "merchant", "m1"],
      ["olga", "operator", null],
      ["ada", "admin", null],
      ["root", "admin", null],
    ] as const) {
      const r = await createUser(
        api.ctx.store.db,
        { username, password: PASSWORD, role, merchantId },
        0,
      );
      if (!r.ok) throw new Error(r.failure.message);
    }
  });

  async function signIn(username: string, password = PASSWORD): Promise<Session | number> {
    const res = await api.server.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { username, password },
    });
    if (res.statusCode !== 200) return res.statusCode;
    const raw = res.headers["set-cookie"] as string[];
    const value = (name: string) =>
      raw
        .find((c) => c.startsWith(`${name}=`))!
        .split(";")[0]!
        .slice(name.length + 1);
    return {
      cookie: `gala_session=${value("gala_session")}; gala_csrf=${value("gala_csrf")}`,
      csrf: value("gala_csrf"),
    };
  }
  const session = async (username: string) => {
    const s = await signIn(username);
    if (typeof s === "number") throw new Error(`${username} cannot sign in: ${s}`);
    return s;
  };
  /** A read through the session: 200 while it lives, 401 once it has ended. */
  const reads = async (s: Session, url = registrationsUrl("m1")) =>
    (await api.server.inject({ method: "GET", url, headers: { cookie: s.cookie } })).statusCode;
  const asSession = (s: Session, method: "POST" | "DELETE", url: string, payload?: object) =>
    api.server.inject({
      method,
      url,
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
      ...(payload ? { payload } : {}),
    });

  it("a password reset ends the account's sessions at once; the new password signs in", async () => {
    const [first, second] = [await session("alice"), await session("alice")];
    expect(await reads(first)).toBe(200);
    const reset = await createUser(
      api.ctx.store.db,
      { username: "alice", password: "a-new-password", role: "merchant", merchantId: "m1" },
      1,
    );
    expect(reset).toMatchObject({ ok: true, value: { created: false, sessionsEnded: 2 } });
    expect(await reads(first)).toBe(401);
    expect(await reads(second)).toBe(401);
    expect(await signIn("alice")).toBe(401);
    const fresh = await signIn("alice", "a-new-password");
    expect(typeof fresh).toBe("object");
    expect(await reads(fresh as Session)).toBe(200);
  });

  it("disabling ends the sessions at once and refuses sign-in; enabling lets it back", async () => {
    const s = await session("alice");
    const disabled = await api.call("operator", "POST", "/api/v1/users/alice/disable", {
      reason: "left the company",
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({
      user: { username: "alice", role: "merchant", merchantId: "m1", liveSessions: 0 },
      sessionsEnded: 1,
    });
    expect(disabled.json().user.disabledAt).toMatch(/\+08:00$/);
    expect(await reads(s)).toBe(401);
    expect(await signIn("alice")).toBe(401);
    const twice = await api.call("operator", "POST", "/api/v1/users/alice/disable", {
      reason: "again",
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("already_disabled");
    // A reset password does not enable it: that is its own act.
    await createUser(
      api.ctx.store.db,
      { username: "alice", password: PASSWORD, role: "merchant", merchantId: "m1" },
      2,
    );
    expect(await signIn("alice")).toBe(401);

    const enabled = await api.call("operator", "POST", "/api/v1/users/alice/enable", {});
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().user.disabledAt).toBeNull();
    expect(await reads(await session("alice"))).toBe(200);
    expect((await api.call("operator", "POST", "/api/v1/users/alice/enable", {})).statusCode).toBe(
      409,
    );

    const audit = await api.call("operator", "GET", "/api/v1/users/alice/audit");
    expect(
      audit.json().items.map((e: Record<string, unknown>) => [e.action, e.fromState, e.toState]),
    ).toEqual([
      ["user.disable", "active", "disabled"],
      ["user.enable", "disabled", "active"],
    ]);
    expect(audit.json().items[0]).toMatchObject({
      actor: { role: "operator" },
      reason: "left the company",
      subject: { type: "user", id: "alice" },
    });
  });

  it("ends every session of an account, which may sign in again", async () => {
    const [a, b] = [await session("olga"), await session("olga")];
    const other = await session("alice");
    const ended = await api.call("operator", "DELETE", "/api/v1/users/olga/sessions");
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ sessionsEnded: 2, user: { disabledAt: null } });
    expect(await reads(a)).toBe(401);
    expect(await reads(b)).toBe(401);
    expect(await reads(other)).toBe(200);
    expect(await reads(await session("olga"))).toBe(200);
    const listed = await api.call("operator", "GET", "/api/v1/users");
    expect(
      listed.json().items.map((u: Record<string, unknown>) => [u.username, u.liveSessions]),
    ).toEqual([
      ["ada", 0],
      ["alice", 1],
      ["olga", 1],
      ["root", 0],
    ]);
  });

  it("lets operators and admins only; admin accounts only by admins; never oneself", async () => {
    for (const token of ["m1", "platform", "channel"] as const) {
      const r = await api.call(token, "POST", "/api/v1/users/alice/disable", { reason: "x" });
      expect(r.statusCode).toBe(403);
    }
    expect((await api.call(null, "GET", "/api/v1/users")).statusCode).toBe(401);
    // An operator (token or account) cannot lock an admin out.
    const byToken = await api.call("operator", "POST", "/api/v1/users/ada/disable", {
      reason: "x",
    });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().error.code).toBe("admin_account");
    const olga = await session("olga");
    const byOperator = await asSession(olga, "DELETE", "/api/v1/users/ada/sessions");
    expect(byOperator.statusCode).toBe(403);
    // An admin can; but not disable their own account.
    const ada = await session("ada");
    const own = await asSession(ada, "POST", "/api/v1/users/ada/disable", { reason: "x" });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe("own_account");
    const rootSession = await session("root");
    const byAdmin = await asSession(ada, "POST", "/api/v1/users/root/disable", {
      reason: "rotated",
    });
    expect(byAdmin.statusCode).toBe(200);
    expect(await reads(rootSession, "/api/v1/users")).toBe(401);
    const audit = await api.call("operator", "GET", "/api/v1/users/root/audit");
    expect(audit.json().items[0].actor).toEqual({ role: "operator", id: "ada" });
    // The console's CSRF rule holds here as everywhere.
    const noCsrf = await api.server.inject({
      method: "POST",
      url: "/api/v1/users/alice/disable",
      headers: { cookie: ada.cookie },
      payload: { reason: "x" },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(
      (await api.call("operator", "POST", "/api/v1/users/nobody/disable", { reason: "x" }))
        .statusCode,
    ).toBe(404);
    const noReason = await api.call("operator", "POST", "/api/v1/users/alice/disable", {});
    expect(noReason.statusCode).toBe(400);
  });
});
