/**
 * One sweep of a campaign by the server's clock: time settles up to the watermark (the clock
 * minus the lateness), deciding what fell due before it, in key order, for up to `limit`
 * merchants at a time (the most overdue first), each locked for the transaction — one another
 * process holds is skipped: that process settles it. The cost is what is due: one indexed range
 * read, then only those merchants' due orders and their listings.
 */
import { lockMerchants, merchantsDue } from "../../store/repos/fulfilment/settled.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { watermarkKey } from "./ingest.js";
import { settleAndApply } from "./settle-run.js";

export interface SweepOutcome {
  /** Another process holds the campaign (PostgreSQL): it sweeps this time. */
  skipped: boolean;
  /** Orders whose due decisions were settled. */
  fired: number;
  /** Decisions as JSON text, in the order taken. */
  decisions: string[];
  /** More is due than one slice took: sweep again. */
  more: boolean;
}

export async function sweepCampaign(
  ctx: AppContext,
  loaded: LoadedCampaign,
  now: number,
  limit = 200,
): Promise<SweepOutcome> {
  const campaignId = loaded.campaign.id;
  return ctx.store.db.transaction().execute(async (trx): Promise<SweepOutcome> => {
    const watermark = watermarkKey(ctx, loaded, now);
    const candidates = await merchantsDue(trx, campaignId, watermark, limit);
    if (candidates.length === 0) return { skipped: false, fired: 0, decisions: [], more: false };
    // Merchants another process holds are its to settle this time.
    const locked = await lockMerchants(trx, campaignId, candidates, now, "skip");
    if (locked.size === 0) return { skipped: true, fired: 0, decisions: [], more: false };
    let bound = watermark;
    for (const settled of locked.values()) bound = Math.max(bound, settled);
    const run = await settleAndApply(trx, { loaded, now, merchants: locked, bound, events: [] });
    return {
      skipped: false,
      fired: run.due,
      decisions: run.decisions.map((d) => d.body),
      more: candidates.length === limit,
    };
  });
}
