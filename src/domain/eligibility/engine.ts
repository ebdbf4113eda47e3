/**
 * The eligibility engine for one campaign: rules compiled once, then any number of merchants
 * evaluated against them. Input is whatever arrived (parsed JSON, a database row): a merchant
 * or product that is not an object simply has no facts, so every rule fails closed.
 */
import type { Campaign } from "../campaign/model.js";
import { ByteWriter, utf8 } from "./byte-writer.js";
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
  /**
   * Writes `JSON.stringify(evaluate(merchant, products))` as UTF-8, byte for byte, without
   * building the decision: each rule writes its failure from pieces encoded when it was
   * compiled. For input parsed from JSON (a function or `undefined` inside is not JSON).
   */
  evaluateInto(out: ByteWriter, merchant: unknown, products: unknown): void;
  /** The same, as a string. */
  evaluateJson(merchant: unknown, products: unknown): string;
  evaluateMerchant(merchant: unknown): MerchantDecision;
  /** One product, given its merchant's decision (only `eligible` is read). */
  evaluateProduct(product: unknown, merchant: { eligible: boolean }): StandaloneProductDecision;
}

const NO_FACTS: Facts = Object.freeze(Object.create(null));

// The fixed parts of a decision line, encoded once.
const MERCHANT_ID = utf8('{"merchantId":');
const PRODUCT_ID = utf8('{"productId":');
const IS_ELIGIBLE = utf8(',"eligible":true,"failures":[');
const NOT_ELIGIBLE = utf8(',"eligible":false,"failures":[');
const END_PRODUCT = utf8("]}");
const PRODUCTS = utf8('],"products":[');
const COMMA = utf8(",");

export function compileEligibility(campaign: Campaign): Eligibility {
  const merchantRules: CompiledRule[] = [];
  const productRules: CompiledRule[] = [];
  for (const rule of campaign.rules) {
    (rule.subject === "merchant" ? merchantRules : productRules).push(compileRule(rule));
  }
  const hash = campaign.hash;
  const tail = utf8(`],"campaign":${JSON.stringify(hash)}}`);

  /** Writes the failures of one subject, comma-separated; true when any rule failed. */
  const writeFailures = (rules: readonly CompiledRule[], facts: Facts, out: ByteWriter) => {
    let failed = false;
    for (const rule of rules) {
      if (rule.write(facts, out, failed)) failed = true;
    }
    return failed;
  };

  // A subject's eligibility is written before its failures but known only after them: the
  // failures go to a side buffer first, and are copied after the answer.
  const side = new ByteWriter();

  const writeProduct = (out: ByteWriter, input: unknown, merchantEligible: boolean) => {
    const facts = factsOf(input);
    out.bytes(PRODUCT_ID);
    out.text(idJson(facts));
    const failed = writeFailures(productRules, facts, side);
    out.bytes(merchantEligible && !failed ? IS_ELIGIBLE : NOT_ELIGIBLE);
    out.moveFrom(side);
    out.bytes(END_PRODUCT);
  };

  const evaluateInto = (out: ByteWriter, merchantInput: unknown, productsInput: unknown) => {
    const facts = factsOf(merchantInput);
    out.bytes(MERCHANT_ID);
    out.text(idJson(facts));
    const eligible = !writeFailures(merchantRules, facts, side);
    out.bytes(eligible ? IS_ELIGIBLE : NOT_ELIGIBLE);
    out.moveFrom(side);
    out.bytes(PRODUCTS);
    if (Array.isArray(productsInput)) {
      for (let i = 0; i < productsInput.length; i++) {
        if (i > 0) out.bytes(COMMA);
        writeProduct(out, productsInput[i], eligible);
      }
    }
    out.bytes(tail);
  };
  const scratch = new ByteWriter();

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
    evaluateInto,
    evaluateJson(merchantInput, productsInput) {
      evaluateInto(scratch, merchantInput, productsInput);
      return scratch.takeText();
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

function idJson(facts: Facts): string {
  return JSON.stringify(idOf(facts));
}

function idOf(facts: Facts): SubjectId {
  const id = facts.id;
  if (typeof id === "string") return id;
  // Number.isFinite is false for anything but a finite number (it does not convert).
  return Number.isFinite(id) ? (id as number) : null;
}
