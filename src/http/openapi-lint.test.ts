/**
 * The OpenAPI document passes Redocly CLI's recommended rules with no error and no warning
 * (redocly.yaml): servers, a summary, an operationId and a 4xx on every operation, security
 * defined, … A route added without them fails here, not in a client generator later.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openApiDocument } from "./api-types/document.js";

const dir = mkdtempSync(join(tmpdir(), "gala-lint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("lints clean with Redocly's recommended rules", async () => {
  const file = join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify(await openApiDocument(), null, 2));
  const run = spawnSync(
    "node_modules/.bin/redocly",
    ["lint", file, "--config", "redocly.yaml", "--format", "json"],
    {
      encoding: "utf8",
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      timeout: 120_000,
    },
  );
  const start = run.stdout.indexOf("{");
  expect(start, `redocly printed no report: ${run.stderr}`).toBeGreaterThanOrEqual(0);
  const report = JSON.parse(run.stdout.slice(start)) as {
    totals: { errors: number; warnings: number };
    problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>;
  };
  const problems = report.problems.map(
    (p) => `${p.ruleId}: ${p.message} (${p.location[0]?.pointer ?? ""})`,
  );
  expect(problems).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
}, 120_000);
