/**
 * `npm run bench:replay` — how fast `gala replay` is against its floor.
 *
 *   1. the data: N seeded events (default 1,000,000) in bench/.data/, generated once;
 *   2. the floor: a program that reads the same file with the same line reader and only
 *      JSON.parses each line (dist/bench/events/floor.js);
 *   3. replay end to end: `bin/gala replay` on the file, stdout to /dev/null, with its peak RSS;
 *   4. both on an empty input, to show what process start-up (and loading the campaign) costs.
 *
 * Each is run --runs times (default 3), alternating, and the fastest run counts (the machine is
 * shared; the minimum is the least disturbed). Target: replay ≥ 50 % of the floor's rate.
 * Options: --events N, --runs N, --no-write. Writes bench/RESULTS.md, section "## replay".
 */
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { generateEvents } from "./generate.js";
import { type Measured, measure } from "./measure.js";
import { writeResultsSection } from "./results.js";

const root = new URL("../../../", import.meta.url).pathname;
const CAMPAIGN = "campaigns/spring-festival-2024.yaml";
const SEED = 20240209;
const TARGET_SHARE = 0.5;

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "3" },
    "no-write": { type: "boolean", default: false },
  },
});
const total = Number(values.events);
const runs = Number(values.runs);
const log = (text: string) => process.stdout.write(`${text}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function ensureData(): Promise<string> {
  const dir = `${root}bench/.data`;
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/events-${total}-seed${SEED}.jsonl`;
  if (!existsSync(path)) {
    log(`generating ${fmt(total)} events → ${path}`);
    await generateEvents(`${path}.tmp`, total, SEED);
    renameSync(`${path}.tmp`, path);
  }
  return path;
}

function best(results: Measured[], what: string): Measured {
  for (const r of results) {
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`${what} failed (${r.status}): ${r.stderr}`);
  }
  return results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

const path = await ensureData();
const mb = statSync(path).size / 1e6;
const floorRuns: Measured[] = [];
const replayRuns: Measured[] = [];
for (let i = 0; i < runs; i++) {
  floorRuns.push(await measure(process.execPath, [`${root}dist/bench/events/floor.js`, path]));
  replayRuns.push(
    await measure(`${root}bin/gala`, ["replay", "--campaign", `${root}${CAMPAIGN}`, path]),
  );
  log(
    `run ${i + 1}: floor ${floorRuns[i]!.seconds.toFixed(2)} s, replay ${replayRuns[i]!.seconds.toFixed(2)} s`,
  );
}
const floor = best(floorRuns, "floor");
const replay = best(replayRuns, "replay");
const empty = `${root}bench/.data/empty.jsonl`;
writeFileSync(empty, "");
const floorStart = best(
  [await measure(process.execPath, [`${root}dist/bench/events/floor.js`, empty])],
  "floor",
);
const replayStart = best(
  [await measure(`${root}bin/gala`, ["replay", "--campaign", `${root}${CAMPAIGN}`, empty])],
  "replay",
);
const steadyShare = (floor.seconds - floorStart.seconds) / (replay.seconds - replayStart.seconds);
const floorRate = total / floor.seconds;
const replayRate = total / replay.seconds;
const share = replayRate / floorRate;
const verdict = share >= TARGET_SHARE ? "meets" : "misses";

const body = `Command: \`npm run build && npm run bench:replay\` (options: \`-- --events N --runs N\`).
Data: ${fmt(total)} seeded events (seed ${SEED}, ${fmt(mb, 1)} MB): listings, orders through the
activity window with clicks, scans, deliveries, refund requests, hourly clocks, ~4 % late and
~3 % never-scanned parcels, 5 % high-risk buyers, a few exception reports.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}; best of ${runs} runs each.

| | wall time | events/s | peak RSS |
|---|---|---|---|
| floor: read + \`JSON.parse\` each line | ${floor.seconds.toFixed(2)} s | ${fmt(floorRate)} | ${fmt(floor.peakRssMb)} MB |
| \`gala replay\` end to end (stdout → /dev/null) | ${replay.seconds.toFixed(2)} s | ${fmt(replayRate)} | ${fmt(replay.peakRssMb)} MB |
| floor on an empty input (process start) | ${floorStart.seconds.toFixed(2)} s | | |
| \`gala replay\` on an empty input (start, campaign file) | ${replayStart.seconds.toFixed(2)} s | | |

Replay runs at **${fmt(share * 100)} %** of the floor end to end (target ≥ ${TARGET_SHARE * 100} %: ${verdict} it);
without process start-up on either side, ${fmt(steadyShare * 100)} %. Peak RSS of replay follows the
engine's state (one record per order, listing and merchant), not the input's size.

Where the time goes (CPU profiles and in-process cuts on this file, user CPU per 1M events, on
the same shared machine): JSON.parse ≈ 1.0 s (the floor); validation with instants parsed
≈ +0.2 s; the engine ≈ +2.0 s, about half of it the cost of scale — some 270,000 live order
records: Map look-ups and record reads that miss the cache, and scavenges promoting records —
and the other half the rules themselves; encoding decisions ≈ +0.1 s. A bare loop that only
tracks orders in a Map (has/set/get, no rules) already costs ≈ +0.9 s, so a Map-of-records
engine tops out near 50 % of this floor. Start-up is 0.4–0.5 s, mostly \`src/cli/main.ts\`
importing every command's dependencies (\`serve\` alone ≈ 0.4 s) before any runs. Timings on this
shared 2-core machine vary by a third between runs.`;

log("");
log(body);
if (!values["no-write"]) {
  writeResultsSection(`${root}bench/RESULTS.md`, "replay", body);
  log("\nwritten to bench/RESULTS.md (## replay)");
}
