import type { Campaign, ClaimRow, Instant, Policy } from "../campaign/model.js";
import { decidingRow, payFen } from "./claim-table.js";
import type { Decision, ViolationKind } from "./decisions.js";
import { violationsAfter, violationsBefore } from "./history.js";
import type { ClaimRecord, FulfilmentState, OrderRecord } from "./state.js";

/**
 * The automatic evaluation after a violation (rule `enforce.evaluation`): from the scenario, the
 * order's facts, the merchant's history and the buyer, the campaign's claim table pays the buyer
 * at once, sends the claim to a person, or raises none (`claim-table.ts`); the claim names the
 * row that decided it. A claim follows its violation: revoked, a paid claim is reversed and a
 * held one withdrawn. And it follows the merchant's history: when a correction changes how many
 * violations come before it, it is evaluated again (`reevaluateLaterClaims`).
 */

type ClaimDecision = Decision & { type: "claim.paid" | "claim.held" };

/** What a person pays on a held claim: the policy's `compensation`. */
export function compensationFen(amountFen: number, policy: Policy["compensation"]): number {
  return payFen(amountFen, policy);
}

/**
 * `merchantViolations`: the merchant's violations in force before this one (`history.ts`).
 * `null`: the deciding row says no claim. `revision` > 0: an evaluation made again.
 */
export function evaluateClaim(
  order: OrderRecord,
  kind: ViolationKind,
  at: Instant,
  merchantViolations: number,
  table: readonly ClaimRow[],
  revision = 0,
): ClaimDecision | null {
  const row = decidingRow(table, {
    kind,
    amountFen: order.amountFen,
    merchantViolations,
    buyerRisk: order.buyerRisk,
  });
  if (row === undefined || row.outcome.action === "none") return null;
  const { orderId, buyerId } = order;
  const { outcome } = row;
  const decision: ClaimDecision =
    outcome.action === "hold"
      ? { type: "claim.held", at, orderId, buyerId, reason: outcome.reason, kind, rule: row.id }
      : {
          type: "claim.paid",
          at,
          orderId,
          buyerId,
          amountFen: payFen(order.amountFen, outcome),
          kind,
          rule: row.id,
        };
  if (revision > 0) decision.revision = revision;
  return decision;
}

/** What the order keeps of a claim decided, to undo it if its violation goes. */
export function claimRecord(decision: ClaimDecision): ClaimRecord {
  const record: ClaimRecord =
    decision.type === "claim.paid"
      ? { kind: decision.kind, status: "paid", amountFen: decision.amountFen }
      : { kind: decision.kind, status: "held", amountFen: 0 };
  if (decision.revision !== undefined) record.revision = decision.revision;
  return record;
}

/**
 * Undoing a claim: money paid comes back, a claim waiting for a person is withdrawn.
 * `repriced`: to make way for its next revision.
 */
export function undoClaim(
  order: OrderRecord,
  claim: ClaimRecord,
  at: Instant,
  repriced = false,
): Decision | null {
  const { orderId, buyerId } = order;
  let undone: Decision & { type: "claim.reversed" | "claim.withdrawn" };
  if (claim.status === "paid") {
    undone = {
      type: "claim.reversed",
      at,
      orderId,
      buyerId,
      kind: claim.kind,
      amountFen: claim.amountFen,
    };
  } else if (claim.status === "held") {
    undone = { type: "claim.withdrawn", at, orderId, buyerId, kind: claim.kind };
  } else return null;
  if (claim.revision !== undefined) undone.revision = claim.revision;
  if (repriced) undone.reason = "repriced";
  return undone;
}

/**
 * The merchant's violations in force changed at (at, orderId) — one recorded or revoked there:
 * the claim of every violation after it is evaluated again with its history now, at `now`.
 * Only when the table looks at the history. An order not in `state` is skipped: the server's
 * working set notices the look-up and runs again with it loaded.
 */
export function reevaluateLaterClaims(
  state: FulfilmentState,
  merchantId: string,
  at: Instant,
  orderId: string,
  now: Instant,
  campaign: Campaign,
  out: Decision[],
): void {
  const table = campaign.policy.claims;
  if (!table.some((row) => row.when.merchantViolations !== undefined)) return;
  const merchant = state.merchants.get(merchantId);
  if (merchant === undefined) return;
  for (const [laterAt, laterId] of violationsAfter(merchant, at, orderId)) {
    const order = state.orders.get(laterId);
    if (order === undefined || order.violation === null) continue;
    reevaluateClaim(order, violationsBefore(merchant, laterAt, laterId), now, table, out);
  }
}

/** One claim evaluated again: a different outcome undoes it and decides the next revision. */
function reevaluateClaim(
  order: OrderRecord,
  merchantViolations: number,
  now: Instant,
  table: readonly ClaimRow[],
  out: Decision[],
): void {
  const current = order.claim;
  // A person's resolution of a held claim stands (declined: only a person declines).
  if (current?.byPerson || current?.status === "declined") return;
  const kind = order.violation!;
  const revision = (current?.revision ?? 0) + 1;
  const next = evaluateClaim(order, kind, now, merchantViolations, table, revision);
  if (sameOutcome(current, next)) return;
  if (current !== null) {
    const undone = undoClaim(order, current, now, true);
    if (undone !== null) out.push(undone);
  }
  order.claim =
    next === null ? { kind, status: "none", amountFen: 0, revision } : claimRecord(next);
  if (next !== null) out.push(next);
}

function sameOutcome(current: ClaimRecord | null, next: ClaimDecision | null): boolean {
  if (next === null) return current === null || current.status === "none";
  if (current === null) return false;
  if (next.type === "claim.held") return current.status === "held";
  return current.status === "paid" && current.amountFen === next.amountFen;
}
