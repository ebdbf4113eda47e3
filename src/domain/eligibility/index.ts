/** Eligibility: campaign rules × merchant and product facts → decisions with reasons. */

export {
  type Change,
  type Changes,
  type Comparison,
  type ComparisonTally,
  createComparison,
} from "./compare.js";
export type {
  Decision,
  Failure,
  MerchantDecision,
  ProductDecision,
  StandaloneProductDecision,
  SubjectId,
} from "./decision.js";
export { compileEligibility, type Eligibility, type RuleInfo } from "./engine.js";
export { display, displayBeside, type Lang, yuan } from "./format.js";
export { createSummary, type EligibilitySummary, type SummaryTally } from "./summary.js";
