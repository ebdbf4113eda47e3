/** Equality against one value or a list of values; strict (`===`), so 1 is not "1" and 0 is not false. */
import type { Check } from "../../campaign/model.js";
import type { OperatorDef } from "./index.js";
import { listText } from "./list-text.js";

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function scalar(check: Check): Scalar {
  if (!isScalar(check.value)) {
    throw new Error(`operator ${check.op} on ${check.fact} needs a string, number or boolean`);
  }
  return check.value;
}

export function scalarList(check: Check): readonly Scalar[] {
  const list = check.value;
  if (!Array.isArray(list) || !list.every(isScalar)) {
    throw new Error(
      `operator ${check.op} on ${check.fact} needs a list of strings, numbers or booleans`,
    );
  }
  return list;
}

export const eq: OperatorDef = {
  test(check) {
    const expected = scalar(check);
    return (v) => v === expected;
  },
  required: (check) => `= ${scalar(check)}`,
};

export const is: OperatorDef = {
  test(check) {
    const expected = check.value;
    if (typeof expected !== "boolean")
      throw new Error(`operator is on ${check.fact} needs true or false`);
    return (v) => v === expected;
  },
  required: (check) => `= ${String(check.value)}`,
};

/** The check's list and, for the campaign's categories, their other spellings. */
export function allowedSet(check: Check): Set<unknown> {
  return new Set<unknown>([...scalarList(check), ...(check.aliases ?? [])]);
}

export const inList: OperatorDef = {
  test(check) {
    const allowed = allowedSet(check);
    return (v) => allowed.has(v);
  },
  required: (check) => `in ${listText(scalarList(check))}`,
};
