/**
 * A merchant's own exit (rule `merchant.withdrawal`, 九.4; docs/interfaces.md,
 * "Disputes and the merchant's own exit"): it leaves the campaign at once (`merchant.exited`, `reason: "withdrew"`), for good —
 * its listings leave the venue, no violation count brings it back, and its orders already placed
 * are still tracked. Once only: a second withdrawal, or one after an exit by exception report
 * (also final), is a conflict. Audited.
 */
import { withdraw } from "../../domain/fulfilment/index.js";
import { instantFormatter } from "../../domain/time/format.js";
import { appendAudit } from "../../store/repos/audit.js";
import type { Db } from "../../store/types.js";
import type { Actor } from "../actor.js";
import type { AppContext } from "../context.js";
import { actOnEngine } from "../fulfilment/engine-act.js";
import { fail, ok, type Result } from "../result.js";

export interface Withdrawn {
  merchantId: string;
  exitedAt: number;
  /** The decisions taken (JSON text). */
  decisions: string[];
}

export async function withdrawMerchant(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  merchantId: string,
  reason: string,
): Promise<Result<Withdrawn>> {
  const loaded = await ctx.campaigns.current(campaignId);
  if (!loaded) return fail("not_found", "campaign_not_found", `no campaign ${campaignId}`);
  const { campaign } = loaded;
  const now = ctx.clock.now();
  return ctx.store.db.transaction().execute(async (trx): Promise<Result<Withdrawn>> => {
    if (!(await takesPart(trx, campaignId, merchantId))) {
      return fail(
        "not_found",
        "not_in_campaign",
        `merchant ${merchantId} has registered nothing in ${campaignId}: there is nothing to withdraw from`,
      );
    }
    const { result, decisions } = await actOnEngine(
      trx,
      loaded,
      now,
      { merchantId },
      (state, out) => {
        const before = state.merchants.get(merchantId);
        if (before?.finalApplied && before.finalExit) return before.finalExit;
        withdraw(state, merchantId, now, campaign, out);
        return null;
      },
    );
    if (result !== null) {
      const code = result.reason === "withdrew" ? "already_withdrawn" : "already_exited";
      return fail(
        "conflict",
        code,
        result.reason === "withdrew"
          ? `merchant ${merchantId} has withdrawn from ${campaignId} already`
          : `merchant ${merchantId} left ${campaignId} for good already (${result.reason})`,
        { reason: result.reason, exitedAt: instantFormatter(campaign.timeZone)(result.at) },
      );
    }
    await appendAudit(trx, [
      {
        at: now,
        actorRole: actor.role,
        actorId: actor.id,
        action: "merchant.withdraw",
        campaignId,
        subjectType: "merchant",
        subjectId: merchantId,
        fromState: null,
        toState: "withdrew",
        reason: reason.trim(),
        detail: { decisions: decisions.map((d) => (JSON.parse(d) as { type: string }).type) },
      },
    ]);
    return ok({ merchantId, exitedAt: now, decisions });
  });
}

/** Whether the merchant registered for the campaign or has a listing in it. */
async function takesPart(db: Db, campaignId: string, merchantId: string): Promise<boolean> {
  const registered = await db
    .selectFrom("registrations")
    .select("id")
    .where("campaign_id", "=", campaignId)
    .where("merchant_id", "=", merchantId)
    .limit(1)
    .executeTakeFirst();
  if (registered) return true;
  const listed = await db
    .selectFrom("listings")
    .select("product_id")
    .where("campaign_id", "=", campaignId)
    .where("merchant_id", "=", merchantId)
    .limit(1)
    .executeTakeFirst();
  return listed !== undefined;
}
