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
import { ByteWriter, utf8 } from "./byte-writer.js";
import type { Failure } from "./decision.js";
import { compileMessage } from "./message.js";
import { OPERATORS } from "./operators/index.js";
import { isLongList } from "./operators/list-text.js";

export type Facts = Readonly<Record<string, unknown>>;

/** A compiled rule: its failure, or undefined when it passes. */
export interface CompiledRule {
  (facts: Facts): Failure | undefined;
  /**
   * Writes the same failure as JSON (`JSON.stringify` of it, byte for byte), after a comma when
   * `comma`, for `gala check`; true when it wrote one, undefined when the rule passes.
   */
  write(facts: Facts, out: ByteWriter, comma: boolean): true | undefined;
}

/**
 * One check, judged once for both outputs: without `out` it answers the failure object; with
 * `out` it writes the failure's JSON there, from pieces encoded here once, and answers true.
 */
type Judge = (
  facts: Facts,
  out: ByteWriter | undefined,
  comma: boolean,
) => Failure | true | undefined;

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
  const judge: Judge =
    // Stryker disable next-line ConditionalExpression: the loop gives the same answer; one check skips it
    checks.length === 1
      ? checks[0]!
      : (facts, out, comma) => {
          for (const check of checks) {
            const failure = check(facts, out, comma);
            if (failure !== undefined) return failure;
          }
          return undefined;
        };
  return Object.assign((facts: Facts) => judge(facts, undefined, false) as Failure | undefined, {
    write: (facts: Facts, out: ByteWriter, comma: boolean) =>
      judge(facts, out, comma) as true | undefined,
  });
}

const COMMA = utf8(",");
const CLOSE = utf8("}");

/**
 * Writes a failure as JSON, in `Failure`'s key order: its fixed parts (rule code, `required`,
 * `requiredValue`) encoded once, the `actual` value per failure, then the message.
 */
function failureWriter(code: string, required: string, requiredValue?: readonly unknown[]) {
  const head = utf8(`{"rule":${JSON.stringify(code)},"actual":`);
  const middle = utf8(
    `,"required":${JSON.stringify(required)}${
      requiredValue === undefined ? "" : `,"requiredValue":${JSON.stringify(requiredValue)}`
    },"message":`,
  );
  return (out: ByteWriter, comma: boolean, actualJson: string | Uint8Array): void => {
    if (comma) out.bytes(COMMA);
    out.bytes(head);
    if (typeof actualJson === "string") out.text(actualJson);
    else out.bytes(actualJson);
    out.bytes(middle);
  };
}

const NULL = utf8("null");
/** How many failing values each check keeps encoded whole. */
const SEEN_LIMIT = 256;
/** Where a failure is encoded once, before it is kept. */
const SCRATCH = new ByteWriter();

/** Values whose failure is worth keeping whole: scalars, and short strings. */
// Stryker disable all: which failures are kept whole changes the time taken, never the bytes
function isCacheable(value: unknown): boolean {
  const type = typeof value;
  return (
    type === "boolean" || type === "number" || (type === "string" && (value as string).length <= 64)
  );
}
// Stryker restore all
const REQUIRED_KEY = utf8(',"required":');
const MESSAGE_KEY = utf8(',"message":');

/** `JSON.stringify` of an actual value; never undefined for a value parsed from JSON. */
function valueJson(value: unknown): string {
  return JSON.stringify(value) ?? "null";
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

/**
 * A fact compared as a number: only the number kinds of its field (a flag-or-count field's
 * `true` is no threshold), or any number for a field that has none or a fact not in the table.
 */
function numericReader(reader: FactReader): FactReader {
  const types = reader.field?.types.filter((t) => t.kind === "number") ?? [];
  const field: FactField = types.length > 0 ? { types } : ANY_NUMBER;
  return { field, valid: factPredicate(field), nullIsValue: reader.nullIsValue };
}

function compileCheck(rule: Rule, check: Check): Judge {
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
  const missingJson = utf8(JSON.stringify(missing));
  const begin = failureWriter(code, required, requiredValue);

  const failure = (actual: unknown, message: Failure["message"]): Failure =>
    requiredValue === undefined
      ? { rule: code, actual, required, message }
      : { rule: code, actual, required, requiredValue, message };
  const noData = (out: ByteWriter | undefined, comma: boolean) => {
    if (out === undefined) return failure(null, missing);
    begin(out, comma, NULL);
    out.bytes(missingJson);
    out.bytes(CLOSE);
    return true as const;
  };
  const writeFailed = (out: ByteWriter, comma: boolean, actual: unknown) => {
    begin(out, comma, valueJson(actual));
    render.write(out, actual);
    out.bytes(CLOSE);
  };
  // A failure on a plain value (false, 250000, "none") is the same bytes every time it comes:
  // kept whole, for the first values seen, and copied in one piece after that.
  const seen = new Map<unknown, Uint8Array>();
  const failed = (actual: unknown, out: ByteWriter | undefined, comma: boolean) => {
    if (out === undefined) return failure(actual, render(actual));
    // Stryker disable next-line all: kept whole or not, the same bytes are written
    if (!isCacheable(actual)) {
      writeFailed(out, comma, actual);
      return true as const;
    }
    let bytes = seen.get(actual);
    // Stryker disable next-line ConditionalExpression: encoding it again gives the same bytes
    if (bytes === undefined) {
      writeFailed(SCRATCH, false, actual);
      bytes = SCRATCH.takeCopy();
      // Stryker disable next-line all: how many are kept changes the time taken, never the bytes
      if (seen.size < SEEN_LIMIT) seen.set(actual, bytes);
    }
    if (comma) out.bytes(COMMA);
    out.bytes(bytes);
    return true as const;
  };

  if (valid === undefined) {
    return (facts, out, comma) => {
      const value = facts[fact];
      if (test(value)) return undefined;
      // undefined and null both mean "missing": report null, as docs/interfaces.md ("Facts") asks.
      if (value === undefined || value === null) return noData(out, comma);
      return failed(report ? report(value) : value, out, comma);
    };
  }
  return (facts, out, comma) => {
    const value = facts[fact];
    if (test(value) && valid(value)) return undefined;
    if (value === undefined || (value === null && !nullIsValue)) return noData(out, comma);
    if (!valid(value)) {
      const message = invalidMessage(rule, fact, field!, value);
      if (out === undefined) return failure(value, message);
      begin(out, comma, valueJson(value));
      out.text(JSON.stringify(message));
      out.bytes(CLOSE);
      return true;
    }
    return failed(report ? report(value) : value, out, comma);
  };
}

/**
 * A numeric check against another fact of the same subject (`activityPriceFen lte
 * lowestPrice30dFen`): `required` carries the other fact's value (`<= 8900`), and so does the
 * message's `{required}`. Either fact missing fails closed with `actual: null`, naming it.
 */
function compileFactComparison(rule: Rule, check: Check, otherFact: string): Judge {
  const op = operatorOf(rule, check);
  if (op.numeric === undefined) {
    throw new Error(`operator ${check.op} cannot compare ${check.fact} with another fact`);
  }
  const { compare, symbol } = op.numeric;
  const prefix = `${symbol} `;
  const code = rule.code;
  const fact = check.fact;
  // Both sides of a numeric comparison must at least be numbers, named in the table or not.
  const self = numericReader(readerFor(rule, fact));
  const other = numericReader(readerFor(rule, otherFact));
  const render = compileMessage(check.message ?? rule.message, undefined, check.format, {
    nullMeans: self.field!.nullMeans,
    dynamicRequired: true,
  });
  const missing = missingMessage(rule, fact);
  const missingOther = missingMessage(rule, otherFact);
  const unknownRequired = op.required(check);
  const beginUnknown = failureWriter(code, unknownRequired);
  const head = utf8(`{"rule":${JSON.stringify(code)},"actual":`);
  const isValid = (reader: FactReader, v: unknown) => reader.valid!(v);
  const isMissing = (reader: FactReader, v: unknown) =>
    v === undefined || (v === null && !reader.nullIsValue);
  /** A failure whose threshold could not be read: `required` names the other fact. */
  const unknown = (
    actual: unknown,
    message: Bilingual,
    out: ByteWriter | undefined,
    comma: boolean,
  ): Failure | true => {
    if (out === undefined) return { rule: code, actual, required: unknownRequired, message };
    beginUnknown(out, comma, valueJson(actual));
    out.text(JSON.stringify(message));
    out.bytes(CLOSE);
    return true;
  };

  return (facts, out, comma) => {
    const value = facts[fact];
    const threshold = facts[otherFact];
    // A numeric reader accepts numbers only: a usable threshold is a number.
    const usable = isValid(other, threshold);
    if (usable && compare(value, threshold as number) && isValid(self, value)) return undefined;
    if (isMissing(self, value)) return unknown(null, missing, out, comma);
    if (isMissing(other, threshold)) return unknown(null, missingOther, out, comma);
    if (!isValid(self, value)) {
      return unknown(value, invalidMessage(rule, fact, self.field!, value), out, comma);
    }
    if (!usable) {
      return unknown(value, invalidMessage(rule, otherFact, other.field!, threshold), out, comma);
    }
    const required = `${prefix}${threshold}`;
    if (out === undefined) {
      return { rule: code, actual: value, required, message: render(value, threshold) };
    }
    if (comma) out.bytes(COMMA);
    out.bytes(head);
    out.text(valueJson(value));
    out.bytes(REQUIRED_KEY);
    out.text(JSON.stringify(required));
    out.bytes(MESSAGE_KEY);
    render.write(out, value, threshold);
    out.bytes(CLOSE);
    return true;
  };
}
