import type { Campaign } from "../campaign/model.js";
import { emptyState, type FulfilmentState } from "../fulfilment/index.js";
import { zoneDays } from "../time/index.js";
import { type CompareOptions, type Comparison, compareTallies } from "./compare.js";
import { tallyState } from "./tally.js";

/**
 * One policy's run of the engine in a comparison: its campaign, its own state (the engine
 * updates records in place, so two policies never share one), and the events it refused.
 */
export interface PolicyRun {
  campaign: Campaign;
  state: FulfilmentState;
  refused: number;
}

export function policyRun(campaign: Campaign): PolicyRun {
  return { campaign, state: emptyState(), refused: 0 };
}

/**
 * The two runs' net outcomes compared. Days are the first policy's (the campaign as it is), so
 * both columns of the per-day chart fall on the same days.
 */
export function compareRuns(a: PolicyRun, b: PolicyRun, options?: CompareOptions): Comparison {
  const days = zoneDays(a.campaign.timeZone);
  return compareTallies(
    { ...tallyState(a.state, days), refused: a.refused },
    { ...tallyState(b.state, days), refused: b.refused },
    days,
    options,
  );
}
