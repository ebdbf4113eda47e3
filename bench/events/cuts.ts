/**
 * In-process cuts of `gala replay`, to see where its time goes: each stage does everything the
 * one before does plus one more layer, on the same file, through the same reader. Prints wall and
 * CPU seconds (all threads: V8 collects garbage on helper threads). Run each stage a few times,
 * interleaved, and compare the least CPU times; the machine is shared.
 *
 *   parse    JSON.parse each line (the floor, in process)
 *   ids      + a Map of every order id (has/set per payment, get per order event)
 *   read     + validation (readEventFast: typed event, instant parsed)
 *   records  + one record per order in the shape of `OrderRecord`, its instants updated by each
 *            event (what keeping the state costs, without a rule)
 *   step     the engine instead (streamStep: refusals, facts, settling to the watermark, rules)
 *   scan     the scanner instead of JSON.parse + readEventFast (scanEvent on each line in its
 *            chunk, as replay reads it), nothing kept
 *   scanstep the scanner and the engine (streamStep)
 *   session  ReplaySession.lineWithin, as replay runs it: scanner (or the ordinary path), engine
 *            and the JSONL encoding of its decisions
 *
 * Usage: node dist/bench/events/cuts.js STAGE FILE [CAMPAIGN]
 */
import { createReadStream } from "node:fs";
import { readCampaignFile } from "../../src/app/campaign-file.js";
import { processJsonl } from "../../src/cli/jsonl.js";
import { readEventFast } from "../../src/domain/fulfilment/contract/fast-read.js";
import { scanEvent } from "../../src/domain/fulfilment/contract/scan-event.js";
import type { Decision } from "../../src/domain/fulfilment/decisions.js";
import {
  emptyState,
  type OrderRecord,
  ReplaySession,
  StreamClock,
  streamStep,
} from "../../src/domain/fulfilment/index.js";
import { NONE } from "../../src/domain/fulfilment/state.js";

const [stage, path, campaignPath = "campaigns/spring-festival-2024.yaml"] = process.argv.slice(2);
if (stage === undefined || path === undefined) throw new Error("usage: cuts.js STAGE FILE");
const campaign = await readCampaignFile(campaignPath);
const DAY = 86_400_000;

const ids = new Map<string, number>();
const orders = new Map<string, OrderRecord>();
const state = emptyState();
const clock = new StreamClock(campaign.policy.lateness);
const out: Decision[] = [];
const session = new ReplaySession(campaign);

function records(text: string): void {
  const e = readEventFast(JSON.parse(text));
  if (e === undefined || !("orderId" in e)) return;
  if (e.type === "order.paid") {
    if (orders.has(e.orderId)) return;
    orders.set(e.orderId, {
      orderId: e.orderId,
      merchantId: e.merchantId,
      productId: e.productId,
      amountFen: e.amountFen,
      buyerId: e.buyer.id,
      buyerRisk: e.buyer.risk,
      paidAt: e.at,
      campaign: true,
      shipDueAt: e.at + DAY,
      shippedAt: null,
      trackingNo: null,
      carrier: null,
      pickedUpAt: null,
      deliveredAt: null,
      refunds: NONE,
      waived: NONE,
      violation: null,
      violationAt: null,
      revoked: NONE,
      claim: null,
      intercepts: 0,
      nextKey: e.at + DAY,
    });
    return;
  }
  const o = orders.get(e.orderId);
  if (o === undefined) return;
  if (e.type === "order.shipped") {
    o.shippedAt = e.at;
    o.nextKey = e.at + DAY;
  } else if (e.type === "order.picked_up") {
    o.pickedUpAt = e.at;
    o.nextKey = null;
  } else if (e.type === "order.delivered") o.deliveredAt = e.at;
}

const stages: Record<string, (text: string, line: number) => string | undefined> = {
  parse: (text) => {
    JSON.parse(text);
    return undefined;
  },
  ids: (text) => {
    remember(JSON.parse(text));
    return undefined;
  },
  read: (text) => {
    remember(readEventFast(JSON.parse(text)));
    return undefined;
  },
  records: (text) => {
    records(text);
    return undefined;
  },
  step: (text) => {
    const event = readEventFast(JSON.parse(text));
    out.length = 0;
    if (event !== undefined) streamStep(state, clock, event, campaign, out);
    return undefined;
  },
};

/** Stages that read each line in place in its chunk (`processJsonl`'s `onLineWithin`). */
const within: Record<
  string,
  (text: string, start: number, end: number, line: number) => string | undefined
> = {
  scan: (text, start, end) => {
    scanEvent(text, start, end);
    return undefined;
  },
  scanstep: (text, start, end) => {
    const event = scanEvent(text, start, end);
    out.length = 0;
    if (event !== undefined) streamStep(state, clock, event, campaign, out);
    return undefined;
  },
  session: (text, start, end, line) => session.lineWithin(text, start, end, line) || undefined,
};

function remember(event: unknown): void {
  const { type, orderId } = (event ?? {}) as { type?: unknown; orderId?: unknown };
  if (typeof orderId !== "string") return;
  if (type === "order.paid") {
    if (!ids.has(orderId)) ids.set(orderId, ids.size);
  } else ids.get(orderId);
}

const onLine = stages[stage];
const onLineWithin = within[stage];
if (onLine === undefined && onLineWithin === undefined)
  throw new Error(`stages: ${[...Object.keys(stages), ...Object.keys(within)].join(", ")}`);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await processJsonl({
  input: createReadStream(path, { highWaterMark: 1024 * 1024 }),
  onLine: onLine ?? (() => undefined),
  onLineWithin,
  maxLineChars: 1024 * 1024,
  onTooLong: () => undefined,
});
const cpu = process.cpuUsage(cpu0);
const wall = (performance.now() - t0) / 1000;
process.stdout.write(
  `${stage.padEnd(8)} wall ${wall.toFixed(2)} s  cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s\n`,
);
