/**
 * Counts over many decisions: how many merchants and products are eligible, and how often each
 * rule fails. Pure accumulation, so `gala check --summary` and a console report agree.
 */
import type { Decision } from "./decision.js";
import type { RuleInfo } from "./engine.js";

export interface EligibilitySummary {
  campaign: string;
  merchants: number;
  eligibleMerchants: number;
  products: number;
  eligibleProducts: number;
  /** Every rule of the campaign, in campaign order, with how many merchants or products failed it. */
  failuresByRule: Record<string, number>;
}

export interface SummaryTally {
  add(decision: Decision): void;
  result(): EligibilitySummary;
}

export function createSummary(campaign: string, rules: readonly RuleInfo[]): SummaryTally {
  const failures = new Map<string, number>(rules.map((r) => [r.code, 0]));
  let merchants = 0;
  let eligibleMerchants = 0;
  let products = 0;
  let eligibleProducts = 0;
  const count = (rule: string) => failures.set(rule, (failures.get(rule) ?? 0) + 1);

  return {
    add(decision) {
      merchants++;
      if (decision.eligible) eligibleMerchants++;
      for (const f of decision.failures) count(f.rule);
      for (const p of decision.products) {
        products++;
        if (p.eligible) eligibleProducts++;
        for (const f of p.failures) count(f.rule);
      }
    },
    result: () => ({
      campaign,
      merchants,
      eligibleMerchants,
      products,
      eligibleProducts,
      failuresByRule: Object.fromEntries(failures),
    }),
  };
}
