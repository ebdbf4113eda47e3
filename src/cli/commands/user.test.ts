/**
 * `gala user create | list | disable | enable | end-sessions` end to end (./bin/gala, built by
 * `npm run build`), against sessions a server would honour: the CLI ends them at once.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveSession, signIn } from "../../app/users.js";
import { openStore, type Store } from "../../store/index.js";
import { readAudit } from "../../store/repos/audit.js";

const root = new URL("../../../", import.meta.url).pathname;
const db = `sqlite:${join(mkdtempSync(join(tmpdir(), "gala-user-")), "gala.db")}`;

function gala(...args: string[]) {
  const r = spawnSync(join(root, "bin/gala"), ["user", ...args, "--db", db], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const json = (out: string) => JSON.parse(out.trim());

const opened: Store[] = [];
afterAll(async () => {
  for (const s of opened) await s.close();
});
/** A session as the console would get it, and whether it still resolves. */
async function sessionOf(username: string, password: string) {
  const store = await openStore(db);
  opened.push(store);
  const s = await signIn(store.db, username, password, Date.now());
  if (!s.ok) return undefined;
  return {
    live: async () => (await resolveSession(store.db, s.value.sessionId, Date.now())) !== undefined,
  };
}

describe("gala user", () => {
  it("creates, resets (ending sessions), disables, enables and signs out accounts", async () => {
    const created = gala(
      "create",
      "--role",
      "operator",
      "--username",
      "olga",
      "--password",
      "first-pass",
    );
    expect(created.status).toBe(0);
    expect(json(created.stdout)).toMatchObject({
      username: "olga",
      created: true,
      sessionsEnded: 0,
    });

    const before = (await sessionOf("olga", "first-pass"))!;
    expect(await before.live()).toBe(true);
    const reset = gala(
      "create",
      "--role",
      "operator",
      "--username",
      "olga",
      "--password",
      "second-pass",
    );
    expect(json(reset.stdout)).toMatchObject({ created: false, sessionsEnded: 1 });
    expect(await before.live()).toBe(false);
    expect(await sessionOf("olga", "first-pass")).toBeUndefined();

    const during = (await sessionOf("olga", "second-pass"))!;
    const disabled = gala("disable", "olga", "--reason", "on leave");
    expect(disabled.status).toBe(0);
    expect(json(disabled.stdout)).toMatchObject({ username: "olga", sessionsEnded: 1 });
    expect(json(disabled.stdout).disabledAt).toMatch(/\+08:00$/);
    expect(await during.live()).toBe(false);
    expect(await sessionOf("olga", "second-pass")).toBeUndefined();
    const listed = gala("list", "--json");
    expect(json(listed.stdout)).toMatchObject({ username: "olga", liveSessions: 0 });
    expect(gala("list").stdout).toContain("olga");

    const twice = gala("disable", "olga", "--reason", "again");
    expect(twice.status).toBe(2);
    expect(twice.stderr).toBe("gala user disable: account olga is disabled already.\n");

    expect(gala("enable", "olga").status).toBe(0);
    const after = (await sessionOf("olga", "second-pass"))!;
    const ended = gala("end-sessions", "olga");
    expect(json(ended.stdout)).toMatchObject({ sessionsEnded: 1, disabledAt: null });
    expect(await after.live()).toBe(false);
    expect(await sessionOf("olga", "second-pass")).toBeDefined();

    const store = await openStore(db);
    opened.push(store);
    const audit = await readAudit(store.db, { subjectType: "user", subjectId: "olga", limit: 10 });
    expect(audit.map((e) => [e.action, e.actorId])).toEqual([
      ["user.create", "cli"],
      ["user.reset", "cli"],
      ["user.disable", "cli"],
      ["user.enable", "cli"],
      ["user.end_sessions", "cli"],
    ]);
    expect(audit[2]!.reason).toBe("on leave");
  });

  it("says so when the account does not exist, with exit 2", () => {
    const r = gala("end-sessions", "nobody");
    expect(r).toMatchObject({ status: 2, stdout: "" });
    expect(r.stderr).toBe("gala user end-sessions: no console account named nobody.\n");
  });
});
