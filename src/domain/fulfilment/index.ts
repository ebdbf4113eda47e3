/**
 * Fulfilment and enforcement (campaign-rules.md §5): the pure engine behind `gala replay` and the
 * server's event endpoint and deadline sweeper. See README in this folder for how to drive it.
 */

export {
  type ClaimResolution,
  type ClaimVerdict,
  type HeldClaim,
  resolveClaim,
} from "./claim-resolution.js";
export { compensationFen } from "./claims.js";
export type { DeadlineLane, DeadlineQueue, DueObligation } from "./deadline-queue.js";
export type { Decision, DecisionType, ManualRefundReason, ViolationKind } from "./decisions.js";
export { advanceTo, type StepResult, step, stepInto, stepRaw } from "./engine.js";
export type { ChannelEvent, Checked, EventError, EventType } from "./events.js";
export { rebuildDeadlines } from "./obligations.js";
export { type DecisionEncoder, decisionEncoder, errorLine } from "./output.js";
export { ReplaySession } from "./replay-session.js";
export { loadState, type StateSnapshot, snapshotState } from "./snapshot.js";
export {
  emptyState,
  type FulfilmentState,
  type ListingRecord,
  type MerchantRecord,
  type ObligationKind,
  type OrderRecord,
} from "./state.js";
export { isInVenue } from "./traffic.js";
export { validateEvent } from "./validate.js";
