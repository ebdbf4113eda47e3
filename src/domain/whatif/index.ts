/**
 * What-if for enforcement: two policies (campaign versions) run through the same pure engine
 * over one stream of events, and their net outcomes compared — claims paid, violations, held
 * claims, weight cuts, delistings, exits, instant refunds — in total, by kind, by merchant, by
 * product and by day. `StreamComparison` reads a stream as `gala replay` does (`gala replay
 * --compare`); `LogComparison` reads a server's event log as the server took it (the editor's
 * impact, `POST /campaigns/{c}/compare`).
 */
export {
  type CompareOptions,
  type Comparison,
  compareTallies,
  type DayChange,
  type MerchantChange,
  type Pair,
  type Paired,
  type ProductChange,
} from "./compare.js";
export {
  LogComparison,
  type LogSide,
  type PersonAct,
  type VenueListing,
} from "./log-comparison.js";
export { compareRuns, type PolicyRun, policyRun } from "./policy-run.js";
export { type LineRefusal, REFUSALS_KEPT, StreamComparison } from "./stream-comparison.js";
export {
  EXIT_REASONS,
  type KindMeasures,
  type Measures,
  type MerchantMeasures,
  type ProductMeasures,
  type Tally,
  tallyState,
  VIOLATION_KINDS,
} from "./tally.js";
