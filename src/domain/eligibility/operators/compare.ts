/**
 * Numeric thresholds. Only a finite number can pass: "0.9", true or null fail closed. Each
 * operator also compares with a threshold known only at evaluation (`compare`), for a check
 * against another fact (`valueFact`). Written out one by one: these run for every merchant.
 */
import type { Check } from "../../campaign/model.js";
import type { OperatorDef } from "./index.js";

function threshold(check: Check): number {
  // Stryker disable next-line ConditionalExpression: Number.isFinite alone refuses non-numbers too; typeof is for the type checker
  if (typeof check.value !== "number" || !Number.isFinite(check.value)) {
    throw new Error(
      `operator ${check.op} on ${check.fact} needs a number, got ${String(check.value)}`,
    );
  }
  return check.value;
}

/** What `required` names: the threshold, or the other fact a check compares with. */
function bound(check: Check): string | number {
  return check.valueFact ?? threshold(check);
}

export const gte: OperatorDef = {
  test(check) {
    const t = threshold(check);
    return (v) => typeof v === "number" && v >= t;
  },
  required: (check) => `>= ${bound(check)}`,
  numeric: { compare: (v, t) => typeof v === "number" && v >= t, symbol: ">=" },
};

export const gt: OperatorDef = {
  test(check) {
    const t = threshold(check);
    return (v) => typeof v === "number" && v > t;
  },
  required: (check) => `> ${bound(check)}`,
  numeric: { compare: (v, t) => typeof v === "number" && v > t, symbol: ">" },
};

export const lte: OperatorDef = {
  test(check) {
    const t = threshold(check);
    return (v) => typeof v === "number" && v <= t;
  },
  required: (check) => `<= ${bound(check)}`,
  numeric: { compare: (v, t) => typeof v === "number" && v <= t, symbol: "<=" },
};

export const lt: OperatorDef = {
  test(check) {
    const t = threshold(check);
    return (v) => typeof v === "number" && v < t;
  },
  required: (check) => `< ${bound(check)}`,
  numeric: { compare: (v, t) => typeof v === "number" && v < t, symbol: "<" },
};
