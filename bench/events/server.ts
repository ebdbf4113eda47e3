/**
 * `npm run bench:events`: the server side of fulfilment (targets of issue 17).
 *
 * 1. Ingestion on SQLite: N seeded events through the server's use case (`ingestEvents`: one
 *    transaction per batch of 500, merchant locks, engine, rows, decisions; the server's clock
 *    at each batch's last event, as a channel posting as things happen, and a sweep after each
 *    batch, as the server's sweeper runs beside it) vs the floor: the rows the server stores
 *    (events, orders, decisions), written as often as the server must write them — an event
 *    row per event, an order row at its payment and rewritten at each later event of the order
 *    (shipped, picked up, delivered, refund), a row per decision — with prepared statements, one
 *    transaction per 500 events. Target: ingestion ≥ 40 % of that floor.
 * 2. Instant refunds over HTTP: `gala serve` (SQLite) answers `POST /api/v1/events` with one
 *    refund request each, at 64 connections, vs the bench's own `POST /durable` (parse, one
 *    insert, group commit, answer after it), each in its own process. Target: refunds ≥ 50 % of
 *    `/durable`'s requests/s. Hello world is measured too, for scale.
 * 3. Refund latency under an open-loop load (open-loop.ts): requests sent at evenly spaced
 *    instants at half the refund path's own maximum (from 2), latency from each one's due
 *    instant; `/durable` under the same load beside it. Target: p99 < 10 ms.
 *
 * Options: `-- --events N --orders N --duration S --no-write` (print instead of writing RESULTS.md). Also runs `bench:replay`'s part: see replay.ts.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import SQLite from "better-sqlite3";
import { CampaignCatalog } from "../../src/app/campaigns/catalog.js";
import { FixedClock } from "../../src/app/clock.js";
import { ingestEvents } from "../../src/app/fulfilment/ingest.js";
import { sweepCampaign } from "../../src/app/fulfilment/sweep.js";
import { formatWithOffset } from "../../src/domain/time/index.js";
import { openStore } from "../../src/store/index.js";
import { applyPragmas } from "../../src/store/sqlite-statements.js";
import { generateEvents } from "./generate.js";
import { cpuTicks } from "./measure.js";
import { type OpenLoopRequest, openLoop } from "./open-loop.js";
import { writeResultsSection } from "./results.js";

const root = new URL("../../../", import.meta.url).pathname;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const EVENTS = arg("events", 100_000);
const ORDERS = arg("orders", 60_000);
const DURATION = arg("duration", 10);
const BATCH = 500;
const CAMPAIGN_FILE = join(root, "campaigns/spring-festival-2024.yaml");
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (ratio: number) => `${(ratio * 100).toFixed(0)} %`;
const us = (micros: number) => `${micros.toFixed(0)} µs`;

async function ingestion(dir: string) {
  const file = join(dir, "events.jsonl");
  await generateEvents(file, EVENTS, 20240209);
  const events = readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line, i) => ({ id: `e${i}`, ...JSON.parse(line) }));

  const store = await openStore(`sqlite:${join(dir, "server.db")}`);
  const clock = new FixedClock(Date.parse("2024-02-09T00:00:00+08:00"));
  const campaigns = new CampaignCatalog(store);
  const outcome = await campaigns.load(
    readFileSync(CAMPAIGN_FILE, "utf8"),
    CAMPAIGN_FILE,
    "bench",
    clock.now(),
    "if_new",
  );
  if (!outcome.ok) throw new Error("the reference campaign does not load");
  const ctx = { store, clock, campaigns };
  let decisions = 0;
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH);
    // A channel posting as things happen: the server's clock at the batch's last event.
    clock.set(Math.max(clock.now(), ...batch.map((e) => Date.parse(e.at))));
    const r = await ingestEvents(ctx, batch);
    if (r.errors.length > 0) throw new Error(`refused: ${JSON.stringify(r.errors[0])}`);
    decisions += r.decisions.length;
    // The sweeper beside it: what fell due for merchants the batch did not touch.
    for (let more = true; more; ) {
      const swept = await sweepCampaign(ctx, outcome.loaded, clock.now());
      decisions += swept.decisions.length;
      more = swept.more;
    }
  }
  const serverMs = performance.now() - t0;
  await store.close();

  // The floor: the rows the server stored, written again as often as the server writes them.
  const source = new SQLite(join(dir, "server.db"), { readonly: true });
  const tables = ["ff_events", "ff_orders", "ff_decisions"] as const;
  const rows = Object.fromEntries(
    tables.map((t) => [t, source.prepare(`select * from ${t}`).raw().all() as unknown[][]]),
  ) as Record<(typeof tables)[number], unknown[][]>;
  const orderColumns = (
    source.prepare("select * from ff_orders limit 1").columns() as Array<{
      name: string;
    }>
  ).map((c) => c.name);
  const schema = source
    .prepare(
      "select sql from sqlite_master where type in ('table','index') and name like 'ff_%' and sql is not null",
    )
    .all() as Array<{ sql: string }>;
  source.close();
  const floor = new SQLite(join(dir, "floor.db"));
  applyPragmas(floor);
  for (const s of schema) floor.exec(s.sql);
  const orderById = new Map<string, unknown[]>();
  const idColumn = orderColumns.indexOf("order_id");
  for (const r of rows.ff_orders) orderById.set(r[idColumn] as string, r);
  const insertOf = (t: string, width: number) =>
    floor.prepare(`insert into ${t} values (${Array(width).fill("?").join(",")})`);
  const insertEvent = insertOf("ff_events", rows.ff_events[0]?.length ?? 1);
  const insertOrder = insertOf("ff_orders", orderColumns.length);
  const insertDecision = insertOf("ff_decisions", rows.ff_decisions[0]?.length ?? 1);
  // A later event rewrites the order's row (its whole row: what a page write costs either way).
  const set = orderColumns.filter((c) => c !== "campaign_id" && c !== "order_id");
  const rewrite = floor.prepare(
    `update ff_orders set ${set.map((c) => `${c} = ?`).join(", ")} where campaign_id = ? and order_id = ?`,
  );
  const rest = (r: unknown[]) =>
    orderColumns.flatMap((c, i) => (c === "campaign_id" || c === "order_id" ? [] : [r[i]]));
  const eventOrder = rows.ff_events.map((r) => r[4] as string | null);
  const eventType = rows.ff_events.map((r) => r[2] as string);
  const batches = Math.ceil(rows.ff_events.length / BATCH);
  const t1 = performance.now();
  for (let b = 0; b < batches; b++) {
    floor.transaction(() => {
      for (let i = b * BATCH; i < Math.min(rows.ff_events.length, (b + 1) * BATCH); i++) {
        insertEvent.run(rows.ff_events[i]);
        const orderId = eventOrder[i];
        const order = orderId === null ? undefined : orderById.get(orderId!);
        if (order === undefined) continue;
        if (eventType[i] === "order.paid") insertOrder.run(order);
        else rewrite.run([...rest(order), order[0], orderId]);
      }
      const all = rows.ff_decisions;
      const from = Math.floor((all.length * b) / batches);
      const to = Math.floor((all.length * (b + 1)) / batches);
      for (let i = from; i < to; i++) insertDecision.run(all[i]);
    })();
  }
  const floorMs = performance.now() - t1;
  floor.close();
  return {
    events: events.length,
    decisions,
    rows: tables.map((t) => `${fmt(rows[t].length)} ${t}`).join(", "),
    serverMs,
    floorMs,
  };
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function countApprovals(path: string): number {
  const db = new SQLite(path, { readonly: true });
  try {
    const sql = "select count(*) from ff_decisions where type = 'refund.approved'";
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

function startChild(
  cmd: string,
  args: string[],
  ready: RegExp,
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  return new Promise((resolve, reject) => {
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

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU time (all threads) per answered request: the server's, and the load generator's. */
  serverCpuUs: number;
  clientCpuUs: number;
}

/**
 * 64 connections for DURATION seconds against the server whose process is `serverPid`. CPU per
 * request is the steadier figure on a shared machine, and shows what the two processes take of
 * the two cores between them.
 */
async function load(serverPid: number, options: autocannon.Options): Promise<Load> {
  const serverTicks = cpuTicks(serverPid);
  const client = process.cpuUsage();
  const r = await autocannon({ connections: 64, duration: DURATION, ...options });
  const answered = Math.max(1, r.requests.total);
  const clientUs = process.cpuUsage(client);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    serverCpuUs: ((cpuTicks(serverPid) - serverTicks) * 10_000) / answered,
    clientCpuUs: (clientUs.user + clientUs.system) / answered,
  };
}

interface Steady extends Load {
  p90: number;
  max: number;
}

/** An open loop of `rate` requests/s for DURATION seconds, with the server's CPU per request. */
async function steady(
  serverPid: number,
  url: string,
  rate: number,
  request: (i: number) => OpenLoopRequest,
): Promise<Steady> {
  const serverTicks = cpuTicks(serverPid);
  const client = process.cpuUsage();
  const r = await openLoop({ url, rate, seconds: DURATION, connections: 64, request });
  const clientUs = process.cpuUsage(client);
  return {
    rps: r.rps,
    p50: r.p50,
    p90: r.p90,
    p99: r.p99,
    max: r.max,
    errors: r.errors,
    non2xx: r.non2xx,
    serverCpuUs: ((cpuTicks(serverPid) - serverTicks) * 10_000) / r.sent,
    clientCpuUs: (clientUs.user + clientUs.system) / r.sent,
  };
}

async function http(dir: string) {
  const db = `sqlite:${join(dir, "http.db")}`;
  const gala = join(root, "bin/gala");
  const token = spawnSync(gala, ["token", "create", "--db", db, "--role", "channel"], {
    encoding: "utf8",
  }).stdout.trim();
  const server = await startChild(
    gala,
    [
      "serve",
      "--db",
      db,
      "--port",
      "0",
      "--log-level",
      "warn",
      "--clock",
      "2024-02-10T12:00:00+08:00",
      "--clock-speed",
      "0",
    ],
    /serving at http:\/\/[^:]+:(\d+)/,
  );
  const base = `http://127.0.0.1:${server.port}`;
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const paidAt = Date.parse("2024-02-10T10:00:00+08:00");
  const at = (t: number) => formatWithOffset(t, 480);
  const seed: object[] = [
    {
      id: "list",
      type: "product.listed",
      at: at(paidAt - 3_600_000),
      merchantId: "m1",
      productId: "p1",
      shippingGuaranteeHours: 48,
    },
  ];
  for (let o = 0; o < ORDERS; o++) {
    seed.push({
      id: `pay${o}`,
      type: "order.paid",
      at: at(paidAt),
      orderId: `o${o}`,
      merchantId: "m1",
      productId: "p1",
      amountFen: 9_900,
      region: "CN-ZJ",
      buyer: { id: `b${o}`, risk: "normal" },
    });
  }
  for (let i = 0; i < seed.length; i += BATCH) {
    const res = await fetch(`${base}/api/v1/events`, {
      method: "POST",
      headers,
      body: JSON.stringify(seed.slice(i, i + BATCH)),
    });
    if (!res.ok) throw new Error(`seeding: ${res.status} ${await res.text()}`);
  }
  const refundAt = at(paidAt + 3_600_000);
  let n = 0;
  const refundRequests = (): autocannon.Options["requests"] => [
    {
      method: "POST",
      path: "/api/v1/events",
      headers,
      setupRequest: (req) => {
        const o = n++ % ORDERS;
        req.body = `[{"id":"rf${n}","type":"refund.requested","at":"${refundAt}","orderId":"o${o}","refundId":"r${n}","amountFen":9900,"kind":"refund_only"}]`;
        return req;
      },
    },
  ];
  const refunds = await load(server.child.pid!, { url: base, requests: refundRequests() });
  // Open loop: a steady rate of half the path's own maximum, as a channel's traffic arrives,
  // whatever the answers' pace (open-loop.ts). The closed loop above warmed the server.
  const rate = Math.max(1, Math.floor(refunds.rps / 2));
  const refundAtRate = (): OpenLoopRequest => {
    const k = ++n;
    return {
      method: "POST",
      path: "/api/v1/events",
      headers,
      body: `[{"id":"rf${k}","type":"refund.requested","at":"${refundAt}","orderId":"o${k % ORDERS}","refundId":"r${k}","amountFen":9900,"kind":"refund_only"}]`,
    };
  };
  const openLoop = await steady(server.child.pid!, base, rate, refundAtRate);
  await stopped(server.child);
  // The approvals are counted in the database afterwards: reading every answer in the load
  // generator would cost it CPU the hello-world run does not spend, on the same two cores.
  const approved = countApprovals(join(dir, "http.db"));

  const hello = await startChild(
    "node",
    [join(root, "dist/bench/events/hello.js"), join(dir, "peer.db")],
    /listening (\d+)/,
  );
  const peerUrl = `http://127.0.0.1:${hello.port}`;
  const peer = await load(hello.child.pid!, { url: `${peerUrl}/hello` });
  // The same refund bodies to the two reference routes: what reading them costs, and what the
  // least durable handling of them costs (hello.ts).
  let m = 0;
  const sameBody = (path: string): autocannon.Options => ({
    url: peerUrl,
    requests: [
      {
        method: "POST",
        path,
        headers,
        setupRequest: (req) => {
          m++;
          req.body = `[{"id":"rf${m}","type":"refund.requested","at":"${refundAt}","orderId":"o${m % ORDERS}","refundId":"r${m}","amountFen":9900,"kind":"refund_only"}]`;
          return req;
        },
      },
    ],
  });
  const echo = await load(hello.child.pid!, sameBody("/echo"));
  const durable = await load(hello.child.pid!, sameBody("/durable"));
  // The least durable endpoint under the same open loop: what the machine and the load
  // generator leave of the target at this rate.
  const durableAtRate = await steady(hello.child.pid!, peerUrl, rate, (i) => ({
    method: "POST",
    path: "/durable",
    headers,
    body: `[{"id":"open${i}","type":"refund.requested","at":"${refundAt}","orderId":"o${i % ORDERS}","refundId":"open${i}","amountFen":9900,"kind":"refund_only"}]`,
  }));
  hello.child.kill("SIGTERM");
  return { refunds, openLoop, rate, peer, echo, durable, durableAtRate, sent: n, approved };
}

const dir = mkdtempSync(join(tmpdir(), "gala-bench-events-"));
try {
  const ing = await ingestion(dir);
  const serverRate = (ing.events / ing.serverMs) * 1000;
  const floorRate = (ing.events / ing.floorMs) * 1000;
  const ingestRatio = serverRate / floorRate;
  console.error(
    `ingestion: server ${fmt(serverRate)} events/s, floor ${fmt(floorRate)} events/s (${(ingestRatio * 100).toFixed(0)} %)`,
  );
  const h = await http(dir);
  const httpRatio = h.refunds.rps / h.peer.rps;
  const durableRatio = h.refunds.rps / h.durable.rps;
  console.error(
    `refunds: ${fmt(h.refunds.rps)} req/s p50 ${h.refunds.p50} ms p99 ${h.refunds.p99} ms (${pct(durableRatio)} of /durable); open loop at ${fmt(h.rate)} req/s: p50 ${h.openLoop.p50} ms p99 ${h.openLoop.p99} ms; hello ${fmt(h.peer.rps)} req/s; durable ${fmt(h.durable.rps)} req/s`,
  );
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  const body = `Command: \`npm run build && npm run bench:events\` (options: \`-- --events N --orders N --duration S --no-write\`).
Machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"} (shared), Node ${process.version}; one run each.

Ingestion on SQLite: ${fmt(ing.events)} seeded events (as bench:replay generates them, seed 20240209) in
batches of ${BATCH} through the server's use case (\`ingestEvents\`: dedupe by id, merchant locks, engine,
changed rows — of an order only its changed columns —, decisions; the commit is on disk when it
returns), one batch at a time, the server's clock at each batch's last event and a sweep after each
batch (what fell due for the merchants the batch did not touch).
The floor: the rows the server stored (${ing.rows}) read back and written again, to a fresh database
with the same schema and indexes, as often as the server must write them: an event row per event, an
order row at its payment and rewritten (the whole row) at each of its later events, a row per
decision; prepared statements (better-sqlite3, no query builder), one transaction per ${BATCH} events,
the same pragmas (\`SQLITE_PRAGMAS\`: WAL, synchronous FULL, so each commit is fsynced as the server's
are). It holds no listings or merchants, reads nothing and decides nothing.

| measure | figure | target |
|---|---|---|
| server ingestion | ${(ing.serverMs / 1000).toFixed(2)} s, ${fmt(serverRate)} events/s (${fmt(ing.decisions)} decisions) | |
| floor: the same rows, written as often | ${(ing.floorMs / 1000).toFixed(2)} s, ${fmt(floorRate)} events/s | |
| ingestion ÷ floor | ${(ingestRatio * 100).toFixed(0)} % | ≥ 40 % — ${met(ingestRatio >= 0.4)} |

Instant refunds over HTTP: \`gala serve\` on SQLite, ${fmt(ORDERS)} paid orders, \`POST /api/v1/events\` with one
\`refund.requested\` each (bearer token checked, body parsed and validated, merchant lock, engine, answered
only once its commit is on disk; the request is dated an hour before the server's clock, past the
lateness, so it is decided in the answer), 64 connections, ${DURATION} s, autocannon in the bench
process, each server in its own process; the database holds ${fmt(h.approved)} \`refund.approved\` decisions
afterwards. The peers, in one process of the same Fastify version (\`bench/events/hello.ts\`): \`POST /durable\`
(the same bodies parsed, each event inserted into SQLite with a unique id, the server's pragmas and group
commit, answered after the commit: the least a durable event endpoint does — no auth, validation,
engine, order state or decisions), \`POST /echo\` (parsed, a count answered) and \`GET /hello\`.

| | requests/s | p50 | p99 | errors | server CPU / request | load generator CPU / request |
|---|---|---|---|---|---|---|
| refund requests, closed loop | ${fmt(h.refunds.rps)} | ${h.refunds.p50} ms | ${h.refunds.p99} ms | ${h.refunds.errors + h.refunds.non2xx} | ${us(h.refunds.serverCpuUs)} | ${us(h.refunds.clientCpuUs)} |
| \`POST /durable\` | ${fmt(h.durable.rps)} | ${h.durable.p50} ms | ${h.durable.p99} ms | ${h.durable.errors + h.durable.non2xx} | ${us(h.durable.serverCpuUs)} | ${us(h.durable.clientCpuUs)} |
| \`POST /echo\` | ${fmt(h.echo.rps)} | ${h.echo.p50} ms | ${h.echo.p99} ms | ${h.echo.errors + h.echo.non2xx} | ${us(h.echo.serverCpuUs)} | ${us(h.echo.clientCpuUs)} |
| hello world | ${fmt(h.peer.rps)} | ${h.peer.p50} ms | ${h.peer.p99} ms | ${h.peer.errors + h.peer.non2xx} | ${us(h.peer.serverCpuUs)} | ${us(h.peer.clientCpuUs)} |

Open loop (\`bench/events/open-loop.ts\`): ${fmt(h.rate)} requests/s (half the refunds' closed-loop rate), each sent at
its due instant whatever the earlier answers' pace, through up to 64 keep-alive connections, for
${DURATION} s; latency from the instant a request was due (a server that falls behind is charged for
the wait). The bench's \`POST /durable\` under the same load, for what the machine and the load generator
leave of the target.

| open loop at ${fmt(h.rate)} requests/s | p50 | p90 | p99 | max | errors | server CPU / request | load generator CPU / request |
|---|---|---|---|---|---|---|---|
| refund requests | ${h.openLoop.p50} ms | ${h.openLoop.p90} ms | ${h.openLoop.p99} ms | ${h.openLoop.max} ms | ${h.openLoop.errors + h.openLoop.non2xx} | ${us(h.openLoop.serverCpuUs)} | ${us(h.openLoop.clientCpuUs)} |
| \`POST /durable\` | ${h.durableAtRate.p50} ms | ${h.durableAtRate.p90} ms | ${h.durableAtRate.p99} ms | ${h.durableAtRate.max} ms | ${h.durableAtRate.errors + h.durableAtRate.non2xx} | ${us(h.durableAtRate.serverCpuUs)} | ${us(h.durableAtRate.clientCpuUs)} |

| target | figure | |
|---|---|---|
| refunds ÷ \`POST /durable\` ≥ 50 % | ${pct(durableRatio)} | ${met(durableRatio >= 0.5)} |
| open-loop p99 at half the refunds' own maximum < 10 ms | ${h.openLoop.p99} ms | ${met(h.openLoop.p99 < 10)} |
| (for scale) refunds ÷ hello world | ${pct(httpRatio)} | |
`;
  if (process.argv.includes("--no-write")) process.stdout.write(body);
  else {
    writeResultsSection(join(root, "bench/RESULTS.md"), "events (server)", body);
    console.error("written to bench/RESULTS.md, section `events (server)`");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
