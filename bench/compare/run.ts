/**
 * `npm run bench:compare` — what trying a second policy on a stream costs, against replaying
 * the stream under each policy on its own.
 *
 *   1. the data: N seeded events (default 1,000,000; the file bench:replay uses), and policy B:
 *      the reference campaign with a higher compensation rate, delisting at the 2nd violation
 *      and exit at the 5th (bench/.data/compare-b.yaml);
 *   2. `gala replay --campaign A FILE` and `gala replay --campaign B FILE` (stdout → /dev/null),
 *      and `gala replay --campaign A --compare B --json FILE`, in turn, --runs times each; the
 *      least wall time of each counts (the machine is shared; the minimum is the least disturbed);
 *   3. the same comparison as the editor runs it on a server: the events stored in a SQLite
 *      event log (bench/.data/, built once), read back in pages and replayed under both
 *      policies in process (`enforcementImpact`), --runs times.
 *
 * Target (issue 18): the comparison's throughput ≥ 40 % of two plain replays' (their times
 * added: the work it replaces), i.e. (t_A + t_B) / t_compare ≥ 0.4.
 * Options: --events N, --runs N, --no-server, --no-write. Writes bench/RESULTS.md, "## compare".
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { generateEvents } from "../events/generate.js";
import { type Measured, measure } from "../events/measure.js";
import { writeResultsSection } from "../events/results.js";
import { measureOnServer, type ServerRun } from "./server.js";

const root = new URL("../../../", import.meta.url).pathname;
const CAMPAIGN = `${root}campaigns/spring-festival-2024.yaml`;
const SEED = 20240209;
const TARGET_SHARE = 0.4;

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "3" },
    "no-server": { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
  },
});
const total = Number(values.events);
const runs = Number(values.runs);
const log = (text: string) => process.stdout.write(`${text}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });

const dir = `${root}bench/.data`;
mkdirSync(dir, { recursive: true });
const path = `${dir}/events-${total}-seed${SEED}.jsonl`;
if (!existsSync(path)) {
  log(`generating ${fmt(total)} events → ${path}`);
  await generateEvents(`${path}.tmp`, total, SEED);
  renameSync(`${path}.tmp`, path);
}

/** Policy B: the reference campaign with three enforcement numbers changed. */
const policyB = `${dir}/compare-b.yaml`;
let text = readFileSync(CAMPAIGN, "utf8");
for (const [from, to] of [
  ["pay: { rateBasisPoints: 500", "pay: { rateBasisPoints: 800"], // the table's standard row
  ["delistAtViolations: 3", "delistAtViolations: 2"],
  ["maxViolations: 10", "maxViolations: 5"],
]) {
  if (!text.includes(from!)) throw new Error(`the reference campaign has no "${from}"`);
  text = text.replace(from!, to!);
}
writeFileSync(policyB, text);

function best(results: Measured[], what: string): Measured {
  for (const r of results) {
    if (r.status !== 0 && r.status !== 1) {
      throw new Error(`${what} failed (${r.status}): ${r.stderr}`);
    }
  }
  return results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

const gala = `${root}bin/gala`;
const replay = (campaign: string) => ["replay", "--campaign", campaign, path];
const compare = ["replay", "--campaign", CAMPAIGN, "--compare", policyB, "--json", path];
// A user's first run of a campaign file compiles and caches it; every run measured is a later one.
for (const c of [CAMPAIGN, policyB]) await measure(gala, ["replay", "--campaign", c, "/dev/null"]);

const aRuns: Measured[] = [];
const bRuns: Measured[] = [];
const cRuns: Measured[] = [];
for (let i = 0; i < runs; i++) {
  aRuns.push(await measure(gala, replay(CAMPAIGN)));
  bRuns.push(await measure(gala, replay(policyB)));
  cRuns.push(await measure(gala, compare));
  log(
    `run ${i + 1}: replay A ${aRuns[i]!.seconds.toFixed(2)} s, replay B ${bRuns[i]!.seconds.toFixed(2)} s, compare ${cRuns[i]!.seconds.toFixed(2)} s`,
  );
}
const a = best(aRuns, "replay A");
const b = best(bRuns, "replay B");
const c = best(cRuns, "compare");
const share = (a.seconds + b.seconds) / c.seconds;
const verdict = share >= TARGET_SHARE ? "meets" : "misses";
const cpu = (results: Measured[]) => Math.min(...results.map((r) => r.cpuSeconds)).toFixed(2);
const pct = (x: number) => `${fmt(x * 100)} %`;

let server: ServerRun | undefined;
if (!values["no-server"]) {
  server = await measureOnServer({ root, dir, events: path, total, policyB, runs, log });
}

const serverRows = server
  ? `| the editor's impact on a server: the same events in a SQLite event log, read in pages of 2,000 and replayed under both (in process) | ${server.seconds.toFixed(2)} s | ${fmt(total / server.seconds)} | | |`
  : "";
const body = `Command: \`npm run build && npm run bench:compare\` (options: \`-- --events N --runs N --no-server --no-write\`).
Data: the ${fmt(total)} seeded events of bench:replay (seed ${SEED}); policy A the reference campaign,
policy B the same with a compensation rate of 8 % instead of 5 %, delisting at the 2nd violation
instead of the 3rd and exit at the 5th instead of the 10th.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"} (shared), Node ${process.version}; the programs run in turn,
${runs} times; the least wall time and the least CPU time of each count.

| | wall time | events/s | CPU time (all threads) | peak RSS |
|---|---|---|---|---|
| \`gala replay --campaign A\` (stdout → /dev/null) | ${a.seconds.toFixed(2)} s | ${fmt(total / a.seconds)} | ${cpu(aRuns)} s | ${fmt(a.peakRssMb)} MB |
| \`gala replay --campaign B\` | ${b.seconds.toFixed(2)} s | ${fmt(total / b.seconds)} | ${cpu(bRuns)} s | ${fmt(b.peakRssMb)} MB |
| \`gala replay --campaign A --compare B --json\` | ${c.seconds.toFixed(2)} s | ${fmt(total / c.seconds)} | ${cpu(cRuns)} s | ${fmt(c.peakRssMb)} MB |
${serverRows}

The comparison runs at **${pct(share)}** of two plain replays' throughput ((A + B) ÷ compare; target
≥ ${TARGET_SHARE * 100} %: ${verdict} it).

What is measured. Each plain replay reads, scans, runs the engine and encodes and writes every
decision; the comparison reads and scans each line once (on the reader thread, as replay does),
runs the engine twice — two states, two stream clocks — writes nothing per line, and counts
both states' net outcome at the end (one pass over the orders, listings and merchants).
${
  server
    ? `On the server the log is read back in the order stored (${fmt(server.pages)} pages), each body read by the same scanner, with the products approved at review as listings; the event loop is given back between pages.`
    : ""
}`;

log("");
log(body);
if (!values["no-write"]) {
  writeResultsSection(`${root}bench/RESULTS.md`, "compare", body);
  log("\nwritten to bench/RESULTS.md (## compare)");
}
