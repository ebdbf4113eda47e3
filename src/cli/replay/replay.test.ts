/** `gala replay` end to end: spawns ./bin/gala (built by `npm run build`). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const root = new URL("../../../", import.meta.url).pathname;
const campaign = "campaigns/spring-festival-2024.yaml";
const examples = "examples/events";
const dir = mkdtempSync(join(tmpdir(), "gala-replay-"));

function gala(args: string[], input?: string) {
  const result = spawnSync(join(root, "bin/gala"), args, { cwd: root, input, encoding: "utf8" });
  const lines = result.stdout.split("\n").filter((l) => l !== "");
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines };
}

const parseAll = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const withoutHash = (d: Record<string, unknown>) => {
  const { campaign: _hash, ...rest } = d;
  return rest;
};

beforeAll(() => {
  if (!existsSync(join(root, "dist/src/cli/main.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  }
});

describe("gala replay on the examples", () => {
  const files = readdirSync(join(root, examples)).filter((f) => f.endsWith(".jsonl"));

  it.each(files)("%s gives the decisions documented in examples/events/expected/", (file) => {
    const { status, lines, stderr } = gala([
      "replay",
      "--campaign",
      campaign,
      `${examples}/${file}`,
    ]);
    const expected = parseAll(
      readFileSync(join(root, examples, "expected", file), "utf8")
        .split("\n")
        .filter((l) => l !== ""),
    );
    const decisions = parseAll(lines);
    expect(decisions.map(withoutHash)).toEqual(expected);
    expect(stderr).toBe("");
    expect(status).toBe(file === "bad-lines.jsonl" ? 1 : 0);
    for (const d of decisions.filter((x) => x.type !== undefined)) {
      expect(d.campaign).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("reads standard input when INPUT is - or absent", () => {
    const text = readFileSync(join(root, examples, "instant-refund.jsonl"), "utf8");
    const fromFile = gala(["replay", "--campaign", campaign, `${examples}/instant-refund.jsonl`]);
    expect(gala(["replay", "--campaign", campaign, "-"], text).stdout).toBe(fromFile.stdout);
    expect(gala(["replay", "--campaign", campaign], text).stdout).toBe(fromFile.stdout);
  });

  it("fires no deadline past the last event", () => {
    const lines = readFileSync(join(root, examples, "late-shipment.jsonl"), "utf8")
      .split("\n")
      .slice(0, 2);
    const { status, stdout } = gala(["replay", "--campaign", campaign], `${lines.join("\n")}\n`);
    expect(status).toBe(0);
    expect(stdout).toBe("");
  });

  it("handles a last line without a newline, CRLF line ends and blank lines", () => {
    const text = readFileSync(join(root, examples, "late-shipment.jsonl"), "utf8").trimEnd();
    const crlf = text.replaceAll("\n", "\r\n\r\n");
    const a = gala(["replay", "--campaign", campaign], text);
    const b = gala(["replay", "--campaign", campaign], crlf);
    expect(a.lines).toHaveLength(3);
    expect(b.stdout).toBe(a.stdout);
  });
});

describe("gala replay cannot run (exit 2, stderr only)", () => {
  it("without --campaign", () => {
    const { status, stdout } = gala(["replay", `${examples}/happy-order.jsonl`]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
  });

  it("with a campaign file that does not exist or is invalid", () => {
    const missing = gala(["replay", "--campaign", "no/such.yaml", `${examples}/happy-order.jsonl`]);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain("no/such.yaml");
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "id: [unclosed\n");
    const invalid = gala(["replay", "--campaign", bad, `${examples}/happy-order.jsonl`]);
    expect(invalid.status).toBe(2);
    expect(invalid.stdout).toBe("");
    expect(invalid.stderr).toContain(bad);
  });

  it("with an input file that does not exist", () => {
    const { status, stdout, stderr } = gala(["replay", "--campaign", campaign, "no/such.jsonl"]);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("no/such.jsonl");
  });
});
