import type { ClaimRow, Instant, Policy } from "../campaign/model.js";
import { decidingRow, payFen } from "./claim-table.js";
import type { Decision, ViolationKind } from "./decisions.js";
import type { ClaimRecord, MerchantRecord, OrderRecord } from "./state.js";

/**
 * The automatic evaluation after a violation (rule `enforce.evaluation`): from the scenario, the
 * order's facts, the merchant's history and the buyer, the campaign's claim table pays the buyer
 * at once, sends the claim to a person, or raises none (`claim-table.ts`); the claim names the
 * row that decided it. A claim follows its violation: revoked, a paid claim is reversed and a
 * held one withdrawn.
 */

/** What a person pays on a held claim: the policy's `compensation`. */
export function compensationFen(amountFen: number, policy: Policy["compensation"]): number {
  return payFen(amountFen, policy);
}

/**
 * `merchant`: the merchant's record before this violation counts. `null`: the deciding row says
 * no claim.
 */
export function evaluateClaim(
  order: OrderRecord,
  kind: ViolationKind,
  at: Instant,
  merchant: MerchantRecord,
  table: readonly ClaimRow[],
): (Decision & { type: "claim.paid" | "claim.held" }) | null {
  const row = decidingRow(table, {
    kind,
    amountFen: order.amountFen,
    merchantViolations: merchant.violations,
    buyerRisk: order.buyerRisk,
  });
  if (row === undefined || row.outcome.action === "none") return null;
  const { orderId, buyerId } = order;
  const { outcome } = row;
  if (outcome.action === "hold") {
    return { type: "claim.held", at, orderId, buyerId, reason: outcome.reason, kind, rule: row.id };
  }
  const amountFen = payFen(order.amountFen, outcome);
  return { type: "claim.paid", at, orderId, buyerId, amountFen, kind, rule: row.id };
}

/** What the order keeps of a claim decided, to undo it if its violation goes. */
export function claimRecord(
  decision: Decision & { type: "claim.paid" | "claim.held" },
): ClaimRecord {
  return decision.type === "claim.paid"
    ? { kind: decision.kind, status: "paid", amountFen: decision.amountFen }
    : { kind: decision.kind, status: "held", amountFen: 0 };
}

/** Undoing a claim: money paid comes back, a claim waiting for a person is withdrawn. */
export function undoClaim(order: OrderRecord, claim: ClaimRecord, at: Instant): Decision | null {
  const { orderId, buyerId } = order;
  if (claim.status === "paid") {
    return {
      type: "claim.reversed",
      at,
      orderId,
      buyerId,
      kind: claim.kind,
      amountFen: claim.amountFen,
    };
  }
  if (claim.status === "held")
    return { type: "claim.withdrawn", at, orderId, buyerId, kind: claim.kind };
  return null;
}
