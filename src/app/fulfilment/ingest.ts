/**
 * `POST /api/v1/events`: a batch of channel events, applied in one transaction and answered with
 * the decisions they caused. Idempotent by event id (an id already stored, or repeated within the
 * batch, is a duplicate and changes nothing); an event the engine refuses (bad fields, unknown
 * order, out of time order) gets a per-event error while the valid ones still apply. Events
 * without an id get a server id. The answer is given only after the commit.
 */
import { randomUUID } from "node:crypto";
import type { ChannelEvent, Decision, EventError } from "../../domain/fulfilment/index.js";
import { stepInto, validateEvent } from "../../domain/fulfilment/index.js";
import { type EventRow, insertEvents, knownEventIds } from "../../store/repos/fulfilment/log.js";
import { dueObligations, lockClock, saveClock } from "../../store/repos/fulfilment/state.js";
import { listFromChannel } from "../../store/repos/fulfilment/venue.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { activeCampaigns } from "./campaigns.js";
import { recordDecisions, type Taken } from "./record-decisions.js";
import { campaignFor } from "./routing.js";
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
  index: number;
  id: string;
  raw: Record<string, unknown>;
  event: ChannelEvent;
}

const MAX_ID = 128;

export async function ingestEvents(
  ctx: AppContext,
  raws: readonly unknown[],
): Promise<IngestOutcome> {
  const outcome: IngestOutcome = { accepted: 0, duplicates: 0, errors: [], decisions: [] };
  const campaigns = await activeCampaigns(ctx.campaigns);
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
    const loaded = campaignFor(campaigns, checked.value.at);
    if (loaded === undefined) {
      const error = { code: "no_campaign", message: "no campaign is loaded on this server" };
      outcome.errors.push({ index, id, error });
      return;
    }
    const group = groups.get(loaded) ?? [];
    groups.set(loaded, group);
    group.push({ index, id, raw: raw as Record<string, unknown>, event: checked.value });
  });
  if (groups.size === 0) return outcome;
  const now = ctx.clock.now();
  // Campaigns in id order: two batches that span the same campaigns lock them in the same order.
  const ordered = [...groups].sort(([a], [b]) => (a.campaign.id < b.campaign.id ? -1 : 1));
  await ctx.store.db.transaction().execute(async (trx) => {
    for (const [loaded, group] of ordered) {
      await ingestGroup(trx, loaded, group, now, outcome);
    }
  });
  outcome.errors.sort((a, b) => a.index - b.index);
  return outcome;
}

async function ingestGroup(
  trx: Db,
  loaded: LoadedCampaign,
  group: Incoming[],
  now: number,
  outcome: IngestOutcome,
): Promise<void> {
  const campaignId = loaded.campaign.id;
  const lock = (await lockClock(trx, campaignId, now, "wait"))!;
  // Read under the lock: a concurrent batch with the same ids has committed or not started.
  const known = await knownEventIds(
    trx,
    group.map((g) => g.id),
  );
  const fresh = group.filter((g) => !known.has(g.id));
  outcome.duplicates += group.length - fresh.length;
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
  for (const due of await dueObligations(trx, campaignId, lastAt, Number.MAX_SAFE_INTEGER)) {
    orderIds.add(due.orderId);
  }
  const ws = await loadWorkingSet(trx, campaignId, lock.clock, {
    orderIds,
    productIds,
    merchantIds,
    paidProductIds,
  });

  const taken: Taken[] = [];
  const stored: EventRow[] = [];
  const listed: Array<{ productId: string; merchantId: string; at: number; eventId: string }> = [];
  const out: Decision[] = [];
  for (const { index, id, raw, event } of fresh) {
    out.length = 0;
    const error = stepInto(ws.state, event, loaded.campaign, out);
    if (error !== null) {
      outcome.errors.push({ index, id, error });
      continue;
    }
    outcome.accepted++;
    for (const decision of out) taken.push({ decision, eventId: id });
    stored.push({
      eventId: id,
      campaignId,
      type: event.type,
      at: event.at,
      orderId: "orderId" in event ? event.orderId : null,
      body: raw.id === id ? JSON.stringify(raw) : JSON.stringify({ id, ...raw }),
    });
    if (event.type === "product.listed") {
      listed.push({
        productId: event.productId,
        merchantId: event.merchantId,
        at: event.at,
        eventId: id,
      });
    }
  }
  if (stored.length === 0) return;
  await saveWorkingSet(trx, campaignId, ws, now);
  // Listed first: a weight change or delisting later in the same batch then finds the row.
  await listFromChannel(trx, campaignId, listed);
  outcome.decisions.push(...(await recordDecisions(trx, loaded, ws.state, taken, now)));
  await saveClock(trx, campaignId, ws.state.clock, now);
  await insertEvents(trx, stored, now);
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
