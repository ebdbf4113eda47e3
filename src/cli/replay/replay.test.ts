/** `gala replay` end to end: spawns ./bin/gala (built by `npm run build`). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateEvents } from "../../../bench/events/generate.js";

const root = new URL("../../../", import.meta.url).pathname;
const campaign = "campaigns/spring-festival-2024.yaml";
const examples = "examples/events";
const dir = mkdtempSync(join(tmpdir(), "gala-replay-"));

function gala(args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(join(root, "bin/gala"), args, {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
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

describe("gala replay on two threads (a reader thread scans, the main thread replays)", () => {
  it("answers line for line what one thread answers, from a file and from standard input", async () => {
    // Many chunks and batches of real events, then every kind of line the reader must pass on:
    // a byte-order mark, CRLF, blank and white lines, bad JSON, a line the scanner declines
    // (an escape) but the ordinary path reads, lines out of order, and one too long to keep.
    const generated = join(dir, "generated.jsonl");
    await generateEvents(generated, 30_000, 7);
    const exampleText = readdirSync(join(root, examples))
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => readFileSync(join(root, examples, f), "utf8"))
      .join("\n");
    const escaped = '{"type":"clock","at":"2024-02-20T00:00:00+08:00","note":"caf\\u00e9"}';
    const deep = `{"type":"clock","at":"2024-02-20T00:00:02+08:00","x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const text = [
      `\uFEFF${readFileSync(generated, "utf8")}`,
      "",
      "   ",
      "{not json",
      escaped,
      `{"type":"clock","at":"2024-02-20T00:00:01+08:00","pad":"${"x".repeat(2_500_000)}"}`,
      exampleText.replaceAll("\n", "\r\n"),
      deep,
      escaped,
    ].join("\n");
    const input = join(dir, "mixed.jsonl");
    writeFileSync(input, text);
    const args = ["replay", "--campaign", campaign, input];
    const one = gala(args, undefined, { GALA_REPLAY_THREADS: "1" });
    const two = gala(args, undefined, { GALA_REPLAY_THREADS: "2" });
    const piped = gala(["replay", "--campaign", campaign, "-"], text, { GALA_REPLAY_THREADS: "2" });
    expect(one.status).toBe(1);
    expect(one.lines.length).toBeGreaterThan(1_000);
    expect(one.stdout).toContain('"code":"line_too_long"');
    expect(one.stdout).toContain('"code":"invalid_json"');
    expect(one.stdout).toContain('"code":"json_too_deep"');
    for (const other of [two, piped]) {
      expect(other.stderr).toBe("");
      expect(other.status).toBe(one.status);
      expect(other.stdout).toBe(one.stdout);
    }
  });

  it("stops quietly when its reader goes away", () => {
    const generated = join(dir, "generated.jsonl");
    const result = spawnSync(
      "sh",
      ["-c", `"${join(root, "bin/gala")}" replay --campaign ${campaign} "${generated}" | head -1`],
      { cwd: root, encoding: "utf8", env: { ...process.env, GALA_REPLAY_THREADS: "2" } },
    );
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n").filter((l) => l !== "")).toHaveLength(1);
    expect(result.stderr).toBe("");
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
