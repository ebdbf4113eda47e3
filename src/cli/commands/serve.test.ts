/** `gala serve` and `gala token create` end to end: spawns ./bin/gala (built by `npm run build`). */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { open, readFile, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { postgresUrl, schemaLocked } from "../../../test/support/stores.js";

const root = new URL("../../../", import.meta.url).pathname;
const gala = join(root, "bin/gala");
const dir = mkdtempSync(join(tmpdir(), "gala-serve-"));

function run(args: string[]) {
  const r = spawnSync(gala, args, { cwd: root, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `gala serve`, resolves once the banner names the URL; collects stderr. */
function serve(
  args: string[],
): Promise<{ child: ChildProcess; url: string; banner: () => string }> {
  const child = spawn(gala, ["serve", "--port", "0", "--log-level", "warn", ...args], {
    cwd: root,
  });
  children.push(child);
  let err = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner after 20 s: ${err}`)), 20_000);
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const match = /serving at (http:\/\/\S+)/.exec(err);
      if (match && err.includes("\n", err.indexOf(match[0]))) {
        // Wait for the whole banner (demo tokens come after the first line).
        setTimeout(() => {
          clearTimeout(timer);
          resolve({ child, url: match[1]!, banner: () => err });
        }, 200);
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${err}`));
    });
  });
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGTERM");
});

beforeAll(() => {
  if (!existsSync(join(root, "dist/src/cli/main.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  }
});

describe("gala token create", () => {
  it("prints a token and nothing else", () => {
    const r = run([
      "token",
      "create",
      "--db",
      `sqlite:${dir}/tokens.db`,
      "--role",
      "merchant",
      "--merchant",
      "m1",
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^gala_[A-Za-z0-9_-]{43}\n$/);
  });

  it("exits 2 with the fix for a bad role, a missing merchant or a bad URL", () => {
    const bad = [
      ["--db", `sqlite:${dir}/tokens.db`, "--role", "admin"],
      ["--db", `sqlite:${dir}/tokens.db`, "--role", "merchant"],
      ["--db", "mysql://nowhere", "--role", "operator"],
    ];
    for (const args of bad) {
      const r = run(["token", "create", ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/gala token create: .+/);
    }
  });
});

describe("gala serve", () => {
  it("exits 2 with the fix for a bad --scale, or --scale large without --demo", () => {
    for (const [args, said] of [
      [["--demo", "--scale", "huge"], /--scale huge: pass small or large/],
      [["--scale", "large"], /--scale large seeds the demo: pass it with --demo/],
    ] as const) {
      const r = run(["serve", "--port", "0", "--db", `sqlite:${dir}/scale.db`, ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(said);
    }
  });

  it("serves the demo: health, OpenAPI, demo tokens that work, and tokens made beside it", async () => {
    const db = `sqlite:${dir}/demo.db`;
    const { child, url, banner } = await serve(["--demo", "--db", db]);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/campaigns`)).status).toBe(401);
    const merchant = /merchant m-jiahe\s+(gala_\S+)/.exec(banner())![1]!;
    const mine = await fetch(
      `${url}/api/v1/campaigns/spring-festival-2024/merchants/m-jiahe/registrations`,
      {
        headers: { authorization: `Bearer ${merchant}` },
      },
    );
    const states = new Set(
      ((await mine.json()) as { items: Array<{ state: string }> }).items.map(
        (i: { state: string }) => i.state,
      ),
    );
    expect([...states].sort()).toEqual([
      "approved",
      "pending_review",
      "rejected",
      "rejected_at_review",
    ]);
    const operator = run(["token", "create", "--db", db, "--role", "operator"]).stdout.trim();
    const queue = await fetch(
      `${url}/api/v1/campaigns/spring-festival-2024/review-queue?due=overdue`,
      {
        headers: { authorization: `Bearer ${operator}` },
      },
    );
    expect(((await queue.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
    // The clock runs two days into the activity, and those two days were replayed at start.
    expect(banner()).toMatch(/now 2024-02-11T10:0\d/);
    const totals = await fetch(`${url}/api/v1/campaigns/spring-festival-2024/fulfilment/totals`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    const { violations } = (await totals.json()) as { violations: Record<string, number> };
    expect(violations.late_shipment).toBeGreaterThan(0);
    expect(violations.false_shipment).toBeGreaterThan(0);
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    expect(child.exitCode).toBe(0);
  });

  it("resumes the demo's clock where the previous run left its settled time", async () => {
    const path = join(dir, "resume.db");
    const db = `sqlite:${path}`;
    const first = await serve(["--demo", "--db", db]);
    expect(first.banner()).toMatch(/now 2024-02-11T10:0\d/);
    first.child.kill("SIGTERM");
    await new Promise((r) => first.child.once("exit", r));
    // As if the previous run had lasted a day and a half: time is stored as settled later (the
    // settle key of an instant is twice it: domain/fulfilment/keys.ts).
    const later = Date.parse("2024-02-12T22:00:00+08:00");
    const raw = new Database(path);
    raw
      .prepare("update ff_merchants set settled = ? where campaign_id = ?")
      .run(2 * later, "spring-festival-2024");
    raw.close();
    const second = await serve(["--demo", "--db", db]);
    const now = /spring-festival-2024 \(\w+\): now (\S+),/.exec(second.banner())![1]!;
    expect(Date.parse(now)).toBeGreaterThanOrEqual(later);
    expect(now).toMatch(/^2024-02-12T22:0\d/);
    second.child.kill("SIGTERM");
    await new Promise((r) => second.child.once("exit", r));
    // An explicit --clock still wins.
    const third = await serve([
      "--demo",
      "--db",
      db,
      "--clock",
      "2024-02-11T10:00:00+08:00",
      "--clock-speed",
      "0",
    ]);
    expect(third.banner()).toContain("now 2024-02-11T10:00:00+08:00");
  });

  it("rehearses with --clock and --clock-speed", async () => {
    const { url, banner } = await serve([
      "--db",
      `sqlite:${dir}/clock.db`,
      "--clock",
      "2024-02-17T00:00:00+08:00",
      "--clock-speed",
      "0",
    ]);
    expect(banner()).toContain(
      "now 2024-02-17T00:00:00+08:00, registration closed, venue not running",
    );
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("rehearses a stored campaign from history under another policy (--replay-from)", async () => {
    // The source: a demo's first two days, frozen at its clock.
    const source = `sqlite:${dir}/rehearsal-source.db`;
    const demo = await serve(["--demo", "--db", source, "--clock-speed", "0"]);
    const operator = /operator\s+(gala_\S+)/.exec(demo.banner())![1]!;
    const totalsOf = async (url: string, token: string) =>
      (await (
        await fetch(`${url}/api/v1/campaigns/spring-festival-2024/fulfilment/totals`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { claimsPaid: number; claimsPaidFen: number; instantRefunds: number };
    const before = await totalsOf(demo.url, operator);
    // The demo's appeals were decided by people: the rehearsal takes them again, so a claim an
    // upheld appeal reversed in the demo is reversed in the rehearsal too.
    const upheld = (await (
      await fetch(`${demo.url}/api/v1/campaigns/spring-festival-2024/appeals?status=upheld`, {
        headers: { authorization: `Bearer ${operator}` },
      })
    ).json()) as { items: { decisions?: { type: string }[] }[] };
    expect(upheld.items.flatMap((a) => a.decisions ?? []).map((d) => d.type)).toContain(
      "claim.reversed",
    );
    demo.child.kill("SIGTERM");
    await new Promise((r) => demo.child.once("exit", r));
    const rate8 = join(dir, "rate8.yaml");
    const reference = await readFile(join(root, "campaigns/spring-festival-2024.yaml"), "utf8");
    await writeFile(
      rate8,
      reference.replace("pay: { rateBasisPoints: 500", "pay: { rateBasisPoints: 800"),
    );
    const rehearsal = await serve([
      "--replay-from",
      source,
      "--db",
      `sqlite:${dir}/rehearsal.db`,
      "--replay-campaign",
      rate8,
      "--clock",
      "2024-02-11T10:00:00+08:00",
      "--clock-speed",
      "0",
    ]);
    expect(rehearsal.banner()).toMatch(/rehearsal: copied 3 merchants/);
    expect(rehearsal.banner()).toMatch(
      /rehearsal: sent the \d+ events due before the clock .*; 6 people's acts \(6 taken, 0 refused, 0 already here\)/,
    );
    const token = /rehearsal tokens.*\n\s+operator\s+(gala_\S+)/.exec(rehearsal.banner())![1]!;
    const after = await totalsOf(rehearsal.url, token);
    // The same claims, paid at 8 % instead of 5 %; the same instant refunds.
    expect(after.claimsPaid).toBe(before.claimsPaid);
    expect(after.claimsPaidFen).toBeGreaterThan(before.claimsPaidFen);
    expect(after.instantRefunds).toBe(before.instantRefunds);
  });

  it.skipIf(!postgresUrl)("runs on PostgreSQL", async () => {
    const schema = `t_serve_${process.pid}`;
    const db = `${postgresUrl}?schema=${schema}`;
    // Other test files create and drop schemas: the store's migration lock gives each its turn.
    const created = run(["token", "create", "--db", db, "--role", "channel"]);
    expect(created.status).toBe(0);
    const token = created.stdout.trim();
    const { url } = await serve(["--db", db]);
    const res = await fetch(`${url}/api/v1/campaigns/spring-festival-2024/venue`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    await schemaLocked(postgresUrl!, (admin) => admin.query(`drop schema ${schema} cascade`));
  });

  it("stops cleanly on SIGTERM during start-up, closing the database it opened", async () => {
    // The campaign file is a FIFO: start-up (store already open and migrated) blocks reading it
    // until the test writes the campaign, so the signal lands mid-start-up every time.
    const campaigns = join(dir, "fifo-campaigns");
    mkdirSync(campaigns);
    const fifo = join(campaigns, "spring-festival-2024.yaml");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const dbPath = join(dir, "startup.db");
    const child = spawn(
      gala,
      [
        "serve",
        "--port",
        "0",
        "--log-level",
        "warn",
        "--db",
        `sqlite:${dbPath}`,
        "--campaigns",
        campaigns,
      ],
      { cwd: root },
    );
    children.push(child);
    let err = "";
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    const writer = await open(fifo, "w"); // resolves once start-up has opened the file to read it
    expect(existsSync(dbPath)).toBe(true);
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    // Before the fix the process is already dead: nobody reads, so writing fails; ignore that.
    await writer
      .writeFile(await readFile(join(root, "campaigns/spring-festival-2024.yaml")))
      .catch(() => {});
    await writer.close().catch(() => {});
    await exited;
    expect({ code: child.exitCode, signal: child.signalCode, err }).toEqual({
      code: 0,
      signal: null,
      err: "",
    });
    expect(existsSync(`${dbPath}-wal`)).toBe(false); // closed: WAL checkpointed and removed
  });

  it("exits 0 when SIGTERM comes again while it is stopping", async () => {
    const { child, url } = await serve(["--demo", "--db", `sqlite:${dir}/twice.db`]);
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    // A request in flight (headers never finished) holds the HTTP server's close open, so the
    // second signal lands while the first is still being handled, every time.
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    await new Promise((r) => socket.once("connect", r));
    socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
    await new Promise((r) => setTimeout(r, 100));
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    // Before the fix the second signal found no handler and killed the process (status 143).
    expect(child.signalCode).toBe(null);
    socket.destroy();
    await exited;
    expect({ code: child.exitCode, signal: child.signalCode }).toEqual({ code: 0, signal: null });
  });

  it("exits 2 with one paragraph naming the path and the fix on an unusable SQLite path", () => {
    writeFileSync(join(dir, "a-file"), "");
    writeFileSync(join(dir, "not-a-db.db"), "hello, not SQLite");
    for (const [path, says] of [
      ["/proc/x.db", "its directory /proc does not let"],
      // Node's recursive mkdir loops for ever here: the server hung before it said anything.
      ["/proc/nope/x.db", "/proc/nope cannot be made"],
      [join(dir, "a-file", "x.db"), "a file stands where a directory should be"],
      [join(dir, "not-a-db.db"), "is not a usable SQLite database"],
    ]) {
      const r = spawnSync(gala, ["serve", "--port", "0", "--db", `sqlite:${path}`], {
        cwd: root,
        encoding: "utf8",
        timeout: 20_000,
      });
      expect({ path, status: r.status }).toEqual({ path, status: 2 });
      expect(r.stderr).toMatch(/^gala serve: [^\n]+\.\n$/);
      expect(r.stderr).toContain(path);
      expect(r.stderr).toContain(says);
      expect(r.stderr).toContain("--db sqlite:");
    }
  });

  it("exits 2 naming the fix on a read-only database file or directory", () => {
    // As root, permissions do not stop a write: run as nobody then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const outer = mkdtempSync(join(tmpdir(), "gala-serve-ro-"));
    chmodSync(outer, 0o755); // mkdtemp's 0700 would keep nobody out of everything below
    const readOnly = join(outer, "read-only");
    mkdirSync(readOnly);
    const migrated = run([
      "token",
      "create",
      "--db",
      `sqlite:${readOnly}/gala.db`,
      "--role",
      "channel",
    ]);
    expect(migrated.status).toBe(0);
    chmodSync(join(readOnly, "gala.db"), 0o444);
    const cases = [
      // The file read-only, its directory writable: it opens, read-only.
      { mode: 0o777, path: join(readOnly, "gala.db"), says: "is read-only for this user" },
      // A read-only directory: no -wal beside the file, and no new file.
      { mode: 0o555, path: join(readOnly, "gala.db"), says: "is read-only for this user" },
      { mode: 0o555, path: join(readOnly, "new.db"), says: "does not let this user" },
    ];
    try {
      for (const { mode, path, says } of cases) {
        chmodSync(readOnly, mode);
        const r = spawnSync(gala, ["serve", "--port", "0", "--db", `sqlite:${path}`], {
          cwd: root,
          encoding: "utf8",
          timeout: 20_000,
          ...asUser,
        });
        expect({ path, mode, status: r.status }).toEqual({ path, mode, status: 2 });
        expect(r.stderr).toMatch(/^gala serve: [^\n]+\.\n$/);
        expect(r.stderr).toContain(path);
        expect(r.stderr).toContain(says);
      }
    } finally {
      chmodSync(readOnly, 0o755);
    }
  });

  it("exits 2 on bad flags, naming the fix", () => {
    for (const args of [
      ["--db", "mysql://x"],
      ["--clock", "yesterday"],
      ["--port", "http"],
      ["--clock-speed", "2"],
      ["--trust-proxy", "nonsense"],
      ["--max-event-lead", "ten minutes"],
      ["--replay-campaign", "campaigns/spring-festival-2024.yaml"],
      ["--replay-from", `sqlite:${dir}/no-such.db`],
      ["--replay-from", `sqlite:${dir}/x.db`, "--demo"],
      ["--replay-from", `sqlite:${dir}/x.db`, "--db", `sqlite:${dir}/x.db`],
      ["--webhook", "not a url", "--webhook-secret", "0123456789abcdef"],
      ["--webhook", "ftp://x.example/hook", "--webhook-secret", "0123456789abcdef"],
      ["--webhook", "http://127.0.0.1:9/hook"],
      ["--webhook", "http://127.0.0.1:9/hook", "--webhook-secret", "short"],
      ["--webhook-secret", "0123456789abcdef"],
    ]) {
      const r = run(["serve", ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^gala serve: .+/);
    }
  });
});
