/**
 * Two campaigns over the same input: which merchants and products change eligibility, and
 * through which rules — "what if we lower the pickup rate to 80%?". The rules a change goes
 * "through" are those failing on the ineligible side: for a product, its merchant's failing rules
 * count too, since a merchant rule alone can hold all of its products back.
 */
import type { Decision, Failure } from "./decision.js";
import type { RuleInfo } from "./engine.js";
import { createSummary, type EligibilitySummary } from "./summary.js";

export interface Change {
  count: number;
  /** Rule code → how many of the changed merchants (or products) it was failing for. */
  through: Record<string, number>;
}

export interface Changes {
  total: number;
  becameEligible: Change;
  becameIneligible: Change;
}

export interface Comparison {
  base: EligibilitySummary;
  other: EligibilitySummary;
  merchants: Changes;
  products: Changes;
}

export interface ComparisonTally {
  add(base: Decision, other: Decision): void;
  result(): Comparison;
}

interface Side {
  campaign: string;
  rules: readonly RuleInfo[];
}

export function createComparison(base: Side, other: Side): ComparisonTally {
  const baseSummary = createSummary(base.campaign, base.rules);
  const otherSummary = createSummary(other.campaign, other.rules);
  const merchants = changeCounter();
  const products = changeCounter();

  return {
    add(a, b) {
      baseSummary.add(a);
      otherSummary.add(b);
      merchants.add(a.eligible, b.eligible, a.failures, b.failures);
      // Same input line, so products pair up by position.
      // Stryker disable next-line MethodExpression: both sides have the line's products
      const n = Math.min(a.products.length, b.products.length);
      for (let i = 0; i < n; i++) {
        const pa = a.products[i]!;
        const pb = b.products[i]!;
        // Stryker disable ConditionalExpression,BlockStatement,ArrayDeclaration: saves gathering failures that no count reads
        if (pa.eligible === pb.eligible) {
          products.add(pa.eligible, pb.eligible, [], []);
          continue;
        }
        // Stryker restore all
        products.add(
          pa.eligible,
          pb.eligible,
          [...a.failures, ...pa.failures],
          [...b.failures, ...pb.failures],
        );
      }
    },
    result: () => ({
      base: baseSummary.result(),
      other: otherSummary.result(),
      merchants: merchants.result(),
      products: products.result(),
    }),
  };
}

function changeCounter() {
  let total = 0;
  const up = { count: 0, through: new Map<string, number>() };
  const down = { count: 0, through: new Map<string, number>() };
  const note = (change: typeof up, failures: readonly Failure[]) => {
    change.count++;
    for (const rule of new Set(failures.map((f) => f.rule))) {
      change.through.set(rule, (change.through.get(rule) ?? 0) + 1);
    }
  };
  const done = (change: typeof up): Change => ({
    count: change.count,
    through: Object.fromEntries([...change.through].sort((x, y) => y[1] - x[1])),
  });
  return {
    add(
      before: boolean,
      after: boolean,
      failedBefore: readonly Failure[],
      failedAfter: readonly Failure[],
    ) {
      total++;
      if (!before && after) note(up, failedBefore);
      else if (before && !after) note(down, failedAfter);
    },
    result: (): Changes => ({ total, becameEligible: done(up), becameIneligible: done(down) }),
  };
}
