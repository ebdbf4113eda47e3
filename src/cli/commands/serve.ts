/**
 * `gala serve [--port N] [--db URL] [--clock ISO --clock-speed X] [--demo]` (docs/interfaces.md).
 * Bad flags, an unusable database URL or an invalid campaign file: exit 2 with one paragraph
 * on stderr. `--demo` seeds a fresh database with the demo dataset, starts the clock inside the
 * reference campaign, and prints the URL and a token per role.
 */
import type { Command } from "commander";
import {
  type Clock,
  HoldableClock,
  ResumableClock,
  rehearsalClock,
  systemClock,
} from "../../app/clock.js";
import type { AppContext } from "../../app/context.js";
import { type DemoAccount, ensureDemoAccounts } from "../../app/demo/accounts.js";
import { seedDisputes } from "../../app/demo/disputes.js";
import { seedLarge } from "../../app/demo/large.js";
import { isFresh, seedDemo } from "../../app/demo/seed.js";
import { type DemoToken, issueDemoTokens } from "../../app/demo/tokens.js";
import { demoResumeAt, localTarget } from "../../app/fulfilment/demo-local.js";
import { DemoStream } from "../../app/fulfilment/demo-stream.js";
import {
  firstDue,
  issueRehearsalToken,
  planRehearsal,
  type RehearsalPlan,
  RehearsalProblem,
  startRehearsal,
} from "../../app/rehearsal/plan.js";
import type { Rehearsal } from "../../app/rehearsal/rehearsal.js";
import { CampaignFileError } from "../../domain/campaign/problems.js";
import { parseInstant } from "../../domain/time/parse.js";
import { formatterFor, presentCampaign } from "../../http/present.js";
import { StartAborted, startServer } from "../../http/start.js";
import { trustProxyProblem } from "../../http/trust-proxy.js";
import {
  DbUrlError,
  DEFAULT_DB_URL,
  MigrationError,
  parseDbUrl,
  StoreOpenError,
} from "../../store/index.js";
import { parseDuration } from "../duration.js";
import { EXIT_CANNOT_RUN } from "../exit-codes.js";

const DEMO_DB_URL = "sqlite:./data/demo.db";
/**
 * Inside both windows of the reference campaign (registration open, venue running), two days
 * into the activity: the demo stream replays those days first, so late and false shipments,
 * violations and claims are there at once.
 */
const DEMO_CLOCK = "2024-02-11T10:00:00+08:00";
/** The activity window's start: where the demo's replayed history begins. */
const DEMO_HISTORY_FROM = Date.parse("2024-02-09T00:00:00+08:00");
/** A simulated hour per real minute: the week-long activity window lasts about three hours. */
const DEMO_CLOCK_SPEED = "60";
const DEMO_CAMPAIGN = "spring-festival-2024";
/** A rehearsal's database, unless --db says otherwise: never the one it replays from. */
const REHEARSAL_DB_URL = "sqlite:./data/rehearsal.db";

interface ServeFlags {
  port: string;
  host: string;
  db?: string;
  campaigns: string;
  clock?: string;
  clockSpeed?: string;
  demo?: boolean;
  scale: string;
  logLevel: string;
  trustProxy?: string;
  maxEventLead: string;
  lateness?: string;
  replayFrom?: string;
  replayCampaign?: string;
  webhook?: string;
  webhookSecret?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("run the server: HTTP API, OpenAPI docs, console")
    .option("--port <n>", "port to listen on (0 = any free port)", "8080")
    .option("--host <host>", "interface to listen on (0.0.0.0 for every interface)", "localhost")
    .option(
      "--db <url>",
      `sqlite:PATH or postgres://… (default ${DEFAULT_DB_URL}; --demo: ${DEMO_DB_URL})`,
    )
    .option("--campaigns <dir>", "directory of campaign files loaded at start", "campaigns")
    .option("--clock <iso>", "start the server's clock at this instant (rehearse a past campaign)")
    .option(
      "--clock-speed <x>",
      `run the clock at X times real speed (0 = frozen; default 1, --demo: ${DEMO_CLOCK_SPEED})`,
    )
    .option(
      "--demo",
      `seed demo data into a fresh database; clock defaults to ${DEMO_CLOCK} (or where the demo left off) at ${DEMO_CLOCK_SPEED}×`,
    )
    .option(
      "--scale <size>",
      "with --demo: small (3 merchants) or large (about 300 merchants, 10,000 products, 100,000 orders; seeding takes minutes)",
      "small",
    )
    .option("--log-level <level>", "pino log level", "info")
    .option(
      "--trust-proxy <addresses>",
      "reverse proxies whose X-Forwarded-For names the client: IPs, CIDRs or loopback, comma separated",
    )
    .option(
      "--max-event-lead <span>",
      "refuse channel events dated more than this after the server's clock (the server's clock is the time authority)",
      "10m",
    )
    .option(
      "--lateness <span>",
      "how late a channel event may arrive and change nothing, e.g. 10m or 0s; the watermark is the clock minus this (default: each campaign's policy.lateness)",
    )
    .option(
      "--replay-from <db>",
      `rehearse from history: play a stored campaign's events from this database (sqlite:PATH or postgres://…) into a fresh one (--db, default ${REHEARSAL_DB_URL}) as the clock passes them; clock defaults to its first event at ${DEMO_CLOCK_SPEED}×`,
    )
    .option(
      "--replay-campaign <file>",
      "with --replay-from: the campaign file to rehearse under (another policy); default: the source's current version",
    )
    .option(
      "--webhook <url>",
      "POST every decision to this URL, signed, at least once and in order per campaign (docs/webhooks.md)",
    )
    .option(
      "--webhook-secret <secret>",
      "the key that signs webhook requests (HMAC-SHA256); or set GALA_WEBHOOK_SECRET, which keeps it out of the process list",
    )
    .action(async (flags: ServeFlags) => {
      await serve(flags);
    });
}

async function serve(flags: ServeFlags): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    cannotRun(
      `--port ${flags.port} is not a port number: pass an integer 0..65535, e.g. --port 8080.`,
    );
  }
  if (flags.trustProxy !== undefined) {
    const problem = trustProxyProblem(flags.trustProxy);
    if (problem) {
      cannotRun(
        `--trust-proxy ${flags.trustProxy}: ${problem}. Pass the proxies' addresses, comma separated, e.g. --trust-proxy 127.0.0.1,10.0.0.0/8 (or loopback).`,
      );
    }
  }
  const maxEventLeadMs = parseDuration(flags.maxEventLead);
  if (maxEventLeadMs === null) {
    cannotRun(
      `--max-event-lead ${flags.maxEventLead} is not a span: pass a whole number with s, m, h or d, e.g. --max-event-lead 10m.`,
    );
  }
  const lateness = flags.lateness === undefined ? undefined : parseDuration(flags.lateness);
  if (lateness === null) {
    cannotRun(
      `--lateness ${flags.lateness} is not a span: pass a whole number with s, m, h or d, e.g. --lateness 10m (or 0s for none).`,
    );
  }
  const webhook = webhookOf(flags);
  if (flags.scale !== "small" && flags.scale !== "large") {
    cannotRun(`--scale ${flags.scale}: pass small or large, e.g. --demo --scale large.`);
  }
  if (flags.scale === "large" && !flags.demo) {
    cannotRun("--scale large seeds the demo: pass it with --demo.");
  }
  const rehearsing = flags.replayFrom !== undefined;
  const dbUrl =
    flags.db ?? (flags.demo ? DEMO_DB_URL : rehearsing ? REHEARSAL_DB_URL : DEFAULT_DB_URL);
  try {
    parseDbUrl(dbUrl);
  } catch (error) {
    if (error instanceof DbUrlError) cannotRun(`--db: ${error.message}.`);
    throw error;
  }
  const plan = await rehearsalPlan(flags, dbUrl);
  const rehearsalStart = plan && new Date((await firstDue(plan)) ?? Date.now()).toISOString();
  const built = buildClock(
    flags.clock ?? (flags.demo ? DEMO_CLOCK : rehearsalStart),
    flags.clockSpeed ?? (flags.demo || rehearsing ? DEMO_CLOCK_SPEED : "1"),
  );
  // The demo's default clock resumes where a previous run on the same database left off.
  const resumable = flags.demo && flags.clock === undefined ? new ResumableClock(built) : undefined;
  const clock = new HoldableClock(resumable ?? built);

  // Handle SIGTERM/SIGINT from here on, before any start-up work: a signal during start-up stops
  // it (startServer closes what it had opened) instead of killing the process mid-way. `on`, not
  // `once`: a repeated signal while stopping (a supervisor sending it twice, npm forwarding the
  // one its process group got) must find the handler still there, not kill the process (143).
  const stopRequested = new AbortController();
  const requestStop = () => stopRequested.abort();
  process.on("SIGINT", requestStop);
  process.on("SIGTERM", requestStop);

  let tokens: DemoToken[] = [];
  let accounts: readonly DemoAccount[] = [];
  let simulation: DemoStream | undefined;
  let rehearsal: Rehearsal | undefined;
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer({
      dbUrl,
      port,
      host: flags.host,
      clock,
      campaignsDir: flags.campaigns,
      logLevel: flags.logLevel,
      ...(flags.trustProxy === undefined ? {} : { trustProxy: flags.trustProxy }),
      maxEventLeadMs,
      ...(lateness === undefined ? {} : { lateness }),
      ...(webhook === undefined ? {} : { webhook }),
      signal: stopRequested.signal,
      ...(flags.demo
        ? {
            prepare: async (ctx: AppContext) => {
              // --demo also streams a simulated campaign in, so the console has orders and
              // decisions to show. A fresh database gets its history first, here, before the
              // sweeper starts: each batch judged by the time it would have come in.
              simulation = demoStream(ctx, clock);
              if (resumable !== undefined) {
                // A returning demo: start the clock at the later of the default instant and the
                // engine's stored clock, so the console is not behind the stored orders.
                resumable.resumeAt(await demoResumeAt(ctx, DEMO_CAMPAIGN, Date.parse(DEMO_CLOCK)));
              }
              if (await isFresh(ctx)) {
                await seedDemo(ctx, DEMO_CAMPAIGN);
                if (flags.scale === "large") {
                  // The large set's orders cover the whole history, the small set's products too.
                  await seedLarge(ctx, DEMO_CAMPAIGN, DEMO_HISTORY_FROM, (line) =>
                    process.stderr.write(`${line}\n`),
                  );
                } else {
                  await simulation.backfill(DEMO_HISTORY_FROM);
                }
                await seedDisputes(ctx, DEMO_CAMPAIGN);
              }
              tokens = await issueDemoTokens(ctx);
              accounts = await ensureDemoAccounts(ctx);
            },
          }
        : plan
          ? {
              prepare: async (ctx: AppContext) => {
                rehearsal = await startRehearsal(ctx, plan, clock, (line) =>
                  process.stderr.write(`${line}\n`),
                );
                tokens = await issueRehearsalToken(ctx);
              },
            }
          : {}),
    });
  } catch (error) {
    if (error instanceof StartAborted) process.exit(0);
    if (error instanceof RehearsalProblem) cannotRun(error.message);
    if (error instanceof CampaignFileError) cannotRun(error.message);
    if (error instanceof StoreOpenError) cannotRun(`${error.message}.`);
    if (error instanceof MigrationError) cannotRun(`database ${dbUrl}: ${error.message}.`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") cannotRun(`port ${port} is in use: pick another with --port N.`);
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "28P01" || code === "3D000") {
      cannotRun(
        `cannot connect to ${dbUrl} (${(error as Error).message}): check the URL and that the database is up.`,
      );
    }
    if (code === "ENOENT" && String((error as Error).message).includes(flags.campaigns)) {
      cannotRun(`campaign directory ${flags.campaigns} does not exist: pass --campaigns DIR.`);
    }
    throw error;
  }

  if (!stopRequested.signal.aborted) {
    await printBanner(running.url, dbUrl, running.ctx, tokens);
    if (accounts.length > 0) printAccounts(running.url, accounts);
    await simulation?.start();
    rehearsal?.start();
  }
  await untilAborted(stopRequested.signal);
  await simulation?.stop();
  await rehearsal?.stop();
  await plan?.source.close();
  await running.close();
  process.exit(0);
}

/** `--replay-from`: what to rehearse, or why it cannot be (exit 2); nothing without the flag. */
async function rehearsalPlan(flags: ServeFlags, dbUrl: string): Promise<RehearsalPlan | undefined> {
  if (flags.replayFrom === undefined) {
    if (flags.replayCampaign !== undefined) {
      cannotRun(
        "--replay-campaign goes with --replay-from DB: the database whose events to rehearse.",
      );
    }
    return undefined;
  }
  if (flags.demo) {
    cannotRun(
      "--replay-from and --demo do not go together: a rehearsal plays a stored campaign back, the demo simulates one. Drop one of them.",
    );
  }
  try {
    return await planRehearsal(flags.replayFrom, dbUrl, flags.replayCampaign);
  } catch (error) {
    if (error instanceof RehearsalProblem) cannotRun(error.message);
    if (error instanceof DbUrlError) cannotRun(`--replay-from: ${error.message}.`);
    if (error instanceof MigrationError) {
      cannotRun(`database ${flags.replayFrom}: ${(error as Error).message}.`);
    }
    throw error;
  }
}

/** `--webhook URL` with its secret, checked; `undefined` without `--webhook`. */
function webhookOf(flags: ServeFlags): { url: string; secret: string } | undefined {
  const secret = flags.webhookSecret ?? process.env.GALA_WEBHOOK_SECRET;
  if (flags.webhook === undefined) {
    if (flags.webhookSecret !== undefined) {
      cannotRun("--webhook-secret needs --webhook URL: the endpoint to deliver decisions to.");
    }
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(flags.webhook);
  } catch {
    cannotRun(
      `--webhook ${flags.webhook} is not a URL: pass an absolute http or https URL, e.g. --webhook https://payments.example.com/hooks/gala.`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    cannotRun(`--webhook ${flags.webhook}: only http and https URLs are delivered to.`);
  }
  if (secret === undefined || secret.length < 16) {
    cannotRun(
      "--webhook needs a signing secret of at least 16 characters: pass --webhook-secret S or set GALA_WEBHOOK_SECRET (e.g. openssl rand -hex 32).",
    );
  }
  return { url: flags.webhook, secret };
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener("abort", () => resolve(), { once: true }),
  );
}

function demoStream(ctx: AppContext, clock: HoldableClock): DemoStream {
  return new DemoStream(localTarget(ctx, DEMO_CAMPAIGN, clock), {
    // No speed: simulated time is the server's clock, whatever its speed.
    ordersPerHour: 20,
    // Often, so the sweeper rarely fires a deadline ahead of events the stream has yet to send.
    intervalMs: 250,
    seed: 1,
    log: (line) => process.stderr.write(`${line}\n`),
  });
}

function buildClock(iso: string | undefined, speedText: string): Clock {
  const speed = Number(speedText);
  if (!Number.isFinite(speed) || speed < 0) {
    cannotRun(
      `--clock-speed ${speedText} is not a speed: pass a number ≥ 0 (1 = real time, 60 = a minute per second).`,
    );
  }
  if (iso === undefined) {
    if (speed !== 1) cannotRun("--clock-speed needs --clock ISO: the instant the clock starts at.");
    return systemClock;
  }
  const start = parseInstant(iso);
  if (start === null) {
    cannotRun(
      `--clock ${iso} is not an instant: pass ISO-8601 with an offset, e.g. --clock ${DEMO_CLOCK}.`,
    );
  }
  return rehearsalClock(start, speed);
}

async function printBanner(url: string, dbUrl: string, ctx: AppContext, tokens: DemoToken[]) {
  const now = ctx.clock.now();
  const lines = [
    `Gala is serving at ${url}  (API docs ${url}/docs, OpenAPI ${url}/api/openapi.json)`,
  ];
  lines.push(`database ${dbUrl}`);
  for (const loaded of await ctx.campaigns.list()) {
    const c = presentCampaign(loaded, now);
    lines.push(
      `campaign ${c.id} (${c.hash.slice(0, 12)}): now ${formatterFor(c.timeZone)(now)}, registration ${c.registrationOpen ? "open" : "closed"}, venue ${c.running ? "running" : "not running"}`,
    );
  }
  if (tokens.length > 0) {
    lines.push(
      `${tokens.some((t) => t.merchantId) ? "demo" : "rehearsal"} tokens (send as Authorization: Bearer TOKEN):`,
    );
    for (const t of tokens) {
      const who = t.merchantId ? `${t.role} ${t.merchantId}` : t.role;
      lines.push(`  ${who.padEnd(20)} ${t.secret}`);
    }
    const merchant = tokens.find((t) => t.merchantId);
    if (merchant) {
      lines.push(
        `try: curl -H "Authorization: Bearer ${merchant.secret}" ${url}/api/v1/campaigns/${DEMO_CAMPAIGN}/merchants/${merchant.merchantId}/registrations`,
      );
    }
  }
  process.stderr.write(`${lines.join("\n")}\n`);
}

/** The console's demo sign-ins, after the API banner. */
function printAccounts(url: string, accounts: readonly DemoAccount[]) {
  const lines = [`console: open ${url}/ and sign in (控制台登录):`];
  for (const a of accounts) {
    const who = a.merchantId ? `${a.role} ${a.merchantId}` : a.role;
    lines.push(`  ${who.padEnd(20)} username ${a.username.padEnd(10)} password ${a.password}`);
  }
  process.stderr.write(`${lines.join("\n")}\n`);
}

function cannotRun(message: string): never {
  process.stderr.write(`gala serve: ${message}\n`);
  process.exit(EXIT_CANNOT_RUN);
}
