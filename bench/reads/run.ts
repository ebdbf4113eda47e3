/**
 * `npm run bench:reads`: the channel's and the console's reads over HTTP, each as a share of
 * hello world measured in the same run (issue 17, "Reads").
 *
 * One SQLite database (seed.ts): the reference campaign with a venue of 16 products and a copy
 * of it with a venue of N (100,000) products. `gala serve` on it in its own process (clock
 * inside the activity window, standing still, logs at warn), and the peers (peer.ts: Fastify of
 * the same version, no logger) in another; autocannon in this process, 64 connections, D seconds
 * per route:
 *
 * - hello world, before and after the server's routes (the ratios use their mean);
 * - `GET /api/v1/me`, `GET /api/v1/campaigns/{c}`;
 * - the venue's first page of 50 at 16 and at N products, a page of 50 halfway down the N, and
 *   the first page again with `If-None-Match` (answered 304), and the first page again with
 *   `Accept-Encoding: gzip` (the page's part compressed once by the server);
 * - the peer answering the bytes of that page of 50 as a constant: the share of hello world a
 *   ~15 kB answer costs by itself on this machine (autocannon decodes every body it reads, on the
 *   same cores as the server), and those bytes gzipped.
 *
 * Each route gets W seconds of the same load first, unmeasured (JIT warm-up).
 *
 * Then the console's reads with M (1,000,000) orders, on SQLite and PostgreSQL (console.ts).
 *
 * Options: `-- --products N --orders M --duration S --warmup W --no-write` (print instead of
 * writing).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { writeSection } from "../check/results.js";
import {
  CONSOLE_CONNECTIONS,
  CONSOLE_READ_PATHS,
  type ConsoleResult,
  measureConsoleReads,
  seedConsole,
  startServe,
} from "./console.js";
import { LARGE_CAMPAIGN, SMALL_CAMPAIGN, seedReads } from "./seed.js";

const root = new URL("../../../", import.meta.url).pathname;
const CAMPAIGN_FILE = join(root, "campaigns/spring-festival-2024.yaml");
const CLOCK = "2024-02-10T12:00:00+08:00";
const CONNECTIONS = 64;
const PAGE = 50;

const { values } = parseArgs({
  options: {
    products: { type: "string", default: "100000" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    orders: { type: "string", default: "1000000" },
    "no-write": { type: "boolean", default: false },
  },
});
const PRODUCTS = Number(values.products);
const DURATION = Number(values.duration);
const WARMUP = Number(values.warmup);
const ORDERS = Number(values.orders);
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (ratio: number) => `${(ratio * 100).toFixed(0)} %`;
const log = (text: string) => process.stderr.write(`${text}\n`);

/** utime + stime of a process, in clock ticks of 1/100 s (Linux), NaN elsewhere. */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function startChild(cmd: string, args: string[], ready: RegExp) {
  const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  return new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    const seen = (d: Buffer) => {
      text += d.toString();
      const m = ready.exec(text);
      if (m) resolve({ child, port: Number(m[1]) });
    };
    child.stdout!.on("data", seen);
    child.stderr!.on("data", seen);
    child.once("exit", (code) => reject(new Error(`${cmd} exited ${code}: ${text}`)));
  });
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** Errors, timeouts and answers with another status than expected. */
  bad: number;
  /** CPU time (all threads) per answered request: the server's, and the load generator's. */
  serverCpuUs: number;
  clientCpuUs: number;
}

/** CONNECTIONS connections for DURATION seconds of `GET path`; `expect` is the status wanted. */
async function load(
  pid: number,
  url: string,
  path: string,
  headers: Record<string, string>,
  expect = 200,
): Promise<Load> {
  const run = (duration: number) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration,
      requests: [{ method: "GET", path, headers }],
    });
  // Unmeasured first: the JIT compiles this route's path, as it has on a server in service.
  if (WARMUP > 0) await run(WARMUP);
  const ticks = cpuTicks(pid);
  const client = process.cpuUsage();
  const r = await run(DURATION);
  const clientUs = process.cpuUsage(client);
  const answered = Math.max(1, r.requests.total);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bad:
      r.errors +
      r.timeouts +
      (expect === 200
        ? r.non2xx
        : answered -
          ((r as unknown as Record<string, number>)[`${Math.floor(expect / 100)}xx`] ?? 0)),
    serverCpuUs: ((cpuTicks(pid) - ticks) * 10_000) / answered,
    clientCpuUs: (clientUs.user + clientUs.system) / answered,
  };
}

/** One request, checked: its status, body and ETag, and how long it took. */
async function probe(url: string, headers: Record<string, string>, status = 200) {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== status) throw new Error(`${url}: ${res.status} ${text.slice(0, 300)}`);
  const body = status === 200 ? JSON.parse(text) : null;
  return { ms, text, body, etag: res.headers.get("etag") };
}

/**
 * The console's reads with N (1,000,000) orders in the store, on SQLite and, when it answers, on
 * PostgreSQL (console.ts): each read's p50 and p99 under a few operators' load. `--orders 0`
 * skips them.
 */
async function consoleSection(tmp: string): Promise<string> {
  if (ORDERS === 0) return "Console reads: not measured in this run (`--orders 0`).";
  const stores: Array<{ name: string; url: string; drop?: () => Promise<void> }> = [
    { name: "SQLite", url: `sqlite:${join(tmp, "console.db")}` },
  ];
  const pgBase = process.env.GALA_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432/test";
  if (await pgAnswers(pgBase)) {
    const schema = `bench_console_${process.pid}`;
    stores.push({
      name: "PostgreSQL",
      url: `${pgBase}?schema=${schema}`,
      drop: () => dropSchema(pgBase, schema),
    });
  } else log(`PostgreSQL does not answer at ${pgBase}: console reads on SQLite only`);
  const results: ConsoleResult[][] = [];
  for (const store of stores) {
    try {
      log(`console reads on ${store.name}: seeding ${fmt(ORDERS)} orders`);
      const token = await seedConsole(store.url, CAMPAIGN_FILE, ORDERS, Date.parse(CLOCK), log);
      const server = await startServe(root, store.url, CLOCK);
      children.push(server.child);
      try {
        results.push(
          await measureConsoleReads(`http://127.0.0.1:${server.port}`, token, DURATION, log),
        );
      } finally {
        await stopped(server.child);
      }
    } finally {
      await store.drop?.();
    }
  }
  const header = `| read | ${stores.map((s) => `${s.name} p50 | ${s.name} p99`).join(" | ")} |`;
  const rule = `|---|${stores.map(() => "---|---").join("|")}|`;
  const rows = CONSOLE_READ_PATHS().map(
    (read, i) =>
      `| ${read.name} | ${results.map((r) => `${r[i]!.p50} ms | ${r[i]!.p99} ms`).join(" | ")} |`,
  );
  const worst = Math.max(...results.flat().map((r) => r.p99));
  return `Console reads with ${fmt(ORDERS)} orders (console.ts: 1,000 merchants, 5,000 registrations waiting for
review, ~5 % shipped late with a violation and a paid claim, ~6 % refunded, ~9 % still to ship, seeded
straight into the tables), \`gala serve\` on each store, an operator token, autocannon with
${CONSOLE_CONNECTIONS} connections (a few operators, not the channel), ${DURATION} s per read:

${header}
${rule}
${rows.join("\n")}

Target (issue 17): p99 < 50 ms on SQLite and PostgreSQL — ${worst < 50 ? "met" : "NOT met"} (worst ${worst} ms).`;
}

async function pgAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

const dir = mkdtempSync(join(tmpdir(), "gala-bench-reads-"));
const children: ChildProcess[] = [];
try {
  const dbPath = join(dir, "reads.db");
  const t0 = performance.now();
  const seeded = await seedReads(dbPath, CAMPAIGN_FILE, PRODUCTS, Date.parse(CLOCK));
  log(`seeded ${fmt(PRODUCTS)} + 16 listed products in ${fmt(performance.now() - t0)} ms`);

  const server = await startChild(
    join(root, "bin/gala"),
    [
      "serve",
      "--db",
      `sqlite:${dbPath}`,
      "--port",
      "0",
      "--log-level",
      "warn",
      "--clock",
      CLOCK,
      // Running, as in service: every answer's `now` differs (to the millisecond), so nothing
      // built per answer can be served from a cache by accident of a standing clock.
      "--clock-speed",
      "1",
    ],
    /serving at http:\/\/[^:]+:(\d+)/,
  );
  children.push(server.child);
  const pid = server.child.pid!;
  const base = `http://127.0.0.1:${server.port}`;
  const auth = { authorization: `Bearer ${seeded.token}` };
  const venue = (c: string, cursor?: string) =>
    `/api/v1/campaigns/${c}/venue?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ""}`;

  // Checked once each before the load: the right answer, and the large venue's first read,
  // which loads its ranking into memory.
  const me = await probe(`${base}/api/v1/me`, auth);
  if (me.body.role !== "channel") throw new Error(`/me: ${JSON.stringify(me.body)}`);
  await probe(`${base}/api/v1/campaigns/${SMALL_CAMPAIGN}`, auth);
  const small = await probe(`${base}${venue(SMALL_CAMPAIGN)}`, auth);
  if (small.body.items.length !== 16) throw new Error("the small venue does not show 16");
  const rssBefore = rssMb(pid);
  const cold = await probe(`${base}${venue(LARGE_CAMPAIGN)}`, auth);
  const rssAfter = rssMb(pid);
  const warm = await probe(`${base}${venue(LARGE_CAMPAIGN)}`, auth);
  if (cold.body.items.length !== PAGE || !cold.etag) throw new Error("the large venue's page");
  const middle = await probe(`${base}${venue(LARGE_CAMPAIGN, seeded.middleCursor)}`, auth);
  if (middle.body.items.length !== Math.min(PAGE, Math.ceil(PRODUCTS / 2))) {
    throw new Error(`the middle page holds ${middle.body.items.length}`);
  }
  await probe(`${base}${venue(LARGE_CAMPAIGN)}`, { ...auth, "if-none-match": cold.etag }, 304);
  const pageFile = join(dir, "page.json");
  writeFileSync(pageFile, cold.text);
  const hello = await startChild(
    "node",
    [join(root, "dist/bench/reads/peer.js"), pageFile],
    /listening (\d+)/,
  );
  children.push(hello.child);
  log(
    `large venue: first read ${cold.ms.toFixed(0)} ms (loads ${fmt(PRODUCTS)} listings), next ${warm.ms.toFixed(1)} ms; server RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB`,
  );

  const helloUrl = `http://127.0.0.1:${hello.port}`;
  const rows: Array<{ name: string; load: Load }> = [];
  const measure = async (name: string, run: () => Promise<Load>) => {
    const r = await run();
    log(`${name}: ${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, bad ${r.bad}`);
    rows.push({ name, load: r });
    return r;
  };
  const helloBefore = await measure("hello world (before)", () =>
    load(hello.child.pid!, helloUrl, "/hello", {}),
  );
  await measure("`GET /api/v1/me`", () => load(pid, base, "/api/v1/me", auth));
  await measure(`\`GET /api/v1/campaigns/{c}\``, () =>
    load(pid, base, `/api/v1/campaigns/${SMALL_CAMPAIGN}`, auth),
  );
  await measure(`venue, 16 listed products, first page`, () =>
    load(pid, base, venue(SMALL_CAMPAIGN), auth),
  );
  const large = await measure(
    `venue, ${fmt(PRODUCTS)} listed products, first page of ${PAGE}`,
    () => load(pid, base, venue(LARGE_CAMPAIGN), auth),
  );
  const gzipped = await measure(
    `venue, ${fmt(PRODUCTS)} listed products, first page of ${PAGE}, \`Accept-Encoding: gzip\``,
    () => load(pid, base, venue(LARGE_CAMPAIGN), { ...auth, "accept-encoding": "gzip" }),
  );
  await measure(`venue, ${fmt(PRODUCTS)} listed products, a page of ${PAGE} halfway down`, () =>
    load(pid, base, venue(LARGE_CAMPAIGN, seeded.middleCursor), auth),
  );
  await measure(`venue, ${fmt(PRODUCTS)}, first page with \`If-None-Match\` (304)`, () =>
    load(pid, base, venue(LARGE_CAMPAIGN), { ...auth, "if-none-match": cold.etag! }, 304),
  );
  const peerPage = await measure(
    `peer: the same page of ${PAGE}'s ${fmt(Buffer.byteLength(cold.text))} bytes, constant`,
    () => load(hello.child.pid!, helloUrl, "/page", {}),
  );
  const peerGzip = await measure(`peer: the same bytes gzipped, constant`, () =>
    load(hello.child.pid!, helloUrl, "/page-gzip", { "accept-encoding": "gzip" }),
  );
  const helloAfter = await measure("hello world (after)", () =>
    load(hello.child.pid!, helloUrl, "/hello", {}),
  );
  const helloRps = (helloBefore.rps + helloAfter.rps) / 2;
  const ratio = large.rps / helloRps;
  const gzipRatio = gzipped.rps / helloRps;
  const met = (ok: boolean) => (ok ? "met" : "NOT met");

  const table = rows
    .map(
      ({ name, load: l }) =>
        `| ${name} | ${fmt(l.rps)} | ${name.startsWith("hello") ? "" : pct(l.rps / helloRps)} | ${l.p50} ms | ${l.p99} ms | ${l.bad} | ${l.serverCpuUs.toFixed(0)} µs | ${l.clientCpuUs.toFixed(0)} µs |`,
    )
    .join("\n");
  const body = `Command: \`npm run build && npm run bench:reads\` (options: \`-- --products N --orders M --duration S --warmup W --no-write\`).
Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"} (shared), Node ${process.version}; one run.

\`gala serve\` on SQLite (logs at warn, clock standing inside the activity window) and the peers
(\`bench/reads/peer.ts\`: Fastify, same version, no logger; \`GET /hello\` as bench:events answers it, and
\`GET /page\`: the venue page's bytes as a constant), each in its own process;
autocannon in the bench process, ${CONNECTIONS} connections, ${DURATION} s per row after ${WARMUP} s unmeasured, a channel token. The
venues: the reference campaign with 16 listed products, and a copy of it with ${fmt(PRODUCTS)} (weights 1, 0.5,
0.25, 0.125; registered ten to a call), seeded straight into the tables. Ratios are of the mean of the
two hello-world rows.

| route | requests/s | ÷ hello world | p50 | p99 | errors | server CPU / request | load generator CPU / request |
|---|---|---|---|---|---|---|---|
${table}

Target (issue 17): the venue's page of 50 at ${fmt(PRODUCTS)} listed products ≥ 40 % of hello world, p99 < 20 ms.
Plain (no \`Accept-Encoding\`): ${met(ratio >= 0.4 && large.p99 < 20)} (${pct(ratio)}, p99 ${large.p99} ms). For a channel that
accepts gzip, as HTTP clients do by default: ${met(gzipRatio >= 0.4 && gzipped.p99 < 20)} (${pct(gzipRatio)}, p99 ${gzipped.p99} ms). The same page's
bytes from the peer, with no work behind them: ${pct(peerPage.rps / helloRps)} of hello world plain (the venue reaches
${pct(large.rps / peerPage.rps)} of that), ${pct(peerGzip.rps / helloRps)} gzipped (the venue reaches ${pct(gzipped.rps / peerGzip.rps)}).

The large venue's first read after the server started (it loads the ranking: ${fmt(PRODUCTS)} listings and
their facts): ${cold.ms.toFixed(0)} ms; the next read ${warm.ms.toFixed(1)} ms. Server RSS before and after: ${rssBefore.toFixed(0)} MB →
${rssAfter.toFixed(0)} MB.

${await consoleSection(dir)}
`;
  if (values["no-write"]) process.stdout.write(body);
  else {
    writeSection(join(root, "bench/RESULTS.md"), "reads", body);
    log("written to bench/RESULTS.md, section `reads`");
  }
} finally {
  for (const child of children) await stopped(child);
  rmSync(dir, { recursive: true, force: true });
}
