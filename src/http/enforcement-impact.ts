/**
 * The enforcement half of the editor's impact (`POST /campaigns/{c}/compare`): the edited policy
 * tried on the running campaign's stored event log (app/whatif/enforcement-impact.ts), with the
 * instant it was settled to written in the campaign's zone.
 */
import type { LoadedCampaign } from "../app/campaigns/catalog.js";
import type { AppContext } from "../app/context.js";
import { enforcementImpact } from "../app/whatif/enforcement-impact.js";
import type { Campaign } from "../domain/campaign/model.js";
import { formatterFor } from "./present.js";

export async function enforcementOnStoredLog(
  ctx: AppContext,
  current: LoadedCampaign,
  edited: Campaign,
) {
  const impact = await enforcementImpact(ctx, current.campaign, edited);
  return { ...impact, asOf: formatterFor(current.campaign.timeZone)(impact.asOf) };
}
