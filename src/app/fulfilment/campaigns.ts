/**
 * The loaded campaigns and their decision encoders, remembered for a moment: every event batch
 * needs them, and a campaign upload becoming current within a couple of seconds is soon enough.
 */
import { type DecisionEncoder, decisionEncoder } from "../../domain/fulfilment/index.js";
import type { CampaignCatalog, LoadedCampaign } from "../campaigns/catalog.js";

const TTL_MS = 2_000;
const cache = new WeakMap<CampaignCatalog, { until: number; list: LoadedCampaign[] }>();
const encoders = new Map<string, DecisionEncoder>();

export async function activeCampaigns(catalog: CampaignCatalog): Promise<LoadedCampaign[]> {
  // Real time, not the rehearsal clock: this is a cache lifetime, not a business instant.
  const now = performance.now();
  const hit = cache.get(catalog);
  if (hit && hit.until > now) return hit.list;
  const list = await catalog.list();
  cache.set(catalog, { until: now + TTL_MS, list });
  return list;
}

export function encoderFor(loaded: LoadedCampaign): DecisionEncoder {
  let e = encoders.get(loaded.campaign.hash);
  if (!e) {
    e = decisionEncoder(loaded.campaign);
    encoders.set(loaded.campaign.hash, e);
  }
  return e;
}
