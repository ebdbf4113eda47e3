/** Enrollment: the registration/review state machine, the review SLA and the registration window. */
export { checkRegistrationWindow, type WindowClosed } from "./registration-window.js";
export { DUE_SOON_HOURS, type DueStatus, dueRange, dueStatus, reviewDueAt } from "./sla.js";
export {
  type FromState,
  merchantExitedRefusal,
  REGISTRATION_STATES,
  type Refusal,
  type RefusalCode,
  type RegistrationAction,
  type RegistrationState,
  type Transition,
  transition,
} from "./transitions.js";
