import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Runs the built CLI (npm test builds first), as a user would.
const gala = (...args: string[]) => spawnSync("./bin/gala", args, { encoding: "utf8" });
const reference = "campaigns/spring-festival-2024.yaml";

describe("gala campaign", () => {
  it("shows every rule of the reference campaign in both languages", () => {
    const out = execFileSync("./bin/gala", ["campaign", "show", reference], { encoding: "utf8" });
    expect(out).toContain("merchant.violation_points");
    expect(out).toContain("本年度违规扣分低于36分");
    expect(out).toContain("violationPoints < 36");
    expect(out).toContain("2024-02-09 00:00:00 → 2024-02-16 23:59:59");
  });

  it("shows the loaded campaign as JSON with --json", () => {
    const shown = JSON.parse(gala("campaign", "show", "--json", reference).stdout);
    expect(shown.rules).toHaveLength(26);
    expect(shown.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("validates a good file with exit 0 and a bad one with exit 2, naming line and fix", () => {
    expect(gala("campaign", "validate", reference).status).toBe(0);
    const bad = join(tmpdir(), `gala-bad-${process.pid}.yaml`);
    writeFileSync(bad, "format: gala.campaign/v1\nid: Bad Id\n");
    const result = gala("campaign", "validate", bad);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`${bad}:2: at id`);
    expect(result.stderr).toContain("Fix:");
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it("answers a missing file with exit 2", () => {
    const result = gala("campaign", "validate", "no-such-file.yaml");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("does not exist");
  });
});
