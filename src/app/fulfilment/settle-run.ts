/**
 * One transaction of the engine on stored rows, for a batch of events or a sweep, over the
 * merchants the caller has locked: each event is received (one dated before the time already
 * settled corrects at `now` what it contradicts), then those merchants' time is settled up to
 * the bound (the server's clock minus the lateness, never back). The rows the run needs are
 * loaded (the orders the events name, the orders and merchants with a decision due, their
 * listings and merchants); what changed is written back, with the decisions, once each.
 */
import {
  advance,
  type ChannelEvent,
  type Decision,
  type EventError,
  receive,
  settleTouched,
  type Target,
} from "../../domain/fulfilment/index.js";
import { countZone } from "../../store/repos/fulfilment/counts.js";
import {
  dueOrdersOf,
  type OrderRow,
  orderIdsOfProduct,
} from "../../store/repos/fulfilment/orders.js";
import { saveSettled } from "../../store/repos/fulfilment/settled.js";
import { listFromChannel } from "../../store/repos/fulfilment/venue.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import { effectKeysFor } from "./engine-act.js";
import { recordDecisions, type Taken } from "./record-decisions.js";
import { loadWorkingSet, saveWorkingSet, type WorkingSet } from "./working-set.js";

const HOUR_MS = 3_600_000;
/** A minute, in settle keys (twice the milliseconds). */
const SETTLED_STEP = 2 * 60_000;

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
  /** How many orders had a decision due. */
  due: number;
}

export interface RunInput {
  loaded: LoadedCampaign;
  now: number;
  /**
   * The merchants this run settles, locked by the caller, with how far each is settled. Every
   * event of the run is about one of them (or about no merchant: a clock, an unknown order).
   */
  merchants: ReadonlyMap<string, number>;
  /** Settle up to this key (never below what a merchant has settled). */
  bound: number;
  events: readonly RunEvent[];
  /** Order rows the transaction has read already (`readOrderRows`), not read again. */
  orderRows?: ReadonlyMap<string, OrderRow>;
}

export async function settleAndApply(db: Db, input: RunInput): Promise<RunOutcome> {
  const { loaded, now, events, bound } = input;
  const campaignId = loaded.campaign.id;
  const merchantList = [...input.merchants.keys()];
  const due = await dueOrdersOf(db, campaignId, merchantList, bound);

  const orderIds = new Set(due.map((d) => d.id));
  const productIds = new Set<string>();
  // Every locked merchant is loaded: its record may hold a final exit due.
  const merchantIds = new Set(merchantList);
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
  // Time already settled, for a fact arriving now: the least among the merchants (a late fact
  // of a merchant settled further is settled at once either way, by the bound below).
  let settled = Number.POSITIVE_INFINITY;
  for (const s of input.merchants.values()) settled = Math.min(settled, s);
  if (!Number.isFinite(settled) && settled > 0) settled = Number.NEGATIVE_INFINITY;
  const wanted = { orderIds, productIds, merchantIds, paidProductIds };
  // Listings and merchants only for the orders with a decision due (most orders an event
  // names need neither); should a late event correct one, load them all and run again, with
  // the merchant's later violations whose claims it evaluates again.
  let ws = await loadWorkingSet(
    db,
    campaignId,
    settled,
    { ...wanted, contextOrderIds },
    input.orderRows,
  );
  let run = runEngine(ws, input, bound);
  for (let attempt = 0; ws.reachedBeyond(); attempt++) {
    if (attempt === 2) throw new Error("the engine keeps reaching records it did not load");
    for (const id of ws.missedOrders()) orderIds.add(id);
    ws = await loadWorkingSet(db, campaignId, settled, wanted, input.orderRows);
    run = runEngine(ws, input, bound);
  }
  const pickupMs = loaded.campaign.policy.falseShipment.pickupWithinHours * HOUR_MS;
  await saveWorkingSet(db, campaignId, ws, now, pickupMs, countZone(loaded.campaign.timeZone));
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
  // How far they are settled, kept when it moved on by a minute or more: a lower value read
  // back only makes a late fact settle its order at the next bound instead of at once (the
  // same decisions), and rewriting every merchant's row on every refund cost a page write.
  const moved = merchantList.filter((m) => bound - input.merchants.get(m)! >= SETTLED_STEP);
  await saveSettled(db, campaignId, moved, bound, now);
  return {
    errors: run.errors,
    decisions: bodies.map((body, i) => ({ body, eventIndex: run.eventIndex[i]! })),
    due: due.length,
  };
}

/** The records a batch touched, each with the first event that touched it (its decisions' cause). */
class Touched extends Set<Target> {
  event = 0;
  readonly first = new Map<Target, number>();
  override add(target: Target): this {
    if (!this.first.has(target)) this.first.set(target, this.event);
    return super.add(target);
  }
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
  // The batch's facts all arrived now: every one is recorded first, then each record they touched
  // is settled up to the time already settled (a fact dated before it corrects what it
  // contradicts, once, with all the batch's facts in), then time settles up to the bound.
  const touched = new Touched();
  input.events.forEach(({ event }, i) => {
    touched.event = i;
    const error = receive(state, event, campaign, input.now, out, { venueGate: true, touched });
    run.errors.push(error);
  });
  for (const [target, i] of touched.first) {
    settleTouched(state, [target], input.now, campaign, out);
    take(i, input.events[i]!.id);
  }
  advance(state, bound, campaign, out);
  take(null, null);
  return run;
}
