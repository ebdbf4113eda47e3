/**
 * `npm run bench:replay` — how fast `gala replay` is against its floor.
 *
 *   1. the data: N seeded events (default 1,000,000) in bench/.data/, generated once;
 *   2. the floor: a program that reads the same file with the same line reader and only
 *      JSON.parses each line (dist/bench/events/floor.js);
 *   3. the floor plus a Map of every order id (dist/bench/events/id-floor.js): the least state a
 *      correct replay keeps, to show what the size of that state costs before any rule runs;
 *   4. replay end to end: `bin/gala replay` on the file, stdout to /dev/null, with its peak RSS;
 *   5. floor and replay on an empty input, to show what process start-up (and loading the
 *      campaign) costs.
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
const idRuns: Measured[] = [];
const replayRuns: Measured[] = [];
for (let i = 0; i < runs; i++) {
  floorRuns.push(await measure(process.execPath, [`${root}dist/bench/events/floor.js`, path]));
  replayRuns.push(
    await measure(`${root}bin/gala`, ["replay", "--campaign", `${root}${CAMPAIGN}`, path]),
  );
  idRuns.push(await measure(process.execPath, [`${root}dist/bench/events/id-floor.js`, path]));
  log(
    `run ${i + 1}: floor ${floorRuns[i]!.seconds.toFixed(2)} s, replay ${replayRuns[i]!.seconds.toFixed(2)} s, floor + order ids ${idRuns[i]!.seconds.toFixed(2)} s`,
  );
}
const floor = best(floorRuns, "floor");
const ids = best(idRuns, "floor + order ids");
const replay = best(replayRuns, "replay");
const empty = `${root}bench/.data/empty.jsonl`;
writeFileSync(empty, "");
const floorStarts: Measured[] = [];
const replayStarts: Measured[] = [];
for (let i = 0; i < runs; i++) {
  floorStarts.push(await measure(process.execPath, [`${root}dist/bench/events/floor.js`, empty]));
  replayStarts.push(
    await measure(`${root}bin/gala`, ["replay", "--campaign", `${root}${CAMPAIGN}`, empty]),
  );
}
const floorStart = best(floorStarts, "floor");
const replayStart = best(replayStarts, "replay");
const steadyShare = (floor.seconds - floorStart.seconds) / (replay.seconds - replayStart.seconds);
const floorRate = total / floor.seconds;
const replayRate = total / replay.seconds;
const idRate = total / ids.seconds;
const share = replayRate / floorRate;
const idShare = floor.seconds / ids.seconds;
const startGap = replayStart.seconds - floorStart.seconds;
// A replay that only remembered its order ids but started like gala (node, modules, campaign).
const boundShare = floor.seconds / (ids.seconds + startGap);
const verdict = share >= TARGET_SHARE ? "meets" : "misses";
/** What is left for validation, records, rules and output within the target (may be < 0). */
const budget = floor.seconds / TARGET_SHARE - (ids.seconds + startGap);
const orderCount = fmt(Number(/^(\d+) orders/.exec(ids.stderr)?.[1] ?? Number.NaN));
/** Least CPU time over the runs: the least disturbed, like the least wall time. */
const cpu = (results: Measured[]) => Math.min(...results.map((r) => r.cpuSeconds)).toFixed(2);
const pct = (x: number) => `${fmt(x * 100)} %`;

const body = `Command: \`npm run build && npm run bench:replay\` (options: \`-- --events N --runs N\`).
Data: ${fmt(total)} seeded events (seed ${SEED}, ${fmt(mb, 1)} MB): listings, orders through the
activity window with clicks, scans, deliveries, refund requests, hourly clocks, ~4 % late and
~3 % never-scanned parcels, 5 % high-risk buyers, a few exception reports.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"} (shared), Node ${process.version}; the three
programs run in turn, ${runs} times; the least wall time and the least CPU time of each count.

| | wall time | events/s | CPU time (all threads) | peak RSS |
|---|---|---|---|---|
| floor: read + \`JSON.parse\` each line | ${floor.seconds.toFixed(2)} s | ${fmt(floorRate)} | ${cpu(floorRuns)} s | ${fmt(floor.peakRssMb)} MB |
| floor + a Map of every order id | ${ids.seconds.toFixed(2)} s | ${fmt(idRate)} | ${cpu(idRuns)} s | ${fmt(ids.peakRssMb)} MB |
| \`gala replay\` end to end (stdout → /dev/null) | ${replay.seconds.toFixed(2)} s | ${fmt(replayRate)} | ${cpu(replayRuns)} s | ${fmt(replay.peakRssMb)} MB |
| floor on an empty input (process start) | ${floorStart.seconds.toFixed(2)} s | | ${cpu(floorStarts)} s | |
| \`gala replay\` on an empty input (start, campaign file) | ${replayStart.seconds.toFixed(2)} s | | ${cpu(replayStarts)} s | |

Replay runs at **${pct(share)}** of the floor end to end (target ≥ ${TARGET_SHARE * 100} %: ${verdict} it);
without process start-up on either side, ${pct(steadyShare)}.

What is measured. The floor (\`dist/bench/events/floor.js\`) reads the file through replay's own
input path — \`openEventInput\` (a 1 MiB FileHandle stream, UTF-8) and \`processJsonl\` (lines split
by hand) — and calls \`JSON.parse\` on each line, keeping nothing and writing nothing. Replay is
\`bin/gala replay\` as a user runs it: the same input path, then validation, the engine, and the
decisions encoded and written to stdout in 64 KiB batches. The second row
(\`dist/bench/events/id-floor.js\`) is the floor plus the least state any correct replay keeps:
every order id paid so far, in a Map (has + set per payment, get per order event), because a
payment with a known id must be refused (\`duplicate_order\`) and so must a later event with an
unknown one (\`unknown_order\`).

What bounds it. With that Map alone the floor runs at ${pct(idShare)} of its own rate: with ${orderCount}
ids the table and the ids outgrow the caches, look-ups miss, and even the same \`JSON.parse\` calls
get slower beside the larger live heap. Add replay's start-up (node, its modules, the campaign
file's YAML and schema: ${startGap.toFixed(2)} s more than the floor's) and a replay that did nothing but
remember its order ids would run at ${pct(boundShare)} of the floor. ${
  budget > 0
    ? `To reach ${TARGET_SHARE * 100} %, everything else — validating each event, keeping its
order's record, the rules, encoding — would have to fit in ${budget.toFixed(2)} s for ${fmt(total)} events; the cuts
below put it near 2 s of CPU, of which the order records alone, in the shape the server stores,
take ≈ 0.85 s.`
    : `So ${TARGET_SHARE * 100} % is out of reach for a replay that parses with \`JSON.parse\` and keeps its orders in a Map, before validation or a single rule.`
}

Where replay's time goes, by in-process cuts (\`node dist/bench/events/cuts.js STAGE FILE\`, each
stage adding one layer; least CPU time of three interleaved runs per 1M events, on this shared
machine): \`JSON.parse\` 1.16 s; + the order-id Map 1.50 s; + validation 1.79 s (typed events,
instants read); + one record per order in \`OrderRecord\`'s shape, its instants updated, no rule
2.64 s; the engine instead of those records 3.36 s; + encoding the decisions ≈ 3.5 s. Records
are the largest step: ~270,000 records of 15 fields stay alive with their ids and their instants
(numbers too large for V8's small integers, so each one set is a separate heap object: ≈ 0.3 s
of the 0.85 s), ~140 MB at the end, promoted and marked by the garbage collector. The engine's
rules, deadline index and listings then add ≈ 0.7 s, most of it look-ups and record reads that
miss the cache. Peak RSS follows the engine's state (one record per order, listing and
merchant), not the input's size.

Tried, and kept: one listing look-up per payment instead of two (≈ 1 % of CPU profiles; below
this machine's noise in wall time). Tried, and dropped for want of a measurable gain: firing a
lone due deadline without allocating; a larger or smaller young generation
(\`--max-semi-space-size\` 1–64 MB) or a larger initial old space; reading \`type\` and \`at\` per
event type to avoid megamorphic loads. Not done: slimmer order records or numbers for kinds and
states — \`OrderRecord\` is the row the server stores (its shape is kept), kinds and states are
already shared constant strings and short ids are interned by \`JSON.parse\`; retiring finished
orders to tombstones — a retired order must still refuse a second payment, click, scan or
delivery and answer a late refund request exactly as before, which needs nearly every field,
and its Map entry, the dominant cost, stays; a hand-written scanner for event lines instead of
\`JSON.parse\` — a prototype read these lines in about half of \`JSON.parse\`'s time, but it would
have to accept exactly what \`JSON.parse\` accepts (escapes, duplicate keys, number forms) on
untrusted input, the floor would no longer be a floor, and replay would still sit near a third
of it. Timings on this shared 2-core machine vary by a third between runs.`;

log("");
log(body);
if (!values["no-write"]) {
  writeResultsSection(`${root}bench/RESULTS.md`, "replay", body);
  log("\nwritten to bench/RESULTS.md (## replay)");
}
