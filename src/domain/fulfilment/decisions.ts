import type { Instant } from "../campaign/model.js";

/**
 * What the engine decides (contracts.md, "Decisions"). `at` is the instant the decision takes
 * effect: the event's time, or the missed deadline's. Fields beyond the contract's (`reason` on
 * `refund.awaiting_merchant`, `kind` on `claim.held`, `merchantId` and `violations` on listing
 * decisions) are additions the contract allows; none is renamed or dropped.
 */
export type ViolationKind = "late_shipment" | "false_shipment";

/** Why a refund was not approved instantly, in the order the rules are checked. */
export type ManualRefundReason =
  | "kind"
  | "shipped_online"
  | "already_refunded"
  | "over_order_amount"
  | "over_instant_limit"
  | "outside_window";

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
    }
  | {
      type: "claim.held";
      at: Instant;
      orderId: string;
      buyerId: string;
      reason: "buyer_risk";
      kind: ViolationKind;
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
      reason: "exception_report" | "violations";
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
    };

export type DecisionType = Decision["type"];
