/**
 * A person's act on the engine's state — an operator upholding an appeal, a merchant withdrawing
 * — as a small run of its own: in the caller's transaction, under the merchant's lock (so no
 * batch or sweep is half-way through its records), load the records the act names with
 * their listings and merchants, let the pure engine act at `now`, then write back what changed
 * and record the decisions it took, each once (the same path as a batch of events,
 * `settle-run.ts`).
 */
import type {
  Decision,
  FulfilmentState,
  ListingRecord,
  MerchantRecord,
} from "../../domain/fulfilment/index.js";
import { countZone } from "../../store/repos/fulfilment/counts.js";
import { orderRecord } from "../../store/repos/fulfilment/orders.js";
import { lockMerchants } from "../../store/repos/fulfilment/settled.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import { EffectKeys } from "./effects.js";
import { recordDecisions } from "./record-decisions.js";
import { loadWorkingSet, saveWorkingSet, type WorkingSet } from "./working-set.js";

const HOUR_MS = 3_600_000;

/** The idempotency keys of a run's decisions, counted from the records as they were loaded. */
export function effectKeysFor(ws: WorkingSet): EffectKeys {
  return new EffectKeys({
    order: (id) => {
      const row = ws.orderRows.get(id);
      return row === undefined ? undefined : orderRecord(row);
    },
    listing: (id) => ws.loaded.get(`l:${id}`) as ListingRecord | undefined,
    merchant: (id) => ws.loaded.get(`m:${id}`) as MerchantRecord | undefined,
  });
}

export interface ActOutcome<T> {
  result: T;
  /** The decisions taken, as the API shows them (JSON text), in order. */
  decisions: string[];
}

export async function actOnEngine<T>(
  trx: Db,
  loaded: LoadedCampaign,
  now: number,
  /** The merchant the act is about (every order it names is this merchant's). */
  names: { merchantId: string; orderIds?: readonly string[] },
  act: (state: FulfilmentState, out: Decision[]) => T,
): Promise<ActOutcome<T>> {
  const campaignId = loaded.campaign.id;
  const locked = await lockMerchants(trx, campaignId, [names.merchantId], now, "wait");
  const settled = locked.get(names.merchantId) ?? Number.NEGATIVE_INFINITY;
  // Without `contextOrderIds`: every loaded order's listing and merchant, which a revocation
  // reaches.
  const orderIds = new Set(names.orderIds ?? []);
  const load = () =>
    loadWorkingSet(trx, campaignId, settled, {
      orderIds,
      productIds: [],
      merchantIds: [names.merchantId],
      paidProductIds: [],
    });
  let ws = await load();
  let out: Decision[] = [];
  let result = act(ws.state, out);
  // A revocation evaluates the claims after it again: their orders, loaded, and the act again.
  for (let attempt = 0; ws.reachedBeyond(); attempt++) {
    if (attempt === 2) throw new Error("an act on the engine reached a record it did not load");
    for (const id of ws.missedOrders()) orderIds.add(id);
    ws = await load();
    out = [];
    result = act(ws.state, out);
  }
  const pickupMs = loaded.campaign.policy.falseShipment.pickupWithinHours * HOUR_MS;
  await saveWorkingSet(trx, campaignId, ws, now, pickupMs, countZone(loaded.campaign.timeZone));
  const taken = out.map((decision) => ({ decision, eventId: null }));
  const decisions = await recordDecisions(trx, loaded, ws.state, effectKeysFor(ws), taken, now);
  return { result, decisions };
}
