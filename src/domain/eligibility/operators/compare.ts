/** Numeric thresholds. Only a finite number can pass: "0.9", true or null fail closed. */
import type { Check } from "../../campaign/model.js";
import type { OperatorDef } from "./index.js";

function threshold(check: Check): number {
  if (typeof check.value !== "number" || !Number.isFinite(check.value)) {
    throw new Error(
      `operator ${check.op} on ${check.fact} needs a number, got ${String(check.value)}`,
    );
  }
  return check.value;
}

export const gte: OperatorDef = {
  test(check) {
    const t = threshold(check);
    return (v) => typeof v === "number" && v >= t;
  },
  required: (check) => `>= ${threshold(check)}`,
};

export const gt: OperatorDef = {
  test(check) {
    const t = threshold(check);
    return (v) => typeof v === "number" && v > t;
  },
  required: (check) => `> ${threshold(check)}`,
};

export const lte: OperatorDef = {
  test(check) {
    const t = threshold(check);
    return (v) => typeof v === "number" && v <= t;
  },
  required: (check) => `<= ${threshold(check)}`,
};

export const lt: OperatorDef = {
  test(check) {
    const t = threshold(check);
    return (v) => typeof v === "number" && v < t;
  },
  required: (check) => `< ${threshold(check)}`,
};
