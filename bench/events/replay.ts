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
 *      campaign) costs, with the compiled campaign cached (as every run after a file's first
 *      one finds it) and with the cache off (`GALA_CACHE_DIR=off`: YAML and schema each time).
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

/** Share of follow-up events that arrive late (out of order) in the second stream. */
const LATE_SHARE = 0.05;

async function ensureData(lateShare = 0): Promise<string> {
  const dir = `${root}bench/.data`;
  mkdirSync(dir, { recursive: true });
  const late = lateShare > 0 ? `-late${lateShare * 100}` : "";
  const path = `${dir}/events-${total}-seed${SEED}${late}.jsonl`;
  if (!existsSync(path)) {
    log(`generating ${fmt(total)} events${late ? `, ${lateShare * 100} % late` : ""} → ${path}`);
    await generateEvents(`${path}.tmp`, total, SEED, { lateShare });
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
const latePath = await ensureData(LATE_SHARE);
const mb = statSync(path).size / 1e6;
const replayArgs = (input: string) => ["replay", "--campaign", `${root}${CAMPAIGN}`, input];
const empty = `${root}bench/.data/empty.jsonl`;
writeFileSync(empty, "");
// A user's first run of a campaign file compiles and caches it; every run measured is a later one.
await measure(`${root}bin/gala`, replayArgs(empty));
const floorRuns: Measured[] = [];
const idRuns: Measured[] = [];
const replayRuns: Measured[] = [];
const lateFloorRuns: Measured[] = [];
const lateRuns: Measured[] = [];
for (let i = 0; i < runs; i++) {
  floorRuns.push(await measure(process.execPath, [`${root}dist/bench/events/floor.js`, path]));
  replayRuns.push(await measure(`${root}bin/gala`, replayArgs(path)));
  idRuns.push(await measure(process.execPath, [`${root}dist/bench/events/id-floor.js`, path]));
  lateFloorRuns.push(
    await measure(process.execPath, [`${root}dist/bench/events/floor.js`, latePath]),
  );
  lateRuns.push(await measure(`${root}bin/gala`, replayArgs(latePath)));
  log(
    `run ${i + 1}: floor ${floorRuns[i]!.seconds.toFixed(2)} s, replay ${replayRuns[i]!.seconds.toFixed(2)} s, floor + order ids ${idRuns[i]!.seconds.toFixed(2)} s; ${LATE_SHARE * 100} % late: floor ${lateFloorRuns[i]!.seconds.toFixed(2)} s, replay ${lateRuns[i]!.seconds.toFixed(2)} s`,
  );
}
const lateFloor = best(lateFloorRuns, "floor (late stream)");
const lateReplay = best(lateRuns, "replay (late stream)");
const lateShareOfFloor = lateFloor.seconds / lateReplay.seconds;
const floor = best(floorRuns, "floor");
const ids = best(idRuns, "floor + order ids");
const replay = best(replayRuns, "replay");
const floorStarts: Measured[] = [];
const replayStarts: Measured[] = [];
const uncachedStarts: Measured[] = [];
const noCache = { ...process.env, GALA_CACHE_DIR: "off" };
for (let i = 0; i < runs; i++) {
  floorStarts.push(await measure(process.execPath, [`${root}dist/bench/events/floor.js`, empty]));
  replayStarts.push(await measure(`${root}bin/gala`, replayArgs(empty)));
  uncachedStarts.push(await measure(`${root}bin/gala`, replayArgs(empty), noCache));
}
const floorStart = best(floorStarts, "floor");
const replayStart = best(replayStarts, "replay");
const uncachedStart = best(uncachedStarts, "replay without the cache");
const steadyShare = (floor.seconds - floorStart.seconds) / (replay.seconds - replayStart.seconds);
const floorRate = total / floor.seconds;
const replayRate = total / replay.seconds;
const idRate = total / ids.seconds;
const share = replayRate / floorRate;
const startGap = replayStart.seconds - floorStart.seconds;
/** The wall time replay would need to meet the target, and how far it is from it. */
const targetSeconds = floor.seconds / TARGET_SHARE;
const verdict = share >= TARGET_SHARE ? "meets" : "misses";
const mapSeconds = ids.seconds - floor.seconds;
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
| floor on the stream with ${LATE_SHARE * 100} % of follow-ups late | ${lateFloor.seconds.toFixed(2)} s | ${fmt(total / lateFloor.seconds)} | ${cpu(lateFloorRuns)} s | ${fmt(lateFloor.peakRssMb)} MB |
| \`gala replay\` on that stream | ${lateReplay.seconds.toFixed(2)} s | ${fmt(total / lateReplay.seconds)} | ${cpu(lateRuns)} s | ${fmt(lateReplay.peakRssMb)} MB |
| floor on an empty input (process start) | ${floorStart.seconds.toFixed(2)} s | | ${cpu(floorStarts)} s | |
| \`gala replay\` on an empty input (start, compiled campaign cached) | ${replayStart.seconds.toFixed(2)} s | | ${cpu(replayStarts)} s | |
| the same with the cache off (\`GALA_CACHE_DIR=off\`: YAML, schema) | ${uncachedStart.seconds.toFixed(2)} s | | ${cpu(uncachedStarts)} s | |

Replay runs at **${pct(share)}** of the floor end to end (target ≥ ${TARGET_SHARE * 100} %: ${verdict} it);
without process start-up on either side, ${pct(steadyShare)}. On the stream where ${LATE_SHARE * 100} % of the
follow-up events (clicks, scans, deliveries, refund requests) arrive late — four in five within
the hour, beyond the campaign's 10 minutes of lateness, one in five up to 36 hours, past
deadlines already fired, so they correct decisions already taken —
replay runs at **${pct(lateShareOfFloor)}** of that stream's floor (target ≥ ${TARGET_SHARE * 100} %: ${lateShareOfFloor >= TARGET_SHARE ? "meets" : "misses"} it).

What is measured. The floor (\`dist/bench/events/floor.js\`) reads the file through replay's own
input path — \`openEventInput\` (a 1 MiB FileHandle stream, UTF-8) and \`processJsonl\` (lines split
by hand) — and calls \`JSON.parse\` on each line, keeping nothing and writing nothing. Replay is
\`bin/gala replay\` as a user runs it: the same stream and line splitting, then each event read,
the engine, and the decisions encoded and written to stdout in 64 KiB batches — on two threads
for an input this size (below). The second row
(\`dist/bench/events/id-floor.js\`) is the floor plus the least state any correct replay keeps:
every order id paid so far, in a Map (has + set per payment, get per order event), because a
payment with a known id must be refused (\`duplicate_order\`) and so must a later event with an
unknown one (\`unknown_order\`). The floor is kept as it was, as the fixed reference for the
target; since replay no longer calls \`JSON.parse\` on well-formed lines (below), it is no
longer a lower bound on replay's parsing, only on reading.

How replay reads events. \`src/domain/fulfilment/contract/scan-event.ts\` reads a line
straight into the typed event, without building the object \`JSON.parse\` would build and \`readEventFast\` would
take apart; \`processJsonl\` hands it each line as a range of its input chunk, so well-formed
lines are never copied out; \`at\` is read in place by the one timestamp reader
(\`readCommonForm\`, which \`parseInstant\` calls too; its date and hour memoised). It claims only lines it fully understands and answers \`undefined\` for
anything else — an escape or control character in a string, a duplicate key, a number other than
a plain integer of at most 15 digits, nesting other than the buyer, trailing text, a wrong type,
a value \`readEventFast\` refuses — and such lines take the old path (\`JSON.parse\`,
\`readEventFast\`, the careful validator), so error lines and messages are byte-identical. Why it
is exact: property tests (fast-check, \`scan-event.test.ts\`) check that on generated events in
random key order with extra keys, JSON whitespace and any Unicode in ids, and on mutated and
arbitrary lines (escapes, duplicate keys, \`1e3\`, \`1.0\`, \`-0\`, \`01\`, nesting, trailing
garbage), whatever it returns deep-equals \`readEventFast(JSON.parse(line))\`, alone and inside a
chunk; a second property holds \`processJsonl\`'s in-place lines to its ordinary ones. Ids of 13
characters or more are copied, so no id kept in the state pins a 1 MiB input chunk.

Two threads. For standard input and for files of 4 MiB or more, \`gala replay\` reads on a
second thread (\`src/cli/replay/read-thread.ts\`, \`read-worker.ts\`): the reader gets the
input's bytes chunk by chunk, splits lines with the same \`processJsonl\` and reads each with the
same scanner, and sends batches of up to 4,096 lines back as numbers (a transferred
Float64Array: line, type, instant, amounts, codes) and strings (ids, texts of lines the scanner
declined); the main thread rebuilds each event field for field and runs the engine and the
encoding as before. Merchant, product, region and carrier ids cross once and are referred to by
number after (order ids are not: numbering 270,000 of them cost the reader more than it saved).
The reader asks for input only while it is at most four batches ahead, so memory stays bounded.
The output is identical: a property test holds every rebuilt event equal, field for field and in
field order, to the one written (\`event-batch.test.ts\`), and \`replay.test.ts\` compares one
thread's and two threads' output byte for byte on 30,000 generated events with every kind of bad
line (BOM, CRLF, blank lines, bad JSON, escapes, a line too long), from a file and from a pipe.
\`GALA_REPLAY_THREADS=1\` forces one thread. The second thread is why replay's CPU time (all
threads) is well above its wall time: it uses the second core for what the floor does on one.

What bounds it now. In process, the scanner reads the bench's lines in about half of
\`JSON.parse\`'s CPU time, so parsing is no longer the largest cost; the engine's state is. With ${orderCount}
order ids, the Map alone adds ${mapSeconds.toFixed(2)} s to the floor (row 2): the table and the ids
outgrow the caches and look-ups miss. The engine on top of the scanner — a refusal check and a
look-up per event, one record per order in the shape the server stores (~270,000 records of 15
fields, their instants separate heap objects, ~140 MB at the end, promoted and marked by the
garbage collector), the deadline lanes, rules and encoding — takes about 2.5 s of CPU; start-up
(node, modules, the compiled campaign read from the cache) is ${startGap.toFixed(2)} s more than the floor's
(${(uncachedStart.seconds - floorStart.seconds).toFixed(2)} s when the campaign file's YAML and schema are loaded and run).
${
  share >= TARGET_SHARE
    ? `It meets the target with ${(targetSeconds - replay.seconds).toFixed(2)} s to spare.`
    : `To meet the target, replay would have to finish in ${targetSeconds.toFixed(2)} s, ${(replay.seconds - targetSeconds).toFixed(2)} s less than it does.`
}

Where replay's time goes, by in-process cuts (\`node dist/bench/events/cuts.js STAGE FILE\`, each
stage adding one layer; least CPU time of three interleaved runs per 1M events, on this shared
machine while other jobs ran, so all higher than on a quiet one): \`JSON.parse\` 1.50 s; + the
order-id Map 1.75 s; \`JSON.parse\` + \`readEventFast\` (typed events, instants read) 2.11 s; the
scanner instead, reading lines in place 0.91 s; the engine on \`JSON.parse\` + \`readEventFast\`
4.13 s, on the scanner 3.35 s; + encoding the decisions (\`ReplaySession\`, as replay runs) 3.66 s.
Peak RSS follows the engine's state (one record per order, listing and merchant), not the
input's size.

Tried, and kept: the scanner, and lines read in place (together ≈ 0.8–1.2 s of CPU per 1M
events, above); a lone due deadline fired straight from its lane instead of through
\`takeDue\`'s list (≈ 120 MB less allocated, 50 → 41 scavenges; an earlier try of the same idea
showed no gain beside \`JSON.parse\`'s garbage); one listing look-up per payment instead of two;
no array-length store when an event decided nothing. Tried, and dropped for want of a
measurable gain: a larger or smaller young generation (\`--max-semi-space-size\` 1–64 MB, again
with the scanner: 16, 32 and 64 MB within noise) or a larger initial old space;
\`--single-threaded-gc\` (in-process CPU within noise); reading \`type\` and \`at\` per event
type to avoid megamorphic loads. Not done:
slimmer order records or numbers for kinds and states — \`OrderRecord\` is the row the
server stores (its shape is kept), kinds and states are already shared constant strings;
retiring finished orders to tombstones — a retired order must still refuse a second payment,
click, scan or delivery and answer a late refund request exactly as before, which needs nearly
every field, and its Map entry, the dominant cost, stays. Tried, and dropped: interning order,
product, merchant and carrier ids in the scanner (an open-addressing table over the input's
characters, so the engine's Map look-ups find the very string they stored and no id string is
allocated twice) — in-process time within noise, no gain. Start-up: the compiled campaign cache
(\`src/app/campaign-cache.ts\`) took loading the campaign from ≈ 0.2 s (importing YAML and zod,
parsing and checking) to a JSON read. Timings on this shared 2-core machine vary by a third
between runs.`;

log("");
log(body);
if (!values["no-write"]) {
  writeResultsSection(`${root}bench/RESULTS.md`, "replay", body);
  log("\nwritten to bench/RESULTS.md (## replay)");
}
