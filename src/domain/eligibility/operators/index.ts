/**
 * The operator table: each operator is one small pure object that turns a check into a test.
 * Tests are built once per campaign (lists become Sets, ordinals become ranks) so that
 * evaluating a fact is a property read and a comparison.
 */
import type { Check, Operator } from "../../campaign/model.js";
import { gt, gte, lt, lte } from "./compare.js";
import { eq, inList, is } from "./membership.js";
import { atLeast } from "./ordinal.js";
import { subsetOf } from "./subset.js";

/** True when the fact's value meets the check. Must not throw on any value. */
export type FactTest = (fact: unknown) => boolean;

export interface OperatorDef {
  /** Builds the test for one check; throws (at compile time only) when the check's value is unusable. */
  test(check: Check): FactTest;
  /** The `required` field of a failure: short, raw values, e.g. `>= 0.85`, `in [a, b]`. */
  required(check: Check): string;
  /** What a failure reports as `actual` for a present fact (default: the value as given). */
  actual?(check: Check): (fact: unknown) => unknown;
  /** Numeric operators: the test against a threshold known only at evaluation (`valueFact`). */
  numeric?: {
    compare: (fact: unknown, threshold: number) => boolean;
    /** How `required` starts, e.g. `<=`. */
    symbol: string;
  };
}

export const OPERATORS: Readonly<Record<Operator, OperatorDef>> = {
  gte,
  gt,
  lte,
  lt,
  eq,
  in: inList,
  is,
  atLeast,
  subsetOf,
};
