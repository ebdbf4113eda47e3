/**
 * A merchant's answer to a refund the engine left to it (`refund.awaiting_merchant`: a return, an
 * order already shipped, over the instant limit…): approve or refuse, with a note. Recorded once
 * per refund, audited, and kept in its own table (`refund_responses`), apart from the fulfilment
 * engine's, keyed by campaign, order and refund id.
 *
 * This is the console's smallest honest step: the answer is stored and shown to both sides; the
 * engine does not read it (an approved refund does not yet close the order's obligations there).
 */
import { sql } from "kysely";
import { appendAudit } from "../../store/repos/audit.js";
import { ff } from "../../store/repos/fulfilment/tables.js";
import type { Actor } from "../actor.js";
import type { AppContext } from "../context.js";
import { fail, ok, type Result } from "../result.js";

export interface RefundAnswer {
  campaignId: string;
  merchantId: string;
  orderId: string;
  refundId: string;
  decision: "approve" | "refuse";
  note?: string | undefined;
}

export interface RefundResponse {
  orderId: string;
  refundId: string;
  decision: "approve" | "refuse";
  note: string | null;
  decidedAt: number;
  decidedBy: string;
}

export async function respondToRefund(
  ctx: AppContext,
  actor: Actor,
  a: RefundAnswer,
): Promise<Result<RefundResponse>> {
  if (!(await ctx.campaigns.current(a.campaignId))) {
    return fail("not_found", "campaign_not_found", `no campaign ${a.campaignId}`);
  }
  const note = a.note?.trim() || null;
  if (a.decision === "refuse" && !note) {
    return fail(
      "invalid",
      "reason_required",
      "refusing a refund needs a note the buyer will read",
      {
        field: "note",
      },
    );
  }
  const now = ctx.clock.now();
  return ctx.store.db.transaction().execute(async (trx): Promise<Result<RefundResponse>> => {
    const awaiting = await ff(trx)
      .selectFrom("ff_decisions")
      .select(["merchant_id"])
      .where("campaign_id", "=", a.campaignId)
      .where("effect_key", "=", `refund:${a.orderId}:${a.refundId}`)
      .where("type", "=", "refund.awaiting_merchant")
      .executeTakeFirst();
    if (!awaiting || awaiting.merchant_id !== a.merchantId) {
      return fail(
        "not_found",
        "refund_not_awaiting",
        `refund ${a.refundId} of order ${a.orderId} is not awaiting merchant ${a.merchantId}`,
      );
    }
    const inserted = await sql<{ refund_id: string }>`insert into refund_responses
        (campaign_id, order_id, refund_id, merchant_id, decision, note, decided_at, decided_by)
        values (${a.campaignId}, ${a.orderId}, ${a.refundId}, ${a.merchantId}, ${a.decision},
          ${note}, ${now}, ${actor.id})
        on conflict do nothing returning refund_id`.execute(trx);
    if (inserted.rows.length === 0) {
      const before = await trx
        .selectFrom("refund_responses")
        .select(["decision", "decided_at"])
        .where("campaign_id", "=", a.campaignId)
        .where("order_id", "=", a.orderId)
        .where("refund_id", "=", a.refundId)
        .executeTakeFirst();
      return fail("conflict", "refund_already_answered", "this refund was answered already", {
        decision: before?.decision,
      });
    }
    await appendAudit(trx, [
      {
        at: now,
        actorRole: actor.role,
        actorId: actor.id,
        action: a.decision === "approve" ? "refund.approve" : "refund.refuse",
        campaignId: a.campaignId,
        subjectType: "refund",
        subjectId: a.refundId,
        fromState: "awaiting_merchant",
        toState: a.decision === "approve" ? "approved" : "refused",
        reason: note,
        detail: { orderId: a.orderId, merchantId: a.merchantId },
      },
    ]);
    return ok({
      orderId: a.orderId,
      refundId: a.refundId,
      decision: a.decision,
      note,
      decidedAt: now,
      decidedBy: actor.id,
    });
  });
}
