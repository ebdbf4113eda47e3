/**
 * The peer: json-rules-engine given the same campaign rules, translated one check to one
 * condition. Two engines (merchant rules, product rules), as the campaign has two subjects.
 * Every failing rule is collected, like ours; json-rules-engine does not render messages.
 */
import { Engine } from "json-rules-engine";
import type { Campaign, Check, Rule } from "../../src/domain/campaign/model.js";
import { isOverseas } from "../../src/domain/eligibility/operators/subset.js";

const OPERATOR: Record<string, string> = {
  gte: "greaterThanInclusive",
  gt: "greaterThan",
  lte: "lessThanInclusive",
  lt: "lessThan",
  eq: "equal",
  is: "equal",
  in: "in",
  atLeast: "atLeast",
  subsetOf: "subsetOf",
};

function condition(check: Check) {
  const value = check.valueFact
    ? { fact: check.valueFact }
    : check.op === "atLeast"
      ? { order: check.order ?? [], min: check.value }
      : check.op === "in" && check.aliases
        ? [...(check.value as unknown[]), ...check.aliases]
        : check.value;
  return { fact: check.fact, operator: OPERATOR[check.op]!, value };
}

function engineFor(rules: readonly Rule[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator("atLeast", (fact: unknown, v: { order: unknown[]; min: unknown }) => {
    const rank = v.order.indexOf(fact);
    return rank !== -1 && rank >= v.order.indexOf(v.min);
  });
  engine.addOperator("subsetOf", (fact: unknown, allowed: unknown[]) => {
    if (!Array.isArray(fact)) return false;
    const overseas = allowed.includes("overseas");
    return fact.every((e) => allowed.includes(e) || (overseas && isOverseas(e)));
  });
  for (const rule of rules) {
    engine.addRule({
      name: rule.code,
      conditions: { all: rule.checks.map(condition) },
      event: { type: rule.code },
    });
  }
  return engine;
}

export interface PeerResult {
  merchantFailures: string[];
  productFailures: string[][];
}

export function createPeer(campaign: Campaign) {
  const merchants = engineFor(campaign.rules.filter((r) => r.subject === "merchant"));
  const products = engineFor(campaign.rules.filter((r) => r.subject === "product"));
  const failing = async (engine: Engine, facts: Record<string, unknown>) => {
    const { failureResults } = await engine.run(facts);
    return failureResults.map((r) => String(r.name));
  };
  return async (
    merchant: Record<string, unknown>,
    list: Record<string, unknown>[],
  ): Promise<PeerResult> => {
    const merchantFailures = await failing(merchants, merchant);
    const productFailures: string[][] = [];
    for (const p of list) productFailures.push(await failing(products, p));
    return { merchantFailures, productFailures };
  };
}
