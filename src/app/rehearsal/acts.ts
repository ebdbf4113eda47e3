/**
 * People's acts in a rehearsal: the source's appeals filed and decided, withdrawals and held
 * claims paid or declined (store/repos/person-acts.ts), taken again here through the same use
 * cases as the API, by the same people (the source's token or user ids, as the audit log names
 * them), at the moment the source took them. Under another policy an act may no longer apply —
 * no violation to appeal, no claim held — and is refused with the use case's own code, as
 * the API would refuse it. A restart takes none twice: what this database has already is a
 * duplicate (an appeal filed at the same instant, a claim resolved, a merchant gone).
 *
 * Before each act, what fell due by then is settled (the source's sweeper had settled it: its
 * violations are what the act appeals, its claims what it pays).
 */

import { appealFiledAt } from "../../store/repos/appeals.js";
import type { StoredAct } from "../../store/repos/person-acts.js";
import type { Actor } from "../actor.js";
import type { AppContext } from "../context.js";
import { decideOnAppeal, type Evidence, fileAppeal } from "../disputes/appeals.js";
import { withdrawMerchant } from "../disputes/withdrawal.js";
import { resolveHeldClaim } from "../fulfilment/held-claims.js";
import { sweepCampaign } from "../fulfilment/sweep.js";

type Taken =
  | { taken: true; decisions: string[] }
  | { taken: false; duplicate: boolean; code: string };

export type ActOutcome = Taken & {
  /** What fell due before the act and was settled first (JSON text). */
  swept: string[];
};

/** Codes that say this database has the act already (a restarted rehearsal). */
const ALREADY = new Set(["already_withdrawn", "claim_already_resolved", "appeal_already_decided"]);

export async function takeAct(
  ctx: AppContext,
  campaignId: string,
  act: StoredAct,
): Promise<ActOutcome> {
  const swept = await settleDue(ctx, campaignId);
  return { ...(await take(ctx, campaignId, act)), swept };
}

async function settleDue(ctx: AppContext, campaignId: string): Promise<string[]> {
  const loaded = await ctx.campaigns.current(campaignId);
  if (!loaded) return [];
  const decisions: string[] = [];
  for (let more = true; more; ) {
    const r = await sweepCampaign(ctx, loaded, ctx.clock.now());
    decisions.push(...r.decisions);
    more = r.more && !r.skipped;
  }
  return decisions;
}

async function take(ctx: AppContext, campaignId: string, act: StoredAct): Promise<Taken> {
  const by = act.by || "rehearsal";
  const operator: Actor = { role: "operator", id: by, merchantId: null };
  switch (act.type) {
    case "appeal_filed": {
      const a = act.appeal;
      if (await appealFiledAt(ctx.store.db, campaignId, a.orderId, a.kind, a.filedAt)) {
        return { taken: false, duplicate: true, code: "appeal_filed" };
      }
      const merchant: Actor = { role: "merchant", id: by, merchantId: a.merchantId };
      const r = await fileAppeal(ctx, merchant, campaignId, a.merchantId, {
        orderId: a.orderId,
        kind: a.kind as "late_shipment" | "false_shipment",
        reason: a.reason,
        ...(a.evidence === null ? {} : { evidence: JSON.parse(a.evidence) as Evidence }),
      });
      return r.ok ? { taken: true, decisions: [] } : refused(r.failure.code);
    }
    case "appeal_decided": {
      const a = act.appeal;
      const here = await appealFiledAt(ctx.store.db, campaignId, a.orderId, a.kind, a.filedAt);
      if (here === undefined) return refused("appeal_not_filed");
      if (here.status !== "open") return refused("appeal_already_decided");
      const decision = a.status === "upheld" ? "uphold" : "dismiss";
      const r = await decideOnAppeal(ctx, operator, here.id, {
        decision,
        note: a.decisionNote ?? "",
      });
      return r.ok ? { taken: true, decisions: r.value.decisions } : refused(r.failure.code);
    }
    case "withdrawal": {
      const merchant: Actor = { role: "merchant", id: by, merchantId: act.merchantId };
      const r = await withdrawMerchant(ctx, merchant, campaignId, act.merchantId, act.reason);
      return r.ok ? { taken: true, decisions: r.value.decisions } : refused(r.failure.code);
    }
    case "claim_resolved": {
      const verdict =
        act.decision === "pay"
          ? { decision: "pay" as const, ...(act.text === null ? {} : { note: act.text }) }
          : { decision: "decline" as const, reason: act.text ?? "" };
      const r = await resolveHeldClaim(ctx, operator, campaignId, act.orderId, act.kind, verdict);
      return r.ok ? { taken: true, decisions: [r.value.decision] } : refused(r.failure.code);
    }
  }
}

function refused(code: string): Taken {
  return { taken: false, duplicate: ALREADY.has(code), code };
}
