/**
 * bench:compare's server half: the editor's enforcement impact (`enforcementImpact`, what
 * `POST /campaigns/{c}/compare` runs) over an event log of N events in SQLite, in process. The
 * log is built once (bench/.data/compare-log-N.db): each line of the events file stored as the
 * server stores an event — its body with an id, received at the latest `at` seen so far (a
 * channel sending as things happen) — without running the engine, which the comparison does not
 * read.
 */
import { createReadStream, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createInterface } from "node:readline";
import { CampaignCatalog } from "../../src/app/campaigns/catalog.js";
import { FixedClock } from "../../src/app/clock.js";
import { enforcementImpact } from "../../src/app/whatif/enforcement-impact.js";
import { LOG_PAGE } from "../../src/app/whatif/event-log.js";
import { parseCampaign } from "../../src/domain/campaign/load.js";
import { readEventLine } from "../../src/domain/fulfilment/index.js";
import { openStore } from "../../src/store/index.js";
import { type EventRow, insertEvents } from "../../src/store/repos/fulfilment/log.js";

export interface ServerRun {
  seconds: number;
  pages: number;
}

interface Options {
  root: string;
  dir: string;
  events: string;
  total: number;
  policyB: string;
  runs: number;
  log: (line: string) => void;
}

const CAMPAIGN_FILE = "campaigns/spring-festival-2024.yaml";
/** Three days after the activity window: every deadline of the stream has passed. */
const AS_OF = Date.parse("2024-02-19T23:59:59+08:00");
const ROWS_PER_TRANSACTION = 10_000;

export async function measureOnServer(options: Options): Promise<ServerRun> {
  const file = `${options.dir}/compare-log-${options.total}.db`;
  if (!existsSync(file)) await buildLog(options, file);
  const store = await openStore(`sqlite:${file}`);
  try {
    const campaigns = new CampaignCatalog(store);
    const text = readFileSync(`${options.root}${CAMPAIGN_FILE}`, "utf8");
    const loaded = await campaigns.load(text, CAMPAIGN_FILE, "bench", AS_OF, "if_new");
    if (!loaded.ok) throw new Error("the reference campaign does not load");
    const b = parseCampaign(readFileSync(options.policyB, "utf8"), options.policyB);
    if (!b.ok) throw new Error(`${options.policyB} does not load`);
    const ctx = { store, clock: new FixedClock(AS_OF), campaigns };
    let best = Number.POSITIVE_INFINITY;
    let pages = 0;
    for (let i = 0; i < options.runs; i++) {
      const started = performance.now();
      const impact = await enforcementImpact(ctx, loaded.loaded.campaign, b.campaign);
      const seconds = (performance.now() - started) / 1000;
      best = Math.min(best, seconds);
      pages = Math.ceil(impact.events / LOG_PAGE);
      options.log(
        `server run ${i + 1}: ${seconds.toFixed(2)} s for ${impact.events} events (claims paid ${impact.totals.claimsPaidFen.a} → ${impact.totals.claimsPaidFen.b} fen)`,
      );
    }
    return { seconds: best, pages };
  } finally {
    await store.close();
  }
}

async function buildLog(options: Options, file: string): Promise<void> {
  options.log(`storing ${options.total} events in an event log → ${file}`);
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const store = await openStore(`sqlite:${tmp}`);
  const campaignId = "spring-festival-2024";
  let batch: EventRow[] = [];
  let receivedAt = Number.NEGATIVE_INFINITY;
  const flush = async () => {
    const rows = batch;
    batch = [];
    await store.db.transaction().execute((trx) => insertEvents(trx, rows, receivedAt));
  };
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(options.events) })) {
    if (line === "") continue;
    const event = readEventLine(line);
    if ("error" in event) continue;
    const eventId = `bench-${n++}`;
    receivedAt = Math.max(receivedAt, event.at);
    batch.push({
      eventId,
      campaignId,
      type: event.type,
      at: event.at,
      orderId: "orderId" in event ? event.orderId : null,
      body: `{"id":"${eventId}",${line.slice(1)}`,
    });
    if (batch.length >= ROWS_PER_TRANSACTION) await flush();
  }
  if (batch.length > 0) await flush();
  await store.close();
  renameSync(tmp, file);
}
