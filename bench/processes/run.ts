/**
 * `npm run bench:processes`: ingestion past one process, and the server's memory (issue 17).
 *
 * 1. One `gala serve` vs two on one PostgreSQL: the same seeded stream (bench:replay's generator,
 *    its `clock` lines left out: the server's clock is the time authority) posted in batches of
 *    500 by PRODUCERS concurrent producers taking the next batch as they finish one, all to one
 *    process, then to two (producer i to process i mod 2). Each run on a fresh schema. The
 *    servers' clock stands at the stream's start with `--max-event-lead 12d`, so every event is
 *    taken as it comes (no deadline falls due: the measure is ingestion — events, orders and the
 *    instant refunds they decide — not the sweeper). After each run the stored events and
 *    decisions are counted: both runs must store the same (nothing lost, nothing twice).
 * 2. Memory: one `gala serve` on SQLite, ORDERS paid orders posted (none shipped: all open), its
 *    resident set size (VmRSS) read from /proc at each mark, after a pause so the allocator
 *    settles.
 *
 * Options: `-- --events N --orders N --producers N --no-write`.
 */
import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { generateEvents } from "../events/generate.js";
import { cpuTicks } from "../events/measure.js";
import { writeResultsSection } from "../events/results.js";
import { startServe } from "../reads/console.js";

const root = new URL("../../../", import.meta.url).pathname;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EVENTS = arg("events", 200_000);
const ORDERS = arg("orders", 1_000_000);
const PRODUCERS = arg("producers", 4);
const BATCH = 500;
const START = "2024-02-09T00:00:00+08:00";
/** After the stream's last follow-up: every deadline has fallen due. */
const END = "2024-02-20T00:00:00+08:00";
const SERVE_FLAGS = ["--max-event-lead", "12d"];
const PG_BASE = process.env.GALA_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/test";
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const log = (s: string) => process.stderr.write(`${s}\n`);

const LOAD_AT_START = loadavg()
  .map((l) => l.toFixed(1))
  .join(" / ");
const dir = mkdtempSync(join(tmpdir(), "gala-bench-processes-"));
const children: ChildProcess[] = [];

function channelToken(db: string): string {
  const out = spawnSync(
    join(root, "bin/gala"),
    ["token", "create", "--db", db, "--role", "channel"],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  if (out.status !== 0) throw new Error(`gala token create failed: ${out.stderr}`);
  return out.stdout.trim();
}

async function serve(db: string, clock = START): Promise<{ url: string; pid: number }> {
  const { child, port } = await startServe(root, db, clock, SERVE_FLAGS);
  children.push(child);
  return { url: `http://127.0.0.1:${port}`, pid: child.pid! };
}

async function stopServers(): Promise<void> {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

interface Refusal {
  index: number;
  error: { code: string };
}

/** Posts a batch; returns the events refused as `unknown_order` (their payment is still in flight). */
async function post(url: string, token: string, events: readonly object[]): Promise<object[]> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(events),
  });
  const body = (await res.json()) as { errors?: Refusal[] };
  const errors = body.errors ?? [];
  if (res.status !== 200 || errors.some((e) => e.error.code !== "unknown_order")) {
    throw new Error(`POST /events answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return errors.map((e) => events[e.index]!);
}

/**
 * PRODUCERS loops, each taking the next batch as it finishes one, producer i posting to
 * urls[i mod n]. An event refused because its order's payment is in another producer's batch
 * still in flight is sent again in a later batch, as the contract tells a channel to.
 */
async function produce(urls: string[], token: string, batches: readonly object[][]) {
  const queue = [...batches];
  let next = 0;
  let inFlight = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PRODUCERS }, async (_, p) => {
      const url = urls[p % urls.length]!;
      for (;;) {
        const batch = queue[next];
        if (batch === undefined) {
          if (inFlight === 0) return;
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        next++;
        inFlight++;
        const again = await post(url, token, batch);
        inFlight--;
        if (again.length > 0) queue.push(again);
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

async function withSchema<T>(name: string, body: (db: string) => Promise<T>): Promise<T> {
  const schema = `${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_BASE });
  await admin.connect();
  try {
    await admin.query(`drop schema if exists ${schema} cascade`);
    return await body(`${PG_BASE}?schema=${schema}`);
  } finally {
    await stopServers(); // a server still writing would deadlock the drop
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

/**
 * Seconds from t0 until the decisions stop growing (unchanged over a second of polls, after at least one):
 * the sweepers' work, to within the polling interval.
 */
async function settled(db: string, t0: number): Promise<number> {
  let last = -1;
  let lastChange = t0;
  for (;;) {
    const { decisions } = await countStored(db);
    const now = performance.now();
    if (decisions !== last) {
      last = decisions;
      lastChange = now;
    } else if (decisions > 0 && now - lastChange > 1_000) {
      return (lastChange - t0) / 1000;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function countStored(db: string) {
  const [base, query] = db.split("?schema=");
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`set search_path to ${query}`);
    const one = async (sql: string) => Number((await client.query(sql)).rows[0].n);
    return {
      events: await one("select count(*) as n from ff_events"),
      decisions: await one("select count(*) as n from ff_decisions"),
      orders: await one("select count(*) as n from ff_orders"),
    };
  } finally {
    await client.end();
  }
}

async function processes() {
  const file = join(dir, "events.jsonl");
  await generateEvents(file, EVENTS, 20240209);
  const events = readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line, i) => ({ id: `e${i}`, ...JSON.parse(line) }))
    .filter((e) => e.type !== "clock");
  const batches: object[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  const runs = [];
  for (const n of [1, 2]) {
    const run = await withSchema(`bench_procs${n}`, async (db) => {
      const token = channelToken(db);
      const servers = [];
      for (let i = 0; i < n; i++) servers.push(await serve(db));
      const cpu0 = servers.map((s) => cpuTicks(s.pid));
      const seconds = await produce(
        servers.map((s) => s.url),
        token,
        batches,
      );
      const cpuTicksUsed = servers.reduce((sum, s, i) => sum + cpuTicks(s.pid) - cpu0[i]!, 0);
      await stopServers();
      // The same servers started again with the clock past the stream: their sweepers share the
      // campaign's merchants (skip locked) and decide everything that fell due, once.
      const t0 = performance.now();
      await Promise.all(Array.from({ length: n }, () => serve(db, END)));
      const sweepSeconds = await settled(db, t0);
      await stopServers();
      const stored = await countStored(db);
      return {
        n,
        seconds,
        sweepSeconds,
        cpuMsPerEvent: (cpuTicksUsed * 10) / events.length,
        stored,
      };
    });
    log(
      `${n} process(es): ${run.seconds.toFixed(1)} s, ${fmt(events.length / run.seconds)} events/s, sweep ${run.sweepSeconds.toFixed(1)} s, stored ${JSON.stringify(run.stored)}`,
    );
    runs.push(run);
  }
  const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const same =
    one.stored.events === two.stored.events &&
    one.stored.decisions === two.stored.decisions &&
    one.stored.orders === two.stored.orders;
  if (!same)
    throw new Error(`one and two processes stored different rows: ${JSON.stringify(runs)}`);
  return { events: events.length, one, two };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function memory() {
  const db = `sqlite:${join(dir, "memory.db")}`;
  const token = channelToken(db);
  const server = await serve(db);
  const merchants = 500;
  const products = 5_000;
  await post(
    server.url,
    token,
    Array.from({ length: products }, (_, p) => ({
      id: `l${p}`,
      type: "product.listed",
      at: START,
      merchantId: `m${p % merchants}`,
      productId: `p${p}`,
      shippingGuaranteeHours: 48,
    })),
  );
  const start = Date.parse(START);
  const span = 8 * 24 * 3_600_000 - 1;
  const paid = (i: number) => ({
    id: `pay${i}`,
    type: "order.paid",
    at: new Date(start + Math.floor((i / ORDERS) * span)).toISOString(),
    orderId: `o${i}`,
    merchantId: `m${(i % products) % merchants}`,
    productId: `p${i % products}`,
    amountFen: 1_000 + (i % 50_000),
    region: "CN-ZJ",
    buyer: { id: `b${i}`, risk: "normal" },
  });
  const settle = () => new Promise((r) => setTimeout(r, 2_000));
  await settle();
  const marks = [{ orders: 0, rssMb: rssMb(server.pid) }];
  const at = [100_000, 250_000, 500_000, 1_000_000].filter((n) => n <= ORDERS);
  if (!at.includes(ORDERS)) at.push(ORDERS);
  let done = 0;
  for (const mark of at) {
    const batches: object[][] = [];
    for (let i = done; i < mark; i += 1_000) {
      batches.push(Array.from({ length: Math.min(1_000, mark - i) }, (_, k) => paid(i + k)));
    }
    await produce([server.url], token, batches);
    done = mark;
    await settle();
    marks.push({ orders: mark, rssMb: rssMb(server.pid) });
    log(`${fmt(mark)} open orders: RSS ${marks.at(-1)!.rssMb.toFixed(0)} MB`);
  }
  return { merchants, products, marks };
}

try {
  const procs = await processes();
  const mem = await memory();
  const { one, two } = procs;
  const row = (r: typeof one) =>
    `| ${r.n} | ${r.seconds.toFixed(1)} s | ${fmt(procs.events / r.seconds)} | ${(r.cpuMsPerEvent * 1000).toFixed(0)} µs | ${r.sweepSeconds.toFixed(1)} s | ${fmt(r.stored.events)} | ${fmt(r.stored.decisions)} |`;
  const body = `Command: \`npm run build && npm run bench:processes\` (options: \`-- --events N --orders N --producers N --no-write\`).
Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"} (shared), Node ${process.version}; one run each;
load average at the start ${LOAD_AT_START} (other work on the machine makes figures noisier).

**One process vs two on one PostgreSQL.** ${fmt(procs.events)} events of bench:replay's stream
(seed 20240209, its clock lines left out) in batches of ${BATCH}, ${PRODUCERS} producers each
posting the next batch as it finishes one (so batches of one campaign interleave), producer i to
process i mod n, each run on a fresh schema. The servers' clock stands at the stream's start
(\`--max-event-lead 12d\`), so ingestion records facts and nothing falls due while it runs. Then
the same number of processes start again with the clock at ${END}: their sweepers share the
merchants (\`skip locked\`) and take every decision that fell due (violations, claims, refunds,
weights, delistings, exits); "sweep" is the time from starting them until the decisions stop growing (±0.1 s; a process's
start, about a second, included). Both
runs stored the same events and the same decisions (checked after each): nothing lost, nothing
decided twice.

| processes | ingestion wall | events/s | server CPU / event | sweep | events stored | decisions stored |
|---|---|---|---|---|---|---|
${row(one)}
${row(two)}

Two processes ÷ one: ${((one.seconds / two.seconds) * 100).toFixed(0)} % of one's ingestion throughput; server CPU per event
${(two.cpuMsPerEvent * 1000).toFixed(0)} µs against ${(one.cpuMsPerEvent * 1000).toFixed(0)} µs. Both server processes, PostgreSQL and the producers
share ${cpus().length} cores here, so a second process cannot add a core: what this shows is that two
processes ingest one campaign at once with the same result, and what a process costs per event
when it does. Past one core, throughput scales with the cores given to processes until
PostgreSQL's writes bound it (docs/capacity.md).

**Memory: the server's RSS by open orders** (SQLite, ${fmt(mem.merchants)} merchants,
${fmt(mem.products)} listed products, paid orders posted in batches of 1,000 and never shipped;
VmRSS 2 s after each mark).

| open orders | RSS |
|---|---|
${mem.marks.map((m) => `| ${fmt(m.orders)} | ${m.rssMb.toFixed(0)} MB |`).join("\n")}

The server keeps nothing per open order in memory: orders live in the store, and a batch's
working set (its orders, listings, merchants) is loaded, decided and dropped. What RSS holds is
V8's heap at its working size, the venue's ranking per campaign, compiled campaigns, prepared
statements and SQLite's page cache, so it does not grow with open orders.
`;
  if (process.argv.includes("--no-write")) process.stdout.write(body);
  else writeResultsSection(join(root, "bench/RESULTS.md"), "processes", body);
} finally {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
