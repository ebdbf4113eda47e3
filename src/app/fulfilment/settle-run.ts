/**
 * One transaction of the engine on stored rows, for a batch of events or a sweep: each event is
 * received (one dated before the time already settled corrects at `now` what it contradicts),
 * then time is settled up to the bound (the server's clock minus the lateness, never back). The rows the run needs are
 * loaded (the orders the events name, the orders and merchants with a decision due, their
 * listings and merchants); what changed is written back, with the decisions, once each.
 */
import {
  advance,
  type ChannelEvent,
  type Decision,
  type EventError,
  receive,
} from "../../domain/fulfilment/index.js";
import { dueOrders, orderIdsOfProduct } from "../../store/repos/fulfilment/orders.js";
import { dueMerchants } from "../../store/repos/fulfilment/records.js";
import { listFromChannel } from "../../store/repos/fulfilment/venue.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import { effectKeysFor } from "./engine-act.js";
import { recordDecisions, type Taken } from "./record-decisions.js";
import { loadWorkingSet, saveWorkingSet, type WorkingSet } from "./working-set.js";

const HOUR_MS = 3_600_000;

export interface RunEvent {
  event: ChannelEvent;
  /** The event's id (decisions it causes are attributed to it). */
  id: string;
}

export interface RunOutcome {
  /** Per event, in order: `null` = taken, or why it was refused. */
  errors: Array<EventError | null>;
  /** The decisions as JSON text, in the order taken, each with the event that caused it. */
  decisions: Array<{ body: string; eventIndex: number | null }>;
  /** How many orders and merchants had a decision due. */
  due: number;
}

export interface RunInput {
  loaded: LoadedCampaign;
  now: number;
  /** How far the campaign was settled (from its locked row). */
  settled: number;
  /** Settle up to this key. */
  bound: number;
  events: readonly RunEvent[];
  /** At most this many due orders (a sweep's slice); the rest waits for the next run. */
  dueLimit?: number;
}

export async function settleAndApply(
  db: Db,
  input: RunInput,
): Promise<RunOutcome & { bound: number }> {
  const { loaded, now, events } = input;
  const campaignId = loaded.campaign.id;
  let bound = input.bound;
  const due = await dueOrders(
    db,
    campaignId,
    bound,
    input.dueLimit ?? Number.POSITIVE_INFINITY,
    true,
  );
  if (input.dueLimit !== undefined && due.length >= input.dueLimit) {
    // A slice ends on a whole key, so ties settle together and in the engine's order.
    const last = due[due.length - 1]!.key;
    bound = last + 1;
    const rest = await dueOrders(db, campaignId, bound, Number.POSITIVE_INFINITY, true);
    for (const d of rest) if (!due.some((x) => x.id === d.id)) due.push(d);
  }
  const dueM = await dueMerchants(db, campaignId, bound, Number.POSITIVE_INFINITY);

  const orderIds = new Set(due.map((d) => d.id));
  const productIds = new Set<string>();
  const merchantIds = new Set(dueM.map((d) => d.id));
  const paidProductIds = new Set<string>();
  const contextOrderIds = new Set(due.map((d) => d.id));
  for (const { event } of events) {
    if ("orderId" in event) orderIds.add(event.orderId);
    if ("productId" in event) productIds.add(event.productId);
    if ("merchantId" in event) merchantIds.add(event.merchantId);
    if (event.type === "order.paid") paidProductIds.add(event.productId);
    if (event.type === "product.listed") {
      // Orders paid before their listing was reported (almost never any): it may date from
      // before them, which makes them campaign orders after all.
      for (const id of await orderIdsOfProduct(db, campaignId, event.merchantId, event.productId)) {
        orderIds.add(id);
        contextOrderIds.add(id);
      }
    }
  }
  const wanted = { orderIds, productIds, merchantIds, paidProductIds };
  // Listings and merchants only for the orders with a decision due (most orders an event
  // names need neither); should a late event correct one, load them all and run again.
  let ws = await loadWorkingSet(db, campaignId, input.settled, { ...wanted, contextOrderIds });
  let run = runEngine(ws, input, bound);
  if (ws.reachedBeyond()) {
    ws = await loadWorkingSet(db, campaignId, input.settled, wanted);
    run = runEngine(ws, input, bound);
  }
  const pickupMs = loaded.campaign.policy.falseShipment.pickupWithinHours * HOUR_MS;
  await saveWorkingSet(db, campaignId, ws, now, pickupMs);
  const keys = effectKeysFor(ws);
  // Channel listings enter the venue first: a weight change or delisting in the same run then
  // finds their row.
  const listed = events.flatMap(({ event, id }, i) =>
    event.type === "product.listed" && run.errors[i] === null
      ? [{ productId: event.productId, merchantId: event.merchantId, at: event.at, eventId: id }]
      : [],
  );
  await listFromChannel(db, campaignId, listed);
  const bodies = await recordDecisions(db, loaded, ws.state, keys, run.taken, now);
  return {
    errors: run.errors,
    decisions: bodies.map((body, i) => ({ body, eventIndex: run.eventIndex[i]! })),
    due: due.length + dueM.length,
    bound,
  };
}

interface EngineRun {
  errors: Array<EventError | null>;
  taken: Taken[];
  eventIndex: Array<number | null>;
}

/** The engine over the loaded rows, in memory: nothing is written yet. */
function runEngine(ws: WorkingSet, input: RunInput, bound: number): EngineRun {
  const { state } = ws;
  const { campaign } = input.loaded;
  const run: EngineRun = { errors: [], taken: [], eventIndex: [] };
  const out: Decision[] = [];
  const take = (eventIndex: number | null, eventId: string | null) => {
    for (const decision of out) {
      run.taken.push({ decision, eventId });
      run.eventIndex.push(eventIndex);
    }
    out.length = 0;
  };
  // The batch's facts all arrived now: each is recorded (an event dated before the time already
  // settled corrects at once what it contradicts), then time settles up to the bound.
  input.events.forEach(({ event, id }, i) => {
    const error = receive(state, event, campaign, input.now, out, { venueGate: true });
    run.errors.push(error);
    take(i, id);
  });
  advance(state, bound, campaign, out);
  take(null, null);
  return run;
}
