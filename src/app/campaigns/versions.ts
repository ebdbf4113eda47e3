/** A campaign's stored versions, newest first, for its history (the console's version list). */
import { listCampaignVersions } from "../../store/repos/campaigns.js";
import type { AppContext } from "../context.js";

export interface CampaignVersionSummary {
  campaignId: string;
  hash: string;
  sourceName: string;
  loadedAt: number;
  loadedBy: string;
}

export function readCampaignVersions(
  ctx: AppContext,
  campaignId: string,
): Promise<CampaignVersionSummary[]> {
  return listCampaignVersions(ctx.store.db, campaignId);
}
