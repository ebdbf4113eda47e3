/**
 * Rule → closure, once per campaign. A compiled rule reads its facts from a plain object and
 * returns `undefined` (pass) or the failure of its first failing check. It never throws: every
 * operator test is total, and a missing fact is just a value that fails.
 */
import type { Check, Rule } from "../campaign/model.js";
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
      return compileCheck(rule, check);
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

function compileCheck(rule: Rule, check: Check): CompiledRule {
  const op = Object.hasOwn(OPERATORS, check.op) ? OPERATORS[check.op] : undefined;
  if (op === undefined) throw new Error(`rule ${rule.code}: unknown operator ${String(check.op)}`);
  const code = rule.code;
  const fact = check.fact;
  const test = op.test(check);
  const required = op.required(check);
  const report = op.actual?.(check);
  const requiredValue =
    Array.isArray(check.value) && isLongList(check.value)
      ? Object.freeze([...check.value])
      : undefined;
  const render = compileMessage(check.message ?? rule.message, check.value, check.format);
  // A missing fact fails closed, but the rule's own message would state the opposite of the
  // requirement as fact ("the company is on the dishonest-debtor list"): say the data is missing.
  const missing = Object.freeze({
    zh: `未提供「${rule.title.zh}」的数据（字段 ${fact}），按未达标处理`,
    en: `No data for "${rule.title.en}" (field ${fact}): treated as not met`,
  });

  const failure = (actual: unknown, message: Failure["message"]): Failure =>
    requiredValue === undefined
      ? { rule: code, actual, required, message }
      : { rule: code, actual, required, requiredValue, message };

  return (facts) => {
    const value = facts[fact];
    if (test(value)) return undefined;
    // undefined and null both mean "missing": report null, as contracts.md asks.
    if (value === undefined || value === null) return failure(null, missing);
    const actual = report ? report(value) : value;
    return failure(actual, render(actual));
  };
}
