/**
 * Which campaign an event belongs to. Decision (README, "Fulfilment in the server"): the campaign
 * whose activity window most recently started at or before the event's time; an event earlier
 * than every activity goes to the earliest campaign. With one campaign (the usual case) every
 * event goes to it, including pickups and deliveries after the window closed.
 */
import type { LoadedCampaign } from "../campaigns/catalog.js";

export function campaignFor(
  campaigns: readonly LoadedCampaign[],
  at: number,
): LoadedCampaign | undefined {
  let best: LoadedCampaign | undefined;
  let earliest: LoadedCampaign | undefined;
  for (const loaded of campaigns) {
    const start = loaded.campaign.windows.activity.start;
    if (earliest === undefined || start < earliest.campaign.windows.activity.start) {
      earliest = loaded;
    }
    if (start <= at && (best === undefined || start > best.campaign.windows.activity.start)) {
      best = loaded;
    }
  }
  return best ?? earliest;
}
