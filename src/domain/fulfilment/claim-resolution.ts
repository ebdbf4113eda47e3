/**
 * A claim the automatic evaluation held for a person (`claim.held`, e.g. a high-risk buyer) is
 * resolved by an operator: paid, with the compensation the policy gives for that order (the
 * amount the evaluation would have paid), or declined with a reason. Pure: the caller brings the
 * held claim, the order's amount and the instant, and stores the outcome once.
 */
import type { Instant, Policy } from "../campaign/model.js";
import { compensationFen } from "./claims.js";
import type { Decision, ViolationKind } from "./decisions.js";
import type { FulfilmentState } from "./state.js";

export interface HeldClaim {
  orderId: string;
  buyerId: string;
  kind: ViolationKind;
}

export type ClaimVerdict =
  | { decision: "pay"; note?: string }
  | { decision: "decline"; reason: string };

export type ClaimResolution =
  | (Omit<Extract<Decision, { type: "claim.paid" }>, "rule"> & {
      /** Paid by a person after the evaluation held it (no table row decided it). */
      resolvedFrom: "claim.held";
      note: string | null;
    })
  | {
      type: "claim.declined";
      at: Instant;
      orderId: string;
      buyerId: string;
      kind: ViolationKind;
      reason: string;
      resolvedFrom: "claim.held";
    };

export type ResolutionRefusal = { code: "reason_required"; message: string };

export function resolveClaim(
  held: HeldClaim,
  orderAmountFen: number,
  verdict: ClaimVerdict,
  policy: Policy["compensation"],
  at: Instant,
): { ok: true; value: ClaimResolution } | { ok: false; refusal: ResolutionRefusal } {
  const { orderId, buyerId, kind } = held;
  if (verdict.decision === "pay") {
    const note = verdict.note?.trim() || null;
    const amountFen = compensationFen(orderAmountFen, policy);
    const value = { type: "claim.paid", at, orderId, buyerId, amountFen, kind, note } as const;
    return { ok: true, value: { ...value, resolvedFrom: "claim.held" } };
  }
  const reason = verdict.reason.trim();
  if (reason === "") {
    return {
      ok: false,
      refusal: { code: "reason_required", message: "declining a claim needs a reason" },
    };
  }
  return {
    ok: true,
    value: {
      type: "claim.declined",
      at,
      orderId,
      buyerId,
      kind,
      reason,
      resolvedFrom: "claim.held",
    },
  };
}

/**
 * A person's resolution of a held claim, applied to an engine's state as the server applies it
 * to the order it stores (app/fulfilment/held-claims.ts): paid the compensation `policy` gives
 * for the order, or declined, and marked `byPerson`, so no later evaluation changes it (a revoked
 * violation still takes a paid one back). Only a claim held for that violation kind is resolved:
 * `false` when this state never held it, or paid or declined it already — the what-if's other
 * policy may not have held it at all (log-comparison.ts).
 */
export function applyClaimResolution(
  state: FulfilmentState,
  orderId: string,
  kind: ViolationKind,
  decision: ClaimVerdict["decision"],
  policy: Policy["compensation"],
): boolean {
  const order = state.orders.get(orderId);
  const claim = order?.claim;
  if (order === undefined || !claim || claim.status !== "held" || claim.kind !== kind) return false;
  if (claim.byPerson) return false;
  const paid = decision === "pay";
  order.claim = {
    kind,
    status: paid ? "paid" : "declined",
    amountFen: paid ? compensationFen(order.amountFen, policy) : 0,
    ...(claim.revision === undefined ? {} : { revision: claim.revision }),
    byPerson: true,
  };
  return true;
}
