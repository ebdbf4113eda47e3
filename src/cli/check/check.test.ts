/** `gala check` end to end: spawns ./bin/gala (built by `npm run build`). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url).pathname;
const campaign = "campaigns/spring-festival-2024.yaml";
const examples = "examples/merchants.jsonl";
const dir = mkdtempSync(join(tmpdir(), "gala-check-"));

function gala(args: string[], input?: string) {
  const result = spawnSync(join(root, "bin/gala"), args, {
    cwd: root,
    input,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const lines = result.stdout.split("\n").filter((l) => l !== "");
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines };
}

const parseAll = (lines: string[]) => lines.map((l) => JSON.parse(l));

beforeAll(() => {
  if (!existsSync(join(root, "dist/src/cli/main.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  }
});

describe("gala check on the examples", () => {
  it("answers each line in order, with the campaign hash, and exits 0", () => {
    const inputIds = readFileSync(join(root, examples), "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l).merchant.id);
    const { status, lines, stderr } = gala(["check", "--campaign", campaign, examples]);
    expect(status).toBe(0);
    expect(stderr).toBe("");
    const decisions = parseAll(lines);
    expect(decisions.map((d) => d.merchantId)).toEqual(inputIds);
    const hash = decisions[0].campaign;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(decisions.every((d) => d.campaign === hash)).toBe(true);
    expect(decisions.some((d) => d.eligible)).toBe(true);
    expect(decisions.some((d) => !d.eligible)).toBe(true);
  });

  it("reads standard input when INPUT is - or absent", () => {
    const text = readFileSync(join(root, examples), "utf8");
    const fromFile = gala(["check", "--campaign", campaign, examples]).stdout;
    expect(gala(["check", "--campaign", campaign, "-"], text).stdout).toBe(fromFile);
    expect(gala(["check", "--campaign", campaign], text).stdout).toBe(fromFile);
  });

  it("--summary prints one object with totals and failures per rule", () => {
    const { status, lines } = gala(["check", "--campaign", campaign, "--summary", examples]);
    expect(status).toBe(0);
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!);
    expect(summary).toMatchObject({
      merchants: 40,
      badLines: 0,
      campaignId: "spring-festival-2024",
    });
    expect(summary.eligibleMerchants).toBeLessThan(40);
    expect(summary.failuresByRule["merchant.pickup_rate_48h"]).toBeGreaterThan(0);
    expect(Object.keys(summary.failuresByRule)).toHaveLength(26);
  });

  it("--compare reports who changes eligibility and through which rule", () => {
    const lowered = join(dir, "pickup-80.yaml");
    const text = readFileSync(join(root, campaign), "utf8");
    writeFileSync(lowered, text.replace("op: gte, value: 0.85", "op: gte, value: 0.8"));
    const { status, lines } = gala([
      "check",
      "--campaign",
      campaign,
      "--compare",
      lowered,
      examples,
    ]);
    expect(status).toBe(0);
    const report = JSON.parse(lines[0]!);
    expect(report.base.campaign).not.toBe(report.other.campaign);
    // m002 (pickup 0.84, otherwise fine) becomes eligible; m015 (0.78) stays out.
    expect(report.merchants.becameEligible).toEqual({
      count: 1,
      through: { "merchant.pickup_rate_48h": 1 },
    });
    expect(report.merchants.becameIneligible.count).toBe(0);
    expect(report.products.becameEligible.count).toBe(2);
  });
});

describe("gala check on bad lines", () => {
  const good = readFileSync(join(root, examples), "utf8").split("\n")[0]!;
  const input = [
    good,
    "",
    "{not json",
    "[1, 2]",
    '{"products": []}',
    '{"merchant": "m1"}',
    '{"merchant": {"id": "m9"}, "products": "p1"}',
    '{"merchant": {"id": "m10"}}',
    `{"merchant": {"id": "m11", "name": ${"[".repeat(100_000)}${"]".repeat(100_000)}}}`,
    '{"merchant": {"id": "m12"}, "products": [{"id": "p1", "merchantId": "m12"}, {"id": "p2", "merchantId": "m13"}]}',
    '{"merchant": {"id": "m14"}, "products": [{"id": "p1"}, {"id": "p2", "merchantId": null}]}',
    good,
  ].join("\n");

  it("gives each an error line in place, goes on, and exits 1", () => {
    const { status, lines, stderr } = gala(["check", "--campaign", campaign], input);
    expect(status).toBe(1);
    expect(stderr).toBe("");
    const out = parseAll(lines);
    expect(out.map((o) => o.error?.code ?? o.merchantId)).toEqual([
      "m001",
      "invalid_json",
      "not_an_object",
      "missing_merchant",
      "merchant_not_object",
      "products_not_array",
      "m10",
      "json_too_deep",
      "product_merchant_mismatch",
      "m14",
      "m001",
    ]);
    // N counts input lines from 1, blank lines included.
    expect(out.filter((o) => o.error).map((o) => o.line)).toEqual([3, 4, 5, 6, 7, 9, 10]);
    expect(out[6]).toMatchObject({ merchantId: "m10", eligible: false, products: [] });
    expect(out[8]).toEqual({
      line: 10,
      error: {
        code: "product_merchant_mismatch",
        message:
          'products[1] (id "p2") has merchantId "m13", but the line\'s merchant is "m12"; put each product on its own merchant\'s line',
      },
    });
    expect(out[9].products.map((p: { productId: string }) => p.productId)).toEqual(["p1", "p2"]);
  });

  it("counts them in --summary, keeping stdout one JSON object", () => {
    const { status, lines } = gala(["check", "--campaign", campaign, "--summary"], input);
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]!);
    expect(summary.badLines).toBe(7);
    expect(summary.merchants).toBe(4);
    expect(summary.errors[0]).toMatchObject({ line: 3, error: { code: "invalid_json" } });
  });
});

describe("gala check cannot run", () => {
  const cases: [string, string[], RegExp][] = [
    [
      "a missing campaign file",
      ["--campaign", "nope.yaml", examples],
      /nope\.yaml.*does not exist.*Fix:/,
    ],
    [
      "a missing input file",
      ["--campaign", campaign, "nope.jsonl"],
      /nope\.jsonl.*does not exist.*Fix:/,
    ],
    ["no --campaign", [examples], /--campaign/],
    ["an unknown flag", ["--campaign", campaign, "--fast", examples], /unknown option '--fast'/],
    [
      "a missing --compare file",
      ["--campaign", campaign, "--compare", "other.yaml", examples],
      /other\.yaml.*does not exist.*Fix:/,
    ],
  ];

  it.each(cases)("with %s: exit 2, message on stderr, nothing on stdout", (_, args, message) => {
    const { status, stdout, stderr } = gala(["check", ...args]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("with an invalid campaign: names the file, the place and the fix", () => {
    const broken = join(dir, "broken.yaml");
    const text = readFileSync(join(root, campaign), "utf8");
    writeFileSync(broken, text.replace("op: lt, value: 36", "op: lt, value: lots"));
    const { status, stdout, stderr } = gala(["check", "--campaign", broken, examples]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/broken\.yaml:\d+/);
    expect(stderr).toMatch(/Fix:/);
  });
});

describe("gala check on a larger input", () => {
  it("keeps input order over many chunks", () => {
    const template = JSON.parse(readFileSync(join(root, examples), "utf8").split("\n")[0]!);
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      template.merchant.id = `m${i}`;
      for (const product of template.products) product.merchantId = `m${i}`;
      template.merchant.violationPoints = i % 50;
      lines.push(JSON.stringify(template));
    }
    const { status, lines: out } = gala(["check", "--campaign", campaign], lines.join("\n"));
    expect(status).toBe(0);
    const decisions = parseAll(out);
    expect(decisions).toHaveLength(20_000);
    expect(decisions.every((d, i) => d.merchantId === `m${i}`)).toBe(true);
    expect(decisions.every((d, i) => d.eligible === i % 50 < 36)).toBe(true);
  });
});
