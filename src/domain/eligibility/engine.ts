/**
 * The eligibility engine for one campaign: rules compiled once, then any number of merchants
 * evaluated against them. Input is whatever arrived (parsed JSON, a database row): a merchant
 * or product that is not an object simply has no facts, so every rule fails closed.
 */
import type { Campaign } from "../campaign/model.js";
import { type CompiledRule, compileRule, type Facts } from "./compile.js";
import type {
  Decision,
  Failure,
  MerchantDecision,
  ProductDecision,
  StandaloneProductDecision,
  SubjectId,
} from "./decision.js";

export interface RuleInfo {
  code: string;
  subject: "merchant" | "product";
}

export interface Eligibility {
  /** The campaign's content hash, carried on every decision. */
  readonly campaign: string;
  /** Rule codes in campaign order, for summaries. */
  readonly rules: readonly RuleInfo[];
  /** A merchant with its products: one line of `gala check`. */
  evaluate(merchant: unknown, products: unknown): Decision;
  evaluateMerchant(merchant: unknown): MerchantDecision;
  /** One product, given its merchant's decision (only `eligible` is read). */
  evaluateProduct(product: unknown, merchant: { eligible: boolean }): StandaloneProductDecision;
}

const NO_FACTS: Facts = Object.freeze(Object.create(null));

export function compileEligibility(campaign: Campaign): Eligibility {
  const merchantRules: CompiledRule[] = [];
  const productRules: CompiledRule[] = [];
  for (const rule of campaign.rules) {
    (rule.subject === "merchant" ? merchantRules : productRules).push(compileRule(rule));
  }
  const hash = campaign.hash;

  const product = (input: unknown, merchantEligible: boolean): ProductDecision => {
    const facts = factsOf(input);
    const failures = run(productRules, facts);
    return {
      productId: idOf(facts),
      eligible: merchantEligible && failures.length === 0,
      failures,
    };
  };

  return {
    campaign: hash,
    rules: campaign.rules.map((r) => ({ code: r.code, subject: r.subject })),
    evaluate(merchantInput, productsInput) {
      const facts = factsOf(merchantInput);
      const failures = run(merchantRules, facts);
      const eligible = failures.length === 0;
      const products: ProductDecision[] = [];
      if (Array.isArray(productsInput)) {
        for (const p of productsInput) products.push(product(p, eligible));
      }
      return { merchantId: idOf(facts), eligible, failures, products, campaign: hash };
    },
    evaluateMerchant(merchantInput) {
      const facts = factsOf(merchantInput);
      const failures = run(merchantRules, facts);
      return { merchantId: idOf(facts), eligible: failures.length === 0, failures, campaign: hash };
    },
    evaluateProduct(productInput, merchant) {
      return { ...product(productInput, merchant?.eligible === true), campaign: hash };
    },
  };
}

function run(rules: readonly CompiledRule[], facts: Facts): Failure[] {
  const failures: Failure[] = [];
  for (const rule of rules) {
    const failure = rule(facts);
    if (failure !== undefined) failures.push(failure);
  }
  return failures;
}

function factsOf(input: unknown): Facts {
  return typeof input === "object" && input !== null && !Array.isArray(input)
    ? (input as Facts)
    : NO_FACTS;
}

function idOf(facts: Facts): SubjectId {
  const id = facts.id;
  return typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) ? id : null;
}
