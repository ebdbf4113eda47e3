/**
 * `POST /api/v1/events`: a batch of channel events, applied in one transaction and answered with
 * the decisions taken in it. Idempotent by event id (an id already stored, or repeated within the
 * batch, is a duplicate and changes nothing); an event the engine refuses (bad fields, unknown
 * order, a second click) gets a per-event error while the valid ones still apply. Events come in
 * any order (docs/interfaces.md, "Time, lateness and corrections"): time is the server's clock, settled up to the clock
 * minus the lateness; an event dated before that corrects at once what it contradicts, a later
 * one waits for the sweeper like any deadline. Events without an id get a server id. The answer
 * is given only after the commit.
 */
import { randomUUID } from "node:crypto";
import { CONTRACT_FIELDS } from "../../domain/fulfilment/contract/schema.js";
import {
  isStorableText,
  unstorableMessage,
} from "../../domain/fulfilment/contract/storable-text.js";
import type { ChannelEvent, EventError } from "../../domain/fulfilment/index.js";
import { passed, validateEvent } from "../../domain/fulfilment/index.js";
import { instantFormatter } from "../../domain/time/index.js";
import { type EventRow, insertEvents, knownEventIds } from "../../store/repos/fulfilment/log.js";
import { merchantsOfOrders, readOrderRows } from "../../store/repos/fulfilment/orders.js";
import { lockMerchants } from "../../store/repos/fulfilment/settled.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { activeCampaigns } from "./campaigns.js";
import { campaignFor, routeByOrder } from "./routing.js";
import { settleAndApply } from "./settle-run.js";

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
    const tooLarge = oversized(raw as Record<string, unknown>);
    if (tooLarge !== null) {
      outcome.errors.push({ index, id, error: tooLarge });
      return;
    }
    const checked = validateEvent(raw);
    if (!checked.ok) {
      outcome.errors.push({ index, id, error: checked.error });
      return;
    }
    const loaded = campaignFor(campaigns, checked.value.at);
    if (checked.value.at > notAfter) {
      const zone = loaded?.campaign.timeZone ?? "UTC";
      outcome.errors.push({ index, id, error: aheadOfClock(checked.value.at, notAfter, zone) });
      return;
    }
    if (loaded === undefined) {
      const error = { code: "no_campaign", message: "no campaign is loaded on this server" };
      outcome.errors.push({ index, id, error });
      return;
    }
    // Only an event taken here claims its id: one refused above was not taken, so a valid one
    // with its id later in the batch applies, as it would in the next batch.
    if (seen.has(id)) {
      outcome.duplicates++;
      return;
    }
    seen.add(id);
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
    for (const [loaded, group] of ordered) await ingestGroup(trx, ctx, loaded, group, now);
  });
}

/** The watermark of a campaign on this server: its clock minus the lateness, as a settle key. */
export function watermarkKey(ctx: AppContext, loaded: LoadedCampaign, now: number): number {
  return passed(now - (ctx.lateness ?? loaded.campaign.policy.lateness));
}

async function ingestGroup(
  trx: Db,
  ctx: AppContext,
  loaded: LoadedCampaign,
  group: Incoming[],
  now: number,
): Promise<void> {
  const campaignId = loaded.campaign.id;
  // The batch's merchants, locked in id order: an event about an order belongs to the order's
  // merchant (paid earlier in this batch, or stored: an order's merchant never changes).
  const merchantOf = new Map<string, string>();
  for (const { event } of group) {
    if (event.type === "order.paid") merchantOf.set(event.orderId, event.merchantId);
  }
  const asked = group.flatMap(({ event }) =>
    "orderId" in event && !merchantOf.has(event.orderId) ? [event.orderId] : [],
  );
  // On SQLite the orders' whole rows, read once for the locks and the engine (readOrderRows).
  const orderRows = readOrderRows(trx, campaignId, asked);
  if (orderRows) for (const [o, row] of orderRows) merchantOf.set(o, row[1] as string);
  else for (const [o, m] of await merchantsOfOrders(trx, campaignId, asked)) merchantOf.set(o, m);
  const merchants = new Set<string>();
  for (const { event } of group) {
    if ("merchantId" in event) merchants.add(event.merchantId);
    else if ("orderId" in event) {
      const m = merchantOf.get(event.orderId);
      if (m !== undefined) merchants.add(m);
    }
  }
  const locked = await lockMerchants(trx, campaignId, merchants, now, "wait");
  // Read under the locks: a concurrent batch with the same ids (the same merchants) has
  // committed or not started.
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
  // Never settle back: another process may have settled a merchant further, its clock a little
  // ahead.
  let bound = watermarkKey(ctx, loaded, now);
  for (const settled of locked.values()) bound = Math.max(bound, settled);
  const run = await settleAndApply(trx, {
    loaded,
    now,
    merchants: locked,
    bound,
    events: fresh,
    ...(orderRows ? { orderRows } : {}),
  });
  const stored: EventRow[] = [];
  fresh.forEach((item, i) => {
    const error = run.errors[i]!;
    if (error !== null) {
      item.sink.errors.push({ index: item.index, id: item.id, error });
      return;
    }
    item.sink.accepted++;
    const { event, id } = item;
    stored.push({
      eventId: id,
      campaignId,
      type: event.type,
      at: event.at,
      orderId: "orderId" in event ? event.orderId : null,
      body: storedBody(item),
    });
  });
  // What time settled beyond the events goes to the first batch's answer; the rest to the
  // batch whose event caused it.
  for (const d of run.decisions) {
    const sink = d.eventIndex === null ? fresh[0]!.sink : fresh[d.eventIndex]!.sink;
    sink.decisions.push(d.body);
  }
  await insertEvents(trx, stored, now);
}

/**
 * What the event log keeps of an event: its id and the contract's fields as read (an unknown
 * field is not stored; `at` as the channel wrote it).
 */
function storedBody(item: Incoming): string {
  const { event, id, raw } = item;
  return JSON.stringify({ ...event, id, at: raw.at });
}

/** Fields of the contract's events (its schema's) and the event's id; nothing else is stored. */
const KNOWN_FIELDS = new Set(["id", ...CONTRACT_FIELDS]);

/** Extra fields are allowed (annotations) but not unbounded: past this, the event is refused. */
export const MAX_EXTRA_CHARS = 4_096;

/**
 * An event whose fields outside the contract weigh more than `MAX_EXTRA_CHARS` as JSON: refused
 * whole (`event_too_large`), so no event can make the server hold megabytes it will not store.
 */
function oversized(raw: Record<string, unknown>): EventError | null {
  let chars = 0;
  for (const key in raw) {
    if (KNOWN_FIELDS.has(key)) continue;
    const value = raw[key];
    chars +=
      key.length +
      (typeof value === "string" ? value.length : (JSON.stringify(value)?.length ?? 0));
    if (chars > MAX_EXTRA_CHARS) {
      return {
        code: "event_too_large",
        message: `the event's fields outside the contract (${key}, …) take more than ${MAX_EXTRA_CHARS} characters: send only the contract's fields`,
        field: key,
      };
    }
  }
  return null;
}

/** Times in the campaign's zone, as every other answer gives them. */
function aheadOfClock(at: number, notAfter: number, timeZone: string): EventError {
  const iso = instantFormatter(timeZone);
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
  if (typeof id === "string" && !isStorableText(id)) {
    return { error: { code: "invalid_id", message: unstorableMessage("id", id), field: "id" } };
  }
  if (typeof id === "string" && id.length > 0 && id.length <= MAX_ID) return id;
  return {
    error: {
      code: "invalid_id",
      message: `id must be a string of 1 to ${MAX_ID} characters when present`,
      field: "id",
    },
  };
}
