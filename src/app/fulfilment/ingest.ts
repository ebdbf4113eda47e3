/**
 * `POST /api/v1/events`: a batch of channel events, applied in one transaction and answered with
 * the decisions they caused. Idempotent by event id (an id already stored, or repeated within the
 * batch, is a duplicate and changes nothing); an event the engine refuses (bad fields, unknown
 * order, out of time order) gets a per-event error while the valid ones still apply. Events
 * without an id get a server id. The answer is given only after the commit.
 */
import { randomUUID } from "node:crypto";
import type {
  ChannelEvent,
  Decision,
  EventError,
  FulfilmentState,
} from "../../domain/fulfilment/index.js";
import { stepInto, validateEvent } from "../../domain/fulfilment/index.js";
import { type EventRow, insertEvents, knownEventIds } from "../../store/repos/fulfilment/log.js";
import { dueObligations, lockClock, saveClock } from "../../store/repos/fulfilment/state.js";
import { listFromChannel } from "../../store/repos/fulfilment/venue.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { activeCampaigns } from "./campaigns.js";
import { recordDecisions, type Taken } from "./record-decisions.js";
import { campaignFor, routeByOrder } from "./routing.js";
import { loadWorkingSet, saveWorkingSet } from "./working-set.js";

export interface EventFailure {
  /** Position in the batch, from 0. */
  index: number;
  id: string | null;
  error: EventError;
}

export interface IngestOutcome {
  accepted: number;
  duplicates: number;
  errors: EventFailure[];
  /** The decisions as JSON text (the replay's lines), in the order taken. */
  decisions: string[];
}

interface Incoming {
  /** The answer of the batch this event came in. */
  sink: IngestOutcome;
  index: number;
  id: string;
  raw: Record<string, unknown>;
  event: ChannelEvent;
}

const MAX_ID = 128;

/** One batch, checked and routed, waiting for its transaction. */
export interface Submission {
  outcome: IngestOutcome;
  groups: Map<LoadedCampaign, Incoming[]>;
}

export async function ingestEvents(
  ctx: AppContext,
  raws: readonly unknown[],
): Promise<IngestOutcome> {
  const submission = prepareBatch(await activeCampaigns(ctx.campaigns), raws);
  if (submission.groups.size > 0) await applyBatches(ctx, [submission]);
  return finish(submission);
}

/**
 * Checks ids and fields and picks each event's campaign; no I/O. `notAfter`: the latest instant
 * an event may carry (`gala serve --max-event-lead`): a later one is refused, because applying it
 * would move the engine's clock there and fire every deadline before it.
 */
export function prepareBatch(
  campaigns: readonly LoadedCampaign[],
  raws: readonly unknown[],
  notAfter = Number.POSITIVE_INFINITY,
): Submission {
  const outcome: IngestOutcome = { accepted: 0, duplicates: 0, errors: [], decisions: [] };
  const groups = new Map<LoadedCampaign, Incoming[]>();
  const seen = new Set<string>();
  raws.forEach((raw, index) => {
    const id = eventId(raw);
    if (typeof id !== "string") {
      outcome.errors.push({ index, id: null, error: id.error });
      return;
    }
    if (seen.has(id)) {
      outcome.duplicates++;
      return;
    }
    seen.add(id);
    const checked = validateEvent(raw);
    if (!checked.ok) {
      outcome.errors.push({ index, id, error: checked.error });
      return;
    }
    if (checked.value.at > notAfter) {
      outcome.errors.push({ index, id, error: aheadOfClock(checked.value.at, notAfter) });
      return;
    }
    const loaded = campaignFor(campaigns, checked.value.at);
    if (loaded === undefined) {
      const error = { code: "no_campaign", message: "no campaign is loaded on this server" };
      outcome.errors.push({ index, id, error });
      return;
    }
    const group = groups.get(loaded) ?? [];
    groups.set(loaded, group);
    const incoming = { sink: outcome, index, id, raw: raw as Record<string, unknown> };
    group.push({ ...incoming, event: checked.value });
  });
  return { outcome, groups };
}

export function finish(submission: Submission): IngestOutcome {
  submission.outcome.errors.sort((a, b) => a.index - b.index);
  return submission.outcome;
}

/**
 * Applies batches in one transaction, in the order given (as if one after the other): each
 * batch is whole or not at all, and a commit carries several batches (group commit).
 */
export async function applyBatches(ctx: AppContext, submissions: readonly Submission[]) {
  await routeByOrder(ctx.store.db, await activeCampaigns(ctx.campaigns), submissions);
  const merged = new Map<LoadedCampaign, Incoming[]>();
  for (const { groups } of submissions) {
    for (const [loaded, items] of groups) {
      const all = merged.get(loaded) ?? [];
      merged.set(loaded, all);
      for (const item of items) all.push(item);
    }
  }
  const now = ctx.clock.now();
  // Campaigns in id order: two transactions that span the same campaigns lock them in one order.
  const ordered = [...merged].sort(([a], [b]) => (a.campaign.id < b.campaign.id ? -1 : 1));
  await ctx.store.db.transaction().execute(async (trx) => {
    for (const [loaded, group] of ordered) await ingestGroup(trx, loaded, group, now);
  });
}

async function ingestGroup(
  trx: Db,
  loaded: LoadedCampaign,
  group: Incoming[],
  now: number,
): Promise<void> {
  const campaignId = loaded.campaign.id;
  const lock = (await lockClock(trx, campaignId, now, "wait"))!;
  // Read under the lock: a concurrent batch with the same ids has committed or not started.
  const known = await knownEventIds(
    trx,
    group.map((g) => g.id),
  );
  const fresh: Incoming[] = [];
  for (const g of group) {
    // Stored already, or earlier in this transaction (another batch of the same commit).
    if (known.has(g.id)) g.sink.duplicates++;
    else {
      known.add(g.id);
      fresh.push(g);
    }
  }
  if (fresh.length === 0) return;

  let lastAt = Number.NEGATIVE_INFINITY;
  const orderIds = new Set<string>();
  const productIds = new Set<string>();
  const merchantIds = new Set<string>();
  const paidProductIds = new Set<string>();
  for (const { event } of fresh) {
    if (event.at > lastAt) lastAt = event.at;
    if ("orderId" in event) orderIds.add(event.orderId);
    if ("productId" in event) productIds.add(event.productId);
    if ("merchantId" in event) merchantIds.add(event.merchantId);
    if (event.type === "order.paid") paidProductIds.add(event.productId);
  }
  // Deadlines before the batch's last instant fire inside it, in order, as a replay fires them.
  const dueIds: string[] = [];
  for (const due of await dueObligations(trx, campaignId, lastAt, Number.MAX_SAFE_INTEGER)) {
    orderIds.add(due.orderId);
    dueIds.push(due.orderId);
  }
  const wanted = { orderIds, productIds, merchantIds, paidProductIds };
  // Listings and merchants only for the orders falling due (most orders an event names need
  // neither); should a deadline opened inside the batch fire too, load them all and run again.
  let ws = await loadWorkingSet(trx, campaignId, lock.clock, {
    ...wanted,
    contextOrderIds: dueIds,
  });
  let run = runEvents(ws.state, fresh, loaded, campaignId);
  if (ws.reachedBeyond()) {
    ws = await loadWorkingSet(trx, campaignId, lock.clock, wanted);
    run = runEvents(ws.state, fresh, loaded, campaignId);
  }
  const { taken, stored, listed, sinks } = run;
  for (const { item, error } of run.outcomes) {
    if (error === null) item.sink.accepted++;
    else item.sink.errors.push({ index: item.index, id: item.id, error });
  }
  if (stored.length === 0) return;
  await saveWorkingSet(trx, campaignId, ws, now);
  // Listed first: a weight change or delisting later in the same batch then finds the row.
  await listFromChannel(trx, campaignId, listed);
  const encoded = await recordDecisions(trx, loaded, ws.state, taken, now);
  for (let i = 0; i < encoded.length; i++) sinks[i]!.decisions.push(encoded[i]!);
  await saveClock(trx, campaignId, ws.state.clock, now);
  await insertEvents(trx, stored, now);
}

interface Run {
  outcomes: Array<{ item: Incoming; error: EventError | null }>;
  taken: Taken[];
  stored: EventRow[];
  listed: Array<{ productId: string; merchantId: string; at: number; eventId: string }>;
  /** The answer each decision in `taken` goes to. */
  sinks: IngestOutcome[];
}

/** The engine over the batch's events, in memory: nothing is answered or written yet. */
function runEvents(
  state: FulfilmentState,
  fresh: readonly Incoming[],
  loaded: LoadedCampaign,
  campaignId: string,
): Run {
  const run: Run = { outcomes: [], taken: [], stored: [], listed: [], sinks: [] };
  const out: Decision[] = [];
  for (const item of fresh) {
    const { sink, id, raw, event } = item;
    out.length = 0;
    const error = stepInto(state, event, loaded.campaign, out);
    run.outcomes.push({ item, error });
    if (error !== null) continue;
    for (const decision of out) {
      run.taken.push({ decision, eventId: id });
      run.sinks.push(sink);
    }
    run.stored.push({
      eventId: id,
      campaignId,
      type: event.type,
      at: event.at,
      orderId: "orderId" in event ? event.orderId : null,
      body: raw.id === id ? JSON.stringify(raw) : JSON.stringify({ id, ...raw }),
    });
    if (event.type === "product.listed") {
      run.listed.push({
        productId: event.productId,
        merchantId: event.merchantId,
        at: event.at,
        eventId: id,
      });
    }
  }
  return run;
}

function aheadOfClock(at: number, notAfter: number): EventError {
  const iso = (t: number) => new Date(t).toISOString();
  return {
    code: "ahead_of_clock",
    message: `the event is dated ${iso(at)}, after ${iso(notAfter)}, the latest this server takes (its clock plus --max-event-lead): check the channel's clock; the event would fire every deadline before it`,
    field: "at",
  };
}

/** The event's own id, a new server id when it has none, or why its id is unusable. */
function eventId(raw: unknown): string | { error: EventError } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { error: { code: "invalid_event", message: "an event must be a JSON object" } };
  }
  const id = (raw as { id?: unknown }).id;
  if (id === undefined || id === null) return `srv_${randomUUID()}`;
  if (typeof id === "string" && id.length > 0 && id.length <= MAX_ID) return id;
  return {
    error: {
      code: "invalid_id",
      message: `id must be a string of 1 to ${MAX_ID} characters when present`,
      field: "id",
    },
  };
}
