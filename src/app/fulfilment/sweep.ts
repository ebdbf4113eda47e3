/**
 * One sweep of a campaign by the server's clock: time settles up to the watermark (the clock
 * minus the lateness), deciding what fell due before it, least settle key first, in slices of
 * `limit` orders (a slice always ends on a whole key, so ties settle together and in the
 * engine's order). The cost is what is due: one indexed range read, then only those orders and
 * their listings and merchants.
 */
import { lockCampaign, saveSettled } from "../../store/repos/fulfilment/settled.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { watermarkKey } from "./ingest.js";
import { settleAndApply } from "./settle-run.js";

export interface SweepOutcome {
  /** Another process holds the campaign (PostgreSQL): it sweeps this time. */
  skipped: boolean;
  /** Orders and merchants whose due decisions were settled. */
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
  limit = 1_000,
): Promise<SweepOutcome> {
  const campaignId = loaded.campaign.id;
  return ctx.store.db.transaction().execute(async (trx): Promise<SweepOutcome> => {
    const lock = await lockCampaign(trx, campaignId, now, "skip");
    if (lock === undefined) return { skipped: true, fired: 0, decisions: [], more: false };
    const watermark = watermarkKey(ctx, loaded, now);
    if (watermark <= lock.settled) return { skipped: false, fired: 0, decisions: [], more: false };
    const run = await settleAndApply(trx, {
      loaded,
      now,
      settled: lock.settled,
      bound: watermark,
      events: [],
      dueLimit: limit,
    });
    await saveSettled(trx, campaignId, run.bound, now);
    return {
      skipped: false,
      fired: run.due,
      decisions: run.decisions.map((d) => d.body),
      more: run.bound < watermark,
    };
  });
}
