import type { Instant } from "../campaign/model.js";

/**
 * What the engine decides (docs/interfaces.md, "Decisions"). `at` is the instant the
 * decision takes effect: the event's time, the missed deadline's, or — for a correction — the
 * moment the correction is made. Fields beyond the contract's (`reason` on
 * `refund.awaiting_merchant`, `kind` on `claim.held`, `merchantId` and `violations` on listing
 * decisions, ...) are additions the contract allows; none is renamed or dropped.
 */
export type ViolationKind = "late_shipment" | "false_shipment";

/** Why a refund was not approved instantly, in the order the rules are checked. */
export type ManualRefundReason =
  | "kind"
  | "shipped_online"
  | "already_refunded"
  | "over_order_amount"
  | "over_instant_limit";

/** Why a violation no longer stands: a fact that arrived later, or an operator's upheld appeal. */
export type RevocationReason = "late_event" | "appeal_upheld";

/** Why a merchant left: its own report, too many violations, or its own withdrawal. */
export type ExitReason = "exception_report" | "violations" | "withdrew";

export type Decision =
  | {
      type: "refund.approved";
      at: Instant;
      orderId: string;
      refundId: string;
      amountFen: number;
      instant: true;
    }
  | {
      type: "refund.awaiting_merchant";
      at: Instant;
      orderId: string;
      refundId: string;
      reason: ManualRefundReason;
    }
  | {
      type: "violation.recorded";
      at: Instant;
      orderId: string;
      merchantId: string;
      productId: string;
      kind: ViolationKind;
    }
  | {
      type: "claim.paid";
      at: Instant;
      orderId: string;
      buyerId: string;
      amountFen: number;
      kind: ViolationKind;
      /** The claim table's row that decided it (`policy.claims`). */
      rule: string;
      /** Evaluated again (the merchant's history changed): the n-th revision. Absent for 0. */
      revision?: number;
    }
  | {
      type: "claim.held";
      at: Instant;
      orderId: string;
      buyerId: string;
      /** The deciding row's reason, e.g. `buyer_risk`. */
      reason: string;
      kind: ViolationKind;
      rule: string;
      revision?: number;
    }
  | {
      type: "listing.weight_changed";
      at: Instant;
      productId: string;
      merchantId: string;
      weight: number;
      violations: number;
    }
  | {
      type: "listing.delisted";
      at: Instant;
      productId: string;
      merchantId: string;
      reason: "violations";
      violations: number;
    }
  | {
      type: "merchant.exited";
      at: Instant;
      merchantId: string;
      reason: ExitReason;
    }
  | {
      type: "parcel.intercept_required";
      at: Instant;
      orderId: string;
      /**
       * `online_click`: shipped online after the refund. `carrier_pickup`: a parcel shipped
       * offline (never clicked) was scanned by the carrier, before or after the refund.
       */
      reason: "online_click" | "carrier_pickup";
      /** The parcel to stop, when it was clicked online. */
      trackingNo?: string;
      carrier?: string;
    }
  // Corrections (docs/interfaces.md, "Time, lateness and corrections").
  | {
      type: "violation.revoked";
      at: Instant;
      orderId: string;
      merchantId: string;
      productId: string;
      kind: ViolationKind;
      reason: RevocationReason;
    }
  | {
      type: "claim.reversed";
      at: Instant;
      orderId: string;
      buyerId: string;
      kind: ViolationKind;
      amountFen: number;
      /** Which revision of the claim is undone; absent for 0. */
      revision?: number;
      /** `repriced`: undone to be replaced by the next revision; absent: its violation went. */
      reason?: "repriced";
    }
  | {
      type: "claim.withdrawn";
      at: Instant;
      orderId: string;
      buyerId: string;
      kind: ViolationKind;
      revision?: number;
      reason?: "repriced";
    }
  | {
      type: "listing.relisted";
      at: Instant;
      productId: string;
      merchantId: string;
      violations: number;
    }
  | { type: "merchant.reinstated"; at: Instant; merchantId: string; violations: number }
  /**
   * An instant refund already paid that a fact arriving later contradicts (the order had been
   * shipped online before the request, or refunded already). Money paid is not taken back by the
   * engine: this tells operators the refund needs a person. `reason` is what the facts now say.
   */
  | {
      type: "refund.contradicted";
      at: Instant;
      orderId: string;
      refundId: string;
      reason: ManualRefundReason;
    };

export type DecisionType = Decision["type"];
