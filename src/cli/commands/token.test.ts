/** `gala token create | list | revoke` end to end (./bin/gala, built by `npm run build`). */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url).pathname;
const db = `sqlite:${join(mkdtempSync(join(tmpdir(), "gala-token-")), "gala.db")}`;

function gala(...args: string[]) {
  const r = spawnSync(join(root, "bin/gala"), ["token", ...args, "--db", db], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("gala token", () => {
  it("lists tokens without their secrets and revokes them by id", () => {
    const secrets = [
      gala("create", "--role", "channel", "--label", "douyin").stdout.trim(),
      gala("create", "--role", "merchant", "--merchant", "m1").stdout.trim(),
    ];
    expect(secrets.every((s) => s.startsWith("gala_"))).toBe(true);

    const listed = gala("list", "--json");
    expect(listed.status).toBe(0);
    const tokens = listed.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(tokens.map((t) => [t.role, t.merchantId, t.label, t.revokedAt])).toEqual([
      ["channel", null, "douyin", null],
      ["merchant", "m1", null, null],
    ]);
    const table = gala("list").stdout;
    for (const t of tokens) expect(table).toContain(t.id);
    for (const secret of secrets) {
      expect(listed.stdout + table).not.toContain(secret);
      expect(listed.stdout).not.toContain("secretHash");
    }

    const revoked = gala("revoke", tokens[0].id);
    expect(revoked).toMatchObject({ status: 0, stdout: `revoked ${tokens[0].id} (channel)\n` });
    const after = gala("list", "--json")
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(after[0].revokedAt).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+\+08:00$/);
    expect(after[0].createdAt).toMatch(/\+08:00$/);
    expect(after[1].revokedAt).toBeNull();
  });

  it("refuses an unknown or already revoked id with exit 2, still revoking the good ones", () => {
    const created = gala("create", "--role", "operator");
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^gala_/);
    // stdout is the token alone; stderr says which database it went to.
    expect(created.stderr).toMatch(/operator token tok_\w+ in sqlite:/);
    const id = JSON.parse(gala("list", "--json").stdout.trim().split("\n").at(-1)!).id;
    const r = gala("revoke", "tok_nope", id);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no token has the id tok_nope");
    expect(r.stdout).toBe(`revoked ${id} (operator)\n`);
    const again = gala("revoke", id);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`token ${id} was revoked already`);
  });
});
