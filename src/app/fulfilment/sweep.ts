/**
 * One sweep of a campaign's deadlines by the server's clock: every open obligation due strictly
 * before `now` fires, earliest first, in slices of `limit` (a slice always ends on a whole due
 * instant, so ties fire together and in the engine's order). The cost is what is due: one indexed
 * range read, then only those orders and their listings and merchants.
 *
 * The engine's clock moves to just after the last deadline fired, not to `now`: an event that
 * arrives a little late (network, client clock) is still accepted unless a deadline it could
 * have changed has already fired.
 */
import { advanceTo } from "../../domain/fulfilment/index.js";
import {
  dueObligations,
  lockClock,
  obligationsDueAt,
  saveClock,
} from "../../store/repos/fulfilment/state.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { recordDecisions } from "./record-decisions.js";
import { loadWorkingSet, saveWorkingSet } from "./working-set.js";

export interface SweepOutcome {
  /** Another process holds the campaign (PostgreSQL): it sweeps this time. */
  skipped: boolean;
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
    const lock = await lockClock(trx, campaignId, now, "skip");
    if (lock === undefined) return { skipped: true, fired: 0, decisions: [], more: false };
    const due = await dueObligations(trx, campaignId, now, limit);
    if (due.length === 0) return { skipped: false, fired: 0, decisions: [], more: false };
    let until = now;
    const more = due.length === limit;
    if (more) {
      const last = due[due.length - 1]!.dueAt;
      const taken = new Set(due.map((d) => `${d.orderId}\u0000${d.kind}`));
      for (const d of await obligationsDueAt(trx, campaignId, last)) {
        if (!taken.has(`${d.orderId}\u0000${d.kind}`)) due.push(d);
      }
      until = last + 1;
    }
    const ws = await loadWorkingSet(trx, campaignId, lock.clock, {
      orderIds: due.map((d) => d.orderId),
      productIds: [],
      merchantIds: [],
      paidProductIds: [],
    });
    const { decisions } = advanceTo(ws.state, until, loaded.campaign);
    const lastDue = Math.max(...due.map((d) => d.dueAt));
    ws.state.clock = Math.max(lock.clock ?? Number.NEGATIVE_INFINITY, lastDue + 1);
    await saveWorkingSet(trx, campaignId, ws, now);
    const taken = decisions.map((decision) => ({ decision, eventId: null }));
    const encoded = await recordDecisions(trx, loaded, ws.state, taken, now);
    await saveClock(trx, campaignId, ws.state.clock, now);
    return { skipped: false, fired: due.length, decisions: encoded, more };
  });
}
