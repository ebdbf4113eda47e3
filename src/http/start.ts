/**
 * Starts the whole server: open (and migrate) the store, load the campaign files, optionally
 * seed the demo, build the HTTP app and listen. `gala serve` is this plus flag parsing; the
 * returned handle is where background work (the deadline sweeper) attaches and stops.
 */
import { pino } from "pino";
import { CampaignCatalog } from "../app/campaigns/catalog.js";
import { loadCampaignDirectory } from "../app/campaigns/load-directory.js";
import type { Clock } from "../app/clock.js";
import type { AppContext } from "../app/context.js";
import { DeadlineSweeper } from "../app/fulfilment/sweeper.js";
import { WebhookDeliverer, type WebhookEndpoint } from "../app/webhooks/deliverer.js";
import { openStore, parseDbUrl, type Store, StoreOpenError } from "../store/index.js";
import { explainSqliteOpen } from "../store/open-error.js";
import { writeProblem } from "../store/probe.js";
import { formatterFor } from "./present.js";
import { buildServer } from "./server.js";
import type { App } from "./types.js";

export interface StartOptions {
  dbUrl: string;
  port: number;
  host: string;
  clock: Clock;
  campaignsDir: string;
  /** Runs after campaigns are loaded and before the server listens (demo seeding). */
  prepare?: (ctx: AppContext) => Promise<void>;
  logLevel?: string;
  /** Reverse proxies trusted to name the client (`--trust-proxy`). */
  trustProxy?: string;
  /** See ServerDeps.maxEventLeadMs. */
  maxEventLeadMs?: number;
  /** `--lateness`: overrides every campaign's `policy.lateness` (ms). */
  lateness?: number;
  /** `--webhook URL --webhook-secret S`: deliver every decision there (app/webhooks). */
  webhook?: WebhookEndpoint;
  /**
   * Aborting it (`gala serve` does on SIGTERM/SIGINT) stops start-up at the next step: what was
   * opened is closed and startServer rejects with StartAborted.
   */
  signal?: AbortSignal;
}

/** Start-up was stopped through StartOptions.signal; everything it had opened is closed. */
export class StartAborted extends Error {
  constructor() {
    super("start-up stopped");
    this.name = "StartAborted";
  }
}

export interface Running {
  app: App;
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<Running> {
  const logger = pino({
    level: options.logLevel ?? "info",
    redact: ["req.headers.authorization", "req.headers.cookie"],
  });
  const stopIfAborted = () => {
    if (options.signal?.aborted) throw new StartAborted();
  };
  stopIfAborted();
  const store: Store = await openStore(options.dbUrl, {
    backgroundCheckpoints: {
      onError: (error) =>
        logger.error(
          { err: error },
          "WAL checkpoint thread failed; checkpointing in commits again",
        ),
    },
  });
  let app: App | undefined;
  try {
    // A database that opens but cannot take writes (a read-only file, a standby) is no server.
    const problem = await writeProblem(store);
    if (problem) {
      const target = parseDbUrl(options.dbUrl);
      const sqlite = target.kind === "sqlite" && explainSqliteOpen(target.path, problem.error);
      if (sqlite) throw sqlite;
      throw new StoreOpenError(
        `the database ${options.dbUrl} cannot take writes (${problem.cause}): the server writes registrations, events and sessions. Point --db at a writable database (a primary, not a standby), or make it writable`,
      );
    }
    stopIfAborted();
    const campaigns = new CampaignCatalog(store);
    await loadCampaignDirectory(campaigns, options.campaignsDir, options.clock.now());
    const ctx: AppContext = {
      store,
      clock: options.clock,
      campaigns,
      ...(options.lateness === undefined ? {} : { lateness: options.lateness }),
    };
    stopIfAborted();
    await options.prepare?.(ctx);
    stopIfAborted();
    app = await buildServer({
      store,
      clock: options.clock,
      campaigns,
      logger,
      validateResponses: false,
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
      ...(options.maxEventLeadMs === undefined ? {} : { maxEventLeadMs: options.maxEventLeadMs }),
      ...(options.lateness === undefined ? {} : { lateness: options.lateness }),
    });
    await app.listen({ port: options.port, host: options.host });
    stopIfAborted();
    // Deadlines fire by the clock: at once (whatever came due while the server was down), then every second.
    const sweeper = new DeadlineSweeper(ctx, {
      onError: (error) => logger.error({ err: error }, "deadline sweep failed"),
      onSweep: (campaignId, fired) => logger.info({ campaignId, fired }, "deadlines fired"),
    });
    sweeper.start();
    const deliverer =
      options.webhook &&
      new WebhookDeliverer(ctx, options.webhook, {
        iso: (loaded, t) => formatterFor(loaded.campaign.timeZone)(t),
        onError: (error) => logger.error({ err: error }, "webhook delivery failed"),
        onFailed: (campaignId, seq, why, retryInMs) =>
          logger.warn({ campaignId, seq, why, retryInMs }, "webhook not acknowledged; will retry"),
      });
    deliverer?.start();
    const listening = app;
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : options.port;
    const shownHost =
      options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
    return {
      app,
      ctx,
      url: `http://${shownHost}:${port}`,
      async close() {
        await deliverer?.stop();
        await sweeper.stop();
        await listening.close();
        await store.close();
      },
    };
  } catch (error) {
    try {
      await app?.close();
    } finally {
      await store.close();
    }
    throw error;
  }
}
