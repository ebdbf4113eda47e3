/**
 * `npm run bench:check` — how fast `gala check` is, against its floor and its peer.
 *
 *   1. end to end: `bin/gala check` on N merchants (default 1,000,000; 1–3 products each),
 *      output to /dev/null, with the check process's peak RSS;
 *   2. the floor: a program that only parses each line and writes a JSON line of the same size;
 *   3. the same two on a population where most merchants fail (--failing N, default 150,000
 *      merchants failing 3–5 rules a line on average, decisions ~1.8× the input): bulk
 *      screening, where messages and their JSON are most of the work;
 *   4. evaluation alone, in memory, on the same parsed 100,000 merchants: our compiled rules
 *      against json-rules-engine with the same rules, both collecting every failing rule
 *      (and checked to agree on which rules fail).
 *
 * Options: --merchants N (default 1000000), --failing N (default 150000, 0 to skip), --sample N
 * (default 100000), --rounds N (default 2: check and floor run interleaved, fastest of each
 * kept), --no-write.
 * Writes the figures to bench/RESULTS.md, section "## check".
 */
import { createReadStream, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { readCampaignFile } from "../../src/app/campaign-file.js";
import { compileEligibility } from "../../src/domain/eligibility/index.js";
import { generateFile, type Population } from "./generate.js";
import { type Measured, measure } from "./measure.js";
import { createPeer, type PeerResult } from "./peer.js";
import { writeSection } from "./results.js";

const root = new URL("../../../", import.meta.url).pathname;
const CAMPAIGN = "campaigns/spring-festival-2024.yaml";
const SEED = 20240209;
const TARGETS = { floorShare: 0.6, failingFloorShare: 0.8, peerRatio: 100, rssMb: 300 };
/** Bump when the generator changes, so a file made by an older one is not reused. */
const GENERATOR_VERSION = 2;

const { values } = parseArgs({
  options: {
    merchants: { type: "string", default: "1000000" },
    failing: { type: "string", default: "150000" },
    sample: { type: "string", default: "100000" },
    rounds: { type: "string", default: "2" },
    "no-write": { type: "boolean", default: false },
  },
});
const merchants = Number(values.merchants);
const failingMerchants = Number(values.failing);
const sampleSize = Number(values.sample);
const rounds = Number(values.rounds);

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const log = (text: string) => process.stdout.write(`${text}\n`);

async function ensureData(count: number, population: Population): Promise<string> {
  const dir = `${root}bench/.data`;
  mkdirSync(dir, { recursive: true });
  const kind = population === "healthy" ? "merchants" : "failing-merchants";
  const path = `${dir}/${kind}-v${GENERATOR_VERSION}-${count}-seed${SEED}.jsonl`;
  if (!existsSync(path)) {
    log(`generating ${fmt(count)} ${population} merchants → ${path}`);
    await generateFile(`${path}.tmp`, count, SEED, population);
    renameSync(`${path}.tmp`, path);
  }
  return path;
}

interface EndToEnd {
  check: Measured;
  floor: Measured;
  peakRssMb: number;
}

/**
 * `gala check` and the floor on one input, interleaved, fastest of each kept: on a shared
 * 2-core machine a neighbour's burst slows one run; it should not decide the ratio.
 */
async function endToEnd(data: string, label: string): Promise<EndToEnd> {
  const checkArgs = ["check", "--campaign", `${root}${CAMPAIGN}`, data];
  const floorArgs = [`${root}dist/bench/check/floor.js`, data];
  let check: Measured | undefined;
  let floor: Measured | undefined;
  let peakRssMb = 0;
  for (let round = 1; round <= rounds; round++) {
    const c = await measure(`${root}bin/gala`, checkArgs);
    if (c.status !== 0) throw new Error(`gala check exited ${c.status}: ${c.stderr}`);
    const f = await measure(process.execPath, floorArgs);
    if (f.status !== 0) throw new Error(`floor exited ${f.status}: ${f.stderr}`);
    log(
      `${label} round ${round}: gala check ${c.seconds.toFixed(2)} s (peak RSS ${fmt(c.peakRssMb)} MB), floor ${f.seconds.toFixed(2)} s`,
    );
    if (!check || c.seconds < check.seconds) check = c;
    if (!floor || f.seconds < floor.seconds) floor = f;
    peakRssMb = Math.max(peakRssMb, c.peakRssMb);
  }
  if (!check || !floor) throw new Error("--rounds must be at least 1");
  return { check, floor, peakRssMb };
}

/** Average input and decision line sizes (UTF-8 bytes), and failing rules a line. */
async function shapeOf(path: string, engine: ReturnType<typeof compileEligibility>) {
  const sample = await readSample(path, 20_000);
  let input = 0;
  let output = 0;
  let failures = 0;
  for (const line of sample) {
    const decision = engine.evaluate(line.merchant, line.products);
    input += Buffer.byteLength(JSON.stringify(line)) + 1;
    output += Buffer.byteLength(JSON.stringify(decision)) + 1;
    failures += decision.failures.length;
    for (const p of decision.products) failures += p.failures.length;
  }
  return {
    inputBytes: input / sample.length,
    outputBytes: output / sample.length,
    failuresPerLine: failures / sample.length,
  };
}

async function readSample(path: string, count: number) {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  const sample: { merchant: Record<string, unknown>; products: Record<string, unknown>[] }[] = [];
  for await (const line of lines) {
    sample.push(JSON.parse(line));
    if (sample.length >= count) break;
  }
  lines.close();
  return sample;
}

async function main() {
  const data = await ensureData(merchants, "healthy");
  const megabytes = statSync(data).size / 1e6;
  log(`input: ${fmt(merchants)} merchants, ${fmt(megabytes)} MB (${data})`);
  log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, node ${process.version}`);

  const checkArgs = ["check", "--campaign", `${root}${CAMPAIGN}`, data];
  const { check, floor, peakRssMb } = await endToEnd(data, "healthy");
  // What the process holds before streaming anything: start-up of the whole CLI and the campaign.
  const idle = await measure(`${root}bin/gala`, [
    ...checkArgs.slice(0, 3),
    `${root}examples/merchants.jsonl`,
  ]);
  const checkRate = merchants / check.seconds;
  const floorRate = merchants / floor.seconds;
  const floorShare = checkRate / floorRate;
  log(
    `gala check: ${fmt(checkRate)} merchants/s, ${fmt(megabytes / check.seconds, 1)} MB/s in, peak RSS ${fmt(peakRssMb)} MB`,
  );
  log(`floor (parse + write): ${fmt(floorRate)} merchants/s`);
  log(
    `→ gala check runs at ${(floorShare * 100).toFixed(0)}% of the floor (target ≥ ${TARGETS.floorShare * 100}%)`,
  );

  const campaign = await readCampaignFile(`${root}${CAMPAIGN}`);
  const engine = compileEligibility(campaign);

  // Bulk screening: most merchants fail a few rules, so messages and their JSON dominate.
  const failing = failingMerchants > 0 ? await failingRun(engine) : undefined;

  const peer = createPeer(campaign);
  const sample = await readSample(data, sampleSize);

  // Ours: the median of 5 passes (a neighbour's burst on this shared machine moves one pass, not the median).
  const passes: number[] = [];
  let sink = 0;
  for (let round = 0; round < 5; round++) {
    const t = performance.now();
    for (const line of sample)
      sink += engine.evaluate(line.merchant, line.products).failures.length;
    passes.push((performance.now() - t) / 1000);
  }
  const oursSeconds = passes.sort((a, b) => a - b)[2]!;
  // The peer: one pass (it is ~100× slower), timed alone; agreement is checked afterwards.
  const theirs: PeerResult[] = [];
  const t = performance.now();
  for (const line of sample) theirs.push(await peer(line.merchant, line.products));
  const peerSeconds = (performance.now() - t) / 1000;
  let disagreements = 0;
  let inputChars = 0;
  let outputChars = 0;
  sample.forEach((line, i) => {
    const decision = engine.evaluate(line.merchant, line.products);
    if (!agrees(decision, theirs[i]!)) disagreements++;
    inputChars += JSON.stringify(line).length + 1;
    outputChars += JSON.stringify(decision).length + 1;
  });
  const oursRate = sample.length / oursSeconds;
  const peerRate = sample.length / peerSeconds;
  const peerRatio = oursRate / peerRate;
  log(
    `evaluation, ${fmt(sample.length)} merchants in memory: ours ${fmt(oursRate)} merchants/s, json-rules-engine ${fmt(peerRate)} merchants/s`,
  );
  log(
    `→ ours is ${fmt(peerRatio)}× json-rules-engine (target ≥ ${TARGETS.peerRatio}×); disagreements: ${disagreements} (sink ${sink})`,
  );
  const sizes = `input lines average ${fmt(inputChars / sample.length)} characters, decision lines ${fmt(outputChars / sample.length)}`;
  log(sizes);

  const pass = (ok: boolean) => (ok ? "met" : "**missed**");
  const failingRows = failing
    ? `
| bulk screening, \`gala check\` end to end on ${fmt(failingMerchants)} merchants failing ${failing.shape.failuresPerLine.toFixed(1)} rules a line on average (${fmt(failing.megabytes)} MB; decisions ${(failing.shape.outputBytes / failing.shape.inputBytes).toFixed(2)}× the input in bytes; fastest of ${rounds}) | ${failing.run.check.seconds.toFixed(2)} s, ${fmt(failing.checkRate)} merchants/s | |
| bulk screening, floor on the same input (fastest of ${rounds}) | ${failing.run.floor.seconds.toFixed(2)} s, ${fmt(failing.floorRate)} merchants/s | |
| bulk screening, end to end ÷ floor | ${(failing.share * 100).toFixed(0)}% | ≥ ${TARGETS.failingFloorShare * 100}% — ${pass(failing.share >= TARGETS.failingFloorShare)} |`
    : "";
  const body = `Command: \`npm run build && npm run bench:check\` (options: \`-- --merchants N --failing N --sample N --rounds N\`).
Input: ${fmt(merchants)} merchants with 1–3 products each (seeded, \`bench/.data/\`), ${fmt(megabytes)} MB of JSONL;
campaign \`${CAMPAIGN}\` (${campaign.rules.length} rules). Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"} (shared), node ${process.version}.

| measure | figure | target |
|---|---|---|
| \`gala check\` end to end (stdout to /dev/null; fastest of ${rounds}) | ${check.seconds.toFixed(2)} s, ${fmt(checkRate)} merchants/s, ${fmt(megabytes / check.seconds, 1)} MB/s | |
| floor: parse each line, write a JSON line of the same size (fastest of ${rounds}) | ${floor.seconds.toFixed(2)} s, ${fmt(floorRate)} merchants/s | |
| end to end ÷ floor | ${(floorShare * 100).toFixed(0)}% | ≥ ${TARGETS.floorShare * 100}% — ${pass(floorShare >= TARGETS.floorShare)} |
| peak RSS of the check process (on a 40-line input: ${fmt(idle.peakRssMb)} MB) | ${fmt(peakRssMb)} MB | < ${TARGETS.rssMb} MB — ${pass(peakRssMb < TARGETS.rssMb)} |${failingRows}
| evaluation alone, ours (${fmt(sample.length)} parsed merchants, median of 5 passes) | ${fmt(oursRate)} merchants/s | |
| evaluation alone, json-rules-engine 7.3.1, same rules (one pass) | ${fmt(peerRate)} merchants/s | |
| ours ÷ json-rules-engine | ${fmt(peerRatio)}× | ≥ ${TARGETS.peerRatio}× — ${pass(peerRatio >= TARGETS.peerRatio)} |

Both engines collect every failing rule of the merchant and of each product; they disagreed on
${disagreements} of ${fmt(sample.length)} merchants. Ours also renders each failure's zh/en message,
json-rules-engine only names the rule. End-to-end times include node start-up and campaign loading.
On this sample ${sizes}: a decision is smaller than its input, so writing it costs less than the
floor's same-size line, and parsing the input dominates both; that is why \`gala check\` can come
close to (or beat) the floor. The machine is shared with other developers: one program's time
varied by up to a third between rounds, hence the interleaved rounds (printed by the command).`;
  if (!values["no-write"]) {
    writeSection(`${root}bench/RESULTS.md`, "check", body);
    log("written to bench/RESULTS.md (## check)");
  }
}

async function failingRun(engine: ReturnType<typeof compileEligibility>) {
  const data = await ensureData(failingMerchants, "failing");
  const megabytes = statSync(data).size / 1e6;
  const shape = await shapeOf(data, engine);
  log(
    `bulk screening input: ${fmt(failingMerchants)} merchants, ${fmt(megabytes)} MB, ${shape.failuresPerLine.toFixed(1)} failing rules a line, decisions ${(shape.outputBytes / shape.inputBytes).toFixed(2)}× the input`,
  );
  const run = await endToEnd(data, "bulk screening");
  const checkRate = failingMerchants / run.check.seconds;
  const floorRate = failingMerchants / run.floor.seconds;
  const share = checkRate / floorRate;
  log(
    `→ on bulk screening gala check runs at ${(share * 100).toFixed(0)}% of the floor (target ≥ ${TARGETS.failingFloorShare * 100}%)`,
  );
  return { megabytes, shape, run, checkRate, floorRate, share };
}

function agrees(
  ours: { failures: { rule: string }[]; products: { failures: { rule: string }[] }[] },
  theirs: { merchantFailures: string[]; productFailures: string[][] },
): boolean {
  const same = (a: { rule: string }[], b: string[]) =>
    a
      .map((f) => f.rule)
      .sort()
      .join() === [...b].sort().join();
  return (
    same(ours.failures, theirs.merchantFailures) &&
    ours.products.every((p, i) => same(p.failures, theirs.productFailures[i] ?? []))
  );
}

await main();
