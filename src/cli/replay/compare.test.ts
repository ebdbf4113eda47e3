/** `gala replay --compare` end to end: spawns ./bin/gala (built by `npm run build`). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateEvents } from "../../../bench/events/generate.js";
import { netTotals } from "../../../test/support/net-totals.js";

const root = new URL("../../../", import.meta.url).pathname;
const campaign = "campaigns/spring-festival-2024.yaml";
const dir = mkdtempSync(join(tmpdir(), "gala-compare-"));
const reference = readFileSync(join(root, campaign), "utf8");

/** The reference campaign with one policy line changed. */
function variant(name: string, from: string, to: string): string {
  if (!reference.includes(from)) throw new Error(`the reference campaign has no ${from}`);
  const path = join(dir, name);
  writeFileSync(path, reference.replace(from, to));
  return path;
}

function gala(args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(join(root, "bin/gala"), args, {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const decisionsOf = (stdout: string) =>
  stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

let events: string;
let rate8: string;
let strict: string;

beforeAll(async () => {
  if (!existsSync(join(root, "dist/src/cli/main.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  }
  // Late arrivals too, so corrections (revoked violations, reversed claims) are in the stream.
  events = join(dir, "events.jsonl");
  await generateEvents(events, 20_000, 7, { lateShare: 0.05 });
  rate8 = variant("rate8.yaml", "pay: { rateBasisPoints: 500", "pay: { rateBasisPoints: 800");
  strict = variant("delist2.yaml", "delistAtViolations: 3", "delistAtViolations: 2");
});

describe("gala replay --compare", () => {
  it("each side's totals are what a plain replay under that file leaves, on one thread or two", () => {
    const args = ["replay", "--campaign", campaign, "--compare", strict, "--json", events];
    const one = gala(args, undefined, { GALA_REPLAY_THREADS: "1" });
    const two = gala(args, undefined, { GALA_REPLAY_THREADS: "2" });
    expect(one.stderr).toBe("");
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const result = JSON.parse(one.stdout);
    for (const [which, file] of [
      ["a", campaign],
      ["b", strict],
    ] as const) {
      const plain = netTotals(decisionsOf(gala(["replay", "--campaign", file, events]).stdout));
      for (const measure of [
        "violations",
        "claimsPaid",
        "claimsPaidFen",
        "claimsHeld",
        "weightCuts",
        "delistings",
        "exits",
        "instantRefunds",
        "instantRefundsFen",
        "refused",
      ] as const) {
        expect([measure, result.totals[measure][which]]).toEqual([measure, plain[measure]]);
      }
    }
    // Delisting at the 2nd violation instead of the 3rd delists more, on this stream.
    expect(result.totals.delistings.b).toBeGreaterThan(result.totals.delistings.a);
    expect(result.same).toBe(false);
    expect(result.products.changed).toBeGreaterThan(0);
  });

  it("--json: one object with every measure the outside relies on as {a, b}", () => {
    const out = gala(["replay", "--campaign", campaign, "--compare", rate8, "--json", events]);
    expect(out.status).toBe(0);
    const lines = out.stdout.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    for (const measure of [
      "claimsPaidFen",
      "claimsPaid",
      "violations",
      "claimsHeld",
      "delistings",
      "exits",
      "instantRefunds",
    ]) {
      expect(Object.keys(result.totals[measure])).toEqual(["a", "b"]);
      expect(typeof result.totals[measure].a).toBe("number");
    }
    // A higher rate pays more on the same claims, and changes nothing else.
    expect(result.totals.claimsPaid.b).toBe(result.totals.claimsPaid.a);
    expect(result.totals.claimsPaidFen.b).toBeGreaterThan(result.totals.claimsPaidFen.a);
    expect(result.totals.violations.b).toBe(result.totals.violations.a);
    expect(result.a).toMatchObject({ campaignId: "spring-festival-2024", file: campaign });
    expect(result.b.file).toBe(rate8);
    const paid = result.merchants.list.map(
      (m: { claimsPaidFen: { a: number; b: number } }) => m.claimsPaidFen.b - m.claimsPaidFen.a,
    );
    expect(paid.every((d: number) => d > 0)).toBe(true);
    expect([...paid].sort((x, y) => y - x)).toEqual(paid);
  });

  it("a policy identical to the current one reports no difference", () => {
    // Another file with the same rules (a comment added): another hash, the same decisions.
    const same = variant("same.yaml", "rateBasisPoints: 500", "rateBasisPoints: 500 # unchanged");
    const json = JSON.parse(
      gala(["replay", "--campaign", campaign, "--compare", same, "--json", events]).stdout,
    );
    expect(json.a.campaign).not.toBe(json.b.campaign);
    expect(json.same).toBe(true);
    expect(json.merchants).toEqual({ changed: 0, list: [] });
    expect(json.products).toEqual({ changed: 0, list: [] });
    for (const pair of Object.values(json.totals) as Array<{ a: number; b: number }>) {
      expect(pair.b).toBe(pair.a);
    }
    const text = gala(["replay", "--campaign", campaign, "--compare", same, events]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("No difference");
  });

  it("the report names the merchants and products that change, and the days", () => {
    const out = gala(
      ["replay", "--campaign", campaign, "--compare", rate8, "-"],
      readFileSync(events, "utf8"),
    );
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^claims paid \(fen\) +[\d,]+ +[\d,]+ +\+[\d,]+$/m);
    expect(out.stdout).toMatch(/^Merchants that change: \d+/m);
    expect(out.stdout).toMatch(/^ {2}m\d+: claimsPaidFen [\d,]+ → [\d,]+$/m);
    expect(out.stdout).toMatch(/^ {2}\d{4}-\d\d-\d\d: [\d,]+ → [\d,]+$/m);
  });

  it("refused lines: exit 1, counted and quoted with the policy that refused them", () => {
    const only48 = variant(
      "only48.yaml",
      "allowedGuaranteeHours: [24, 48]",
      "allowedGuaranteeHours: [48]",
    );
    const input = [
      '{"type":"product.listed","at":"2024-02-09T08:00:00+08:00","merchantId":"m1","productId":"p1","shippingGuaranteeHours":24}',
      "not json",
      '{"type":"order.shipped","at":"2024-02-09T09:00:00+08:00","orderId":"nope","trackingNo":"T","carrier":"SF"}',
    ].join("\n");
    const out = gala(["replay", "--campaign", campaign, "--compare", only48, "--json", "-"], input);
    expect(out.status).toBe(1);
    const json = JSON.parse(out.stdout);
    expect(json.badLines).toBe(3);
    expect(json.totals.refused).toEqual({ a: 2, b: 3 });
    expect(
      json.errors.map((e: { line: number; policy: string; error: { code: string } }) => [
        e.line,
        e.policy,
        e.error.code,
      ]),
    ).toEqual([
      [1, "b", "guarantee_not_allowed"],
      [2, "both", "invalid_json"],
      [3, "both", "unknown_order"],
    ]);
  });

  it("cannot run: exit 2 with one paragraph naming the file and the fix", () => {
    const missing = gala(["replay", "--campaign", campaign, "--compare", "/nope/b.yaml", events]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toMatch(/^gala replay: .*\/nope\/b\.yaml.*Fix: /);
    const json = gala(["replay", "--campaign", campaign, "--json", events]);
    expect(json.status).toBe(2);
    expect(json.stderr).toMatch(/--json goes with --compare.*Fix: /);
  });
});
