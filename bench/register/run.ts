/**
 * `npm run bench:register` — bulk registration through the HTTP API on SQLite, in products per
 * second, against the floor of inserting the same rows with one prepared statement.
 *
 *   1. setup (not timed): a fresh SQLite file with M merchants and N products that pass;
 *   2. `bin/gala serve` on it (its own process, clock inside the registration window);
 *   3. timed: every product registered through POST …/registrations in batches of B, C calls
 *      in flight, each call judged, written and audited in one transaction;
 *   4. the floor (see floor.ts), on a fresh file.
 *
 * Options: --products N (100000), --merchants M (10), --batch B (10000), --concurrency C (2),
 * --rounds R (3: fastest API and fastest floor kept), --no-write. Writes bench/RESULTS.md, section "## register".
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { parseInstant } from "../../src/domain/time/parse.js";
import { writeSection } from "../check/results.js";
import { measureFloor } from "./floor.js";
import { type BenchData, setupDatabase } from "./setup.js";

const root = new URL("../../../", import.meta.url).pathname;
const CAMPAIGN = "campaigns/spring-festival-2024.yaml";
const CLOCK = "2024-02-10T10:00:00+08:00";
const TARGET_SHARE = 0.3;

const { values } = parseArgs({
  options: {
    products: { type: "string", default: "100000" },
    merchants: { type: "string", default: "10" },
    batch: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "2" },
    rounds: { type: "string", default: "3" },
    "no-write": { type: "boolean", default: false },
    /** Extra node flags for the server process, e.g. "--cpu-prof" to profile it. */
    "server-node-args": { type: "string", default: "" },
  },
});
const N = Number(values.products);
const M = Number(values.merchants);
const B = Number(values.batch);
const C = Number(values.concurrency);
const R = Number(values.rounds);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const log = (text: string) => process.stdout.write(`${text}\n`);

function startServer(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    `${root}bin/gala`,
    [
      "serve",
      "--db",
      `sqlite:${dbPath}`,
      "--port",
      "0",
      "--clock",
      CLOCK,
      "--clock-speed",
      "0",
      "--log-level",
      "warn",
    ],
    { cwd: root, stdio: ["ignore", "inherit", "pipe"] },
  );
  let err = "";
  return new Promise((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const match = /serving at (http:\/\/\S+)/.exec(err);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on("exit", (code) => reject(new Error(`gala serve exited ${code}: ${err}`)));
  });
}

async function registerAll(
  url: string,
  data: BenchData,
): Promise<{ seconds: number; calls: number }> {
  const calls = data.merchants.flatMap((m) => {
    const out: Array<{ merchant: string; token: string; ids: string[] }> = [];
    for (let i = 0; i < m.productIds.length; i += B) {
      out.push({ merchant: m.id, token: m.token, ids: m.productIds.slice(i, i + B) });
    }
    return out;
  });
  // Bodies are built before the clock starts: the client's own JSON work is not the server's.
  const bodies = calls.map((c) =>
    JSON.stringify({ products: c.ids.map((productId) => ({ productId })) }),
  );
  let next = 0;
  let registered = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < calls.length) {
      const i = next++;
      const call = calls[i]!;
      const res = await fetch(
        `${url}/api/v1/campaigns/spring-festival-2024/merchants/${call.merchant}/registrations`,
        {
          method: "POST",
          headers: { authorization: `Bearer ${call.token}`, "content-type": "application/json" },
          body: bodies[i]!,
        },
      );
      const body = (await res.json()) as { counts?: { pending_review: number } };
      if (res.status !== 200 || body.counts?.pending_review !== call.ids.length) {
        throw new Error(`call ${i}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      }
      registered += call.ids.length;
    }
  };
  await Promise.all(Array.from({ length: C }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (registered !== N) throw new Error(`registered ${registered} of ${N}`);
  return { seconds, calls: calls.length };
}

/** CPU seconds a process has used so far (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** One round: a fresh database, the API timed on it, then both floors on fresh files. */
async function round(dir: string, now: number) {
  const data = await setupDatabase(`${dir}/register.db`, `${root}${CAMPAIGN}`, now, M, N);
  const { child, url } = await startServer(`${dir}/register.db`);
  let api: { seconds: number; calls: number };
  let serverCpu: number;
  try {
    const before = cpuSeconds(child.pid!);
    api = await registerAll(url, data);
    serverCpu = cpuSeconds(child.pid!) - before;
  } finally {
    child.removeAllListeners("exit");
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited; // the floors must not share the machine with a server still shutting down
  }
  const products = data.merchants.flatMap((m) =>
    m.productIds.map((productId) => ({ merchantId: m.id, productId })),
  );
  const rows = await measureFloor(`${dir}/register-floor.db`, products, now, false);
  const same = await measureFloor(`${dir}/register-floor.db`, products, now, true);
  return { api, serverCpu, rows, same };
}

async function main() {
  const dir = `${root}bench/.data`;
  mkdirSync(dir, { recursive: true });
  const now = parseInstant(CLOCK)!;
  log(`${fmt(M)} merchants, ${fmt(N)} products; batches of ${fmt(B)}, ${C} in flight; ${R} rounds`);
  let best: Awaited<ReturnType<typeof round>> | undefined;
  let rowsFloor = Number.POSITIVE_INFINITY;
  let sameFloor = Number.POSITIVE_INFINITY;
  for (let r = 1; r <= R; r++) {
    const x = await round(dir, now);
    log(
      `round ${r}: API ${fmt(x.api.seconds, 2)} s (${fmt(N / x.api.seconds)} products/s, server CPU ${fmt(x.serverCpu, 2)} s); floors: registration rows ${fmt(x.rows, 2)} s, same rows ${fmt(x.same, 2)} s`,
    );
    if (!best || x.api.seconds < best.api.seconds) best = x;
    rowsFloor = Math.min(rowsFloor, x.rows);
    sameFloor = Math.min(sameFloor, x.same);
  }
  // Fastest of each: the machine is shared, and noise only ever makes a run slower.
  const { api, serverCpu } = best!;
  const apiRate = N / api.seconds;
  const ofRows = rowsFloor / api.seconds;
  const ofSame = sameFloor / api.seconds;
  log(
    `API ÷ floor: ${fmt(ofSame * 100, 1)}% of the same-rows floor, ${fmt(ofRows * 100, 1)}% of the registration-rows floor`,
  );

  if (values["no-write"]) return;
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  const verdict = (share: number) => (share >= TARGET_SHARE ? "met" : "NOT met");
  writeSection(
    `${root}bench/RESULTS.md`,
    "register",
    `Command: \`npm run build && npm run bench:register\` (options: \`-- --products N --merchants M --batch B --concurrency C --rounds R\`).
Input: ${fmt(N)} products of ${fmt(M)} merchants, all passing the 25 rules of \`${CAMPAIGN}\`, registered through
\`POST /api/v1/campaigns/{id}/merchants/{id}/registrations\` on \`gala serve\` (SQLite, WAL, synchronous FULL, its own
process), ${fmt(api.calls)} calls of ${fmt(B)} products, ${C} in flight, the client in another process on the same machine.
Machine: ${cpus().length} × ${cpu}, node ${process.version}. Fastest of ${R} rounds for each figure.

| measure | figure | target |
| --- | --- | --- |
| bulk registration through the HTTP API | ${fmt(api.seconds, 2)} s, ${fmt(apiRate)} products/s (server CPU ${fmt(serverCpu, 2)} s) | |
| floor, same rows: the registration row and audit row of each product (and the call's audit row), one prepared statement per table, one transaction | ${fmt(sameFloor, 2)} s, ${fmt(N / sameFloor)} products/s | |
| floor, registration rows only, one prepared statement, one transaction | ${fmt(rowsFloor, 2)} s, ${fmt(N / rowsFloor)} rows/s | |
| API ÷ same-rows floor | ${fmt(ofSame * 100, 1)}% | ≥ ${TARGET_SHARE * 100}% — ${verdict(ofSame)} |
| API ÷ registration-rows floor | ${fmt(ofRows * 100, 1)}% | ≥ ${TARGET_SHARE * 100}% — ${verdict(ofRows)} |

Each API call authenticates the token, validates the body, reads the merchant's and the products'
current facts and any existing registrations, judges every product against every rule, writes a
registration row and an audit row per product (every transition is audited) in one transaction,
and answers with a result per product. The same-rows floor writes exactly those rows and nothing
else; the registration-rows floor leaves the audit rows out, so it is a floor the API cannot reach
without dropping the audit log: the audit rows alone cost the server about 0.5 s of CPU here.

The server is CPU-bound (one thread): its CPU time can exceed the wall time because the garbage
collector runs on helper threads. Where the time goes (profile of the server, 100,000 products):
SQLite executing the inserts and commits about 45%, reading the products' facts about 13%, judging
about 10%, garbage collection about 12%, HTTP and validation the rest. What made it 2.5× faster
than the first version: time-ordered ids instead of random UUIDs (the primary-key and audit indexes
append instead of touching a random page per row), multi-row INSERTs as SQL text instead of one
query-builder node per value, cached prepared statements, one audit row per call for what its
products share, and no re-validation of the answer in \`gala serve\`. The machine is shared: figures
move by ±15% between runs, more when other benchmarks run.`,
  );
}

await main();
