/**
 * Rule → closure, once per campaign. A compiled rule reads its facts from a plain object and
 * returns `undefined` (pass) or the failure of its first failing check. It never throws: every
 * operator test is total, and a missing fact is just a value that fails.
 *
 * A fact the contract names (`src/domain/facts/`) must also be a valid value of its kind: one
 * that is not (`pickupRate48h: 1.5`, `violationPoints: "12"`) fails its rule closed, whatever the
 * operator would have said, with a message that says the value is invalid — the same values
 * `PUT /facts/*` refuses.
 */
import type { Bilingual, Check, Rule } from "../campaign/model.js";
import {
  expectation,
  type FactField,
  type FactPredicate,
  factField,
  factPredicate,
} from "../facts/index.js";
import type { Failure } from "./decision.js";
import { compileMessage } from "./message.js";
import { OPERATORS } from "./operators/index.js";
import { isLongList } from "./operators/list-text.js";

export type Facts = Readonly<Record<string, unknown>>;
export type CompiledRule = (facts: Facts) => Failure | undefined;

export function compileRule(rule: Rule): CompiledRule {
  if (rule.checks.length === 0) throw new Error(`rule ${rule.code} has no checks`);
  const checks = rule.checks.map((check, index) => {
    try {
      return check.valueFact === undefined
        ? compileCheck(rule, check)
        : compileFactComparison(rule, check, check.valueFact);
    } catch (error) {
      // Only reachable when a campaign skipped validation; name the place so it can be fixed.
      throw new Error(`rule ${rule.code}, check ${index + 1}: ${(error as Error).message}`);
    }
  });
  if (checks.length === 1) return checks[0]!;
  return (facts) => {
    for (const check of checks) {
      const failure = check(facts);
      if (failure !== undefined) return failure;
    }
    return undefined;
  };
}

function operatorOf(rule: Rule, check: Check) {
  const op = Object.hasOwn(OPERATORS, check.op) ? OPERATORS[check.op] : undefined;
  if (op === undefined) throw new Error(`rule ${rule.code}: unknown operator ${String(check.op)}`);
  return op;
}

/**
 * What a failure says when a fact is missing. The rule's own message would state the opposite
 * of the requirement as fact ("the company is on the dishonest-debtor list"): say the data is
 * missing, naming the field.
 */
export function missingMessage(rule: Rule, fact: string): Bilingual {
  return Object.freeze({
    zh: `未提供「${rule.title.zh}」的数据（字段 ${fact}），按未达标处理`,
    en: `No data for "${rule.title.en}" (field ${fact}): treated as not met`,
  });
}

/** What a failure says when a fact is there but not a valid value of its kind. */
export function invalidMessage(
  rule: Rule,
  fact: string,
  field: FactField,
  value: unknown,
): Bilingual {
  const shown = shownRaw(value);
  const expects = expectation(field);
  return {
    zh: `「${rule.title.zh}」的数据无效（字段 ${fact} 为 ${shown}，应为${expects.zh}），按未达标处理`,
    en: `Invalid data for "${rule.title.en}" (field ${fact} is ${shown}; expected ${expects.en}): treated as not met`,
  };
}

/** A value as JSON, so that "12" reads as a string; cut when long. */
function shownRaw(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length <= 80 ? text : `${text.slice(0, 79)}…`;
}

interface FactReader {
  field: FactField | undefined;
  /** Undefined when the fact is not in the table: only the operator judges it. */
  valid: FactPredicate | undefined;
  /** `null` is a value of its own for this fact, not "missing". */
  nullIsValue: boolean;
}

function readerFor(rule: Rule, fact: string): FactReader {
  const field = factField(rule.subject, fact);
  return {
    field,
    valid: field ? factPredicate(field) : undefined,
    nullIsValue: field?.nullMeans !== undefined,
  };
}

const ANY_NUMBER: FactField = { types: [{ kind: "number" }] };

function numericReader(reader: FactReader): FactReader {
  if (reader.valid !== undefined) return reader;
  return { field: ANY_NUMBER, valid: factPredicate(ANY_NUMBER), nullIsValue: false };
}

function compileCheck(rule: Rule, check: Check): CompiledRule {
  const op = operatorOf(rule, check);
  const code = rule.code;
  const fact = check.fact;
  const test = op.test(check);
  const required = op.required(check);
  const report = op.actual?.(check);
  const requiredValue =
    Array.isArray(check.value) && isLongList(check.value)
      ? Object.freeze([...check.value])
      : undefined;
  const { field, valid, nullIsValue } = readerFor(rule, fact);
  const render = compileMessage(check.message ?? rule.message, check.value, check.format, {
    nullMeans: field?.nullMeans,
  });
  const missing = missingMessage(rule, fact);

  const failure = (actual: unknown, message: Failure["message"]): Failure =>
    requiredValue === undefined
      ? { rule: code, actual, required, message }
      : { rule: code, actual, required, requiredValue, message };

  if (valid === undefined) {
    return (facts) => {
      const value = facts[fact];
      if (test(value)) return undefined;
      // undefined and null both mean "missing": report null, as contracts.md asks.
      if (value === undefined || value === null) return failure(null, missing);
      const actual = report ? report(value) : value;
      return failure(actual, render(actual));
    };
  }
  return (facts) => {
    const value = facts[fact];
    if (test(value) && valid(value)) return undefined;
    if (value === undefined || (value === null && !nullIsValue)) return failure(null, missing);
    if (!valid(value)) return failure(value, invalidMessage(rule, fact, field!, value));
    const actual = report ? report(value) : value;
    return failure(actual, render(actual));
  };
}

/**
 * A numeric check against another fact of the same subject (`activityPriceFen lte
 * lowestPrice30dFen`): `required` carries the other fact's value (`<= 8900`), and so does the
 * message's `{required}`. Either fact missing fails closed with `actual: null`, naming it.
 */
function compileFactComparison(rule: Rule, check: Check, otherFact: string): CompiledRule {
  const op = operatorOf(rule, check);
  const compare = op.compare;
  if (compare === undefined || op.symbol === undefined) {
    throw new Error(`operator ${check.op} cannot compare ${check.fact} with another fact`);
  }
  const prefix = `${op.symbol} `;
  const code = rule.code;
  const fact = check.fact;
  // Both sides of a numeric comparison must at least be numbers, named in the table or not.
  const self = numericReader(readerFor(rule, fact));
  const other = numericReader(readerFor(rule, otherFact));
  const render = compileMessage(check.message ?? rule.message, undefined, check.format, {
    nullMeans: self.field?.nullMeans,
    dynamicRequired: true,
  });
  const missing = missingMessage(rule, fact);
  const missingOther = missingMessage(rule, otherFact);
  const unknownRequired = op.required(check);
  const isValid = (reader: FactReader, v: unknown) => reader.valid!(v);
  const isMissing = (reader: FactReader, v: unknown) =>
    v === undefined || (v === null && !reader.nullIsValue);

  return (facts) => {
    const value = facts[fact];
    const threshold = facts[otherFact];
    const usable = typeof threshold === "number" && isValid(other, threshold);
    if (usable && compare(value, threshold) && isValid(self, value)) return undefined;
    if (isMissing(self, value)) {
      return { rule: code, actual: null, required: unknownRequired, message: missing };
    }
    if (isMissing(other, threshold)) {
      return { rule: code, actual: null, required: unknownRequired, message: missingOther };
    }
    if (!isValid(self, value)) {
      const message = invalidMessage(rule, fact, self.field!, value);
      return { rule: code, actual: value, required: unknownRequired, message };
    }
    if (!usable) {
      const message = invalidMessage(rule, otherFact, other.field!, threshold);
      return { rule: code, actual: value, required: unknownRequired, message };
    }
    return {
      rule: code,
      actual: value,
      required: `${prefix}${threshold}`,
      message: render(value, threshold),
    };
  };
}
