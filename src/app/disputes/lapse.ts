/**
 * An appeal whose violation a later fact revoked — a shipment or a scan that came late and shows
 * the deadline was met — has nothing left to decide: it lapses in the transaction that revoked
 * the violation, audited as the system's act. It leaves the operators' queue (upholding it would
 * undo nothing, dismissing it would tell the merchant a violation stands that does not) and the
 * merchant sees why. A violation revoked by an upheld appeal is that appeal's own outcome.
 */
import type { Decision } from "../../domain/fulfilment/index.js";
import { lapseAppeals } from "../../store/repos/appeals.js";
import { appendAudit } from "../../store/repos/audit.js";
import type { Db } from "../../store/types.js";

const NOTE = "the violation was revoked by a later fact (late_event) before a decision";

export async function lapseAppealsOfRevoked(
  db: Db,
  campaignId: string,
  decisions: readonly Decision[],
  now: number,
): Promise<void> {
  const revoked = decisions.flatMap((d) =>
    d.type === "violation.revoked" && d.reason === "late_event"
      ? [{ orderId: d.orderId, kind: d.kind }]
      : [],
  );
  if (revoked.length === 0) return;
  const lapsed = await lapseAppeals(db, campaignId, revoked, now, NOTE);
  if (lapsed.length === 0) return;
  await appendAudit(
    db,
    lapsed.map((a) => ({
      at: now,
      actorRole: "system",
      actorId: "fulfilment",
      action: "appeal.lapse",
      campaignId,
      subjectType: "appeal",
      subjectId: a.id,
      fromState: "open",
      toState: "lapsed",
      reason: NOTE,
      detail: { merchantId: a.merchantId, orderId: a.orderId, kind: a.kind },
    })),
  );
}
