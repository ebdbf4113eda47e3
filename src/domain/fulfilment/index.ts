/**
 * Fulfilment and enforcement (docs/campaign-reading.md, "Fulfilment and enforcement", docs/interfaces.md, "Time, lateness and corrections"): the pure engine
 * behind `gala replay` and the server's event endpoint and deadline sweeper. See README in this
 * folder for how to drive it.
 */

export { waiveViolation } from "./appeal.js";
export { type ArrivalOptions, settleTouched, withdraw } from "./arrival.js";
export {
  applyClaimResolution,
  type ClaimResolution,
  type ClaimVerdict,
  type HeldClaim,
  resolveClaim,
} from "./claim-resolution.js";
export { compensationFen } from "./claims.js";
export type { ChannelEvent, Checked, EventError, EventType } from "./contract/events.js";
export { readEventCarefully, readEventLine } from "./contract/read-line.js";
export { scanEvent } from "./contract/scan-event.js";
export { validateEvent } from "./contract/validate.js";
export type {
  Decision,
  DecisionType,
  ExitReason,
  ManualRefundReason,
  RevocationReason,
  ViolationKind,
} from "./decisions.js";
export { advance, receive, StreamClock, streamEnd, streamStep } from "./engine.js";
export { compareRefs } from "./history.js";
export { deadlineKey, eventKey, instantOf, passed, through } from "./keys.js";
export { type OrderPlan, planOrder } from "./order-plan.js";
export { type DecisionEncoder, decisionEncoder, errorLine } from "./output.js";
export { ReplaySession } from "./replay-session.js";
export { revoke, settleMerchant, settleOrder } from "./settle.js";
export type { Target } from "./settle-queue.js";
export { loadState, type StateSnapshot, snapshotState } from "./snapshot.js";
export { isInVenue, merchantOf, newMerchant, weightFor } from "./standing.js";
export {
  type ClaimRecord,
  type ClaimStatus,
  emptyState,
  type FulfilmentState,
  INTERCEPT_CLICK,
  INTERCEPT_PICKUP,
  type ListingRecord,
  type MerchantRecord,
  type OrderRecord,
  type RefundFact,
  type RefundVerdict,
  type ViolationRef,
} from "./state.js";
