/**
 * Storing what the engine decided: one row per effect (ignored if its key is already there), and
 * the venue kept in step — a weight change sets the listing's weight, a delisting or a merchant's
 * exit takes products out of the venue query, a relisting or a reinstatement brings them back;
 * an open appeal against a violation a later fact revoked lapses (disputes/lapse.ts).
 */
import type { Decision, FulfilmentState } from "../../domain/fulfilment/index.js";
import { type DecisionRow, insertDecisions } from "../../store/repos/fulfilment/log.js";
import {
  delistProduct,
  exitMerchant,
  reinstateMerchant,
  relistProduct,
  setListingWeight,
} from "../../store/repos/listings.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import { lapseAppealsOfRevoked } from "../disputes/lapse.js";
import { encoderFor } from "./campaigns.js";
import { decisionColumns, type EffectKeys } from "./effects.js";

export interface Taken {
  decision: Decision;
  eventId: string | null;
}

/** Returns the decisions as the API shows them (JSON text), in the order taken. */
export async function recordDecisions(
  db: Db,
  loaded: LoadedCampaign,
  state: FulfilmentState,
  keys: EffectKeys,
  taken: readonly Taken[],
  at: number,
): Promise<string[]> {
  if (taken.length === 0) return [];
  const campaignId = loaded.campaign.id;
  const encode = encoderFor(loaded);
  const merchantOf = (orderId: string) => state.orders.get(orderId)?.merchantId ?? null;
  const rows: DecisionRow[] = [];
  const out: string[] = [];
  for (const { decision, eventId } of taken) {
    const body = encode(decision);
    out.push(body);
    rows.push({
      campaignId,
      effectKey: keys.key(decision),
      eventId,
      type: decision.type,
      at: decision.at,
      ...decisionColumns(decision, merchantOf),
      body,
    });
    await applyToVenue(db, campaignId, decision);
  }
  await insertDecisions(db, rows, at);
  await lapseAppealsOfRevoked(
    db,
    campaignId,
    taken.map((t) => t.decision),
    at,
  );
  return out;
}

async function applyToVenue(db: Db, campaignId: string, d: Decision): Promise<void> {
  switch (d.type) {
    case "listing.weight_changed":
      await setListingWeight(db, campaignId, d.productId, d.weight, d.at);
      return;
    case "listing.delisted":
      await delistProduct(db, campaignId, d.productId, d.reason, d.at);
      return;
    case "listing.relisted":
      await relistProduct(db, campaignId, d.productId, d.at);
      return;
    case "merchant.exited":
      await exitMerchant(db, campaignId, d.merchantId, d.reason, d.at);
      return;
    case "merchant.reinstated":
      await reinstateMerchant(db, campaignId, d.merchantId, d.at);
      return;
  }
}
