/**
 * `atLeast`: the fact's rank on the check's ordered scale is at or above the value's rank
 * (trade medal `none` < `A` < … < `AAAAA`). A value not on the scale fails closed.
 */
import type { Check } from "../../campaign/model.js";
import type { OperatorDef } from "./index.js";

function ranks(check: Check): { rank: ReadonlyMap<unknown, number>; min: number } {
  const order = check.order;
  if (!order || order.length === 0)
    throw new Error(`operator atLeast on ${check.fact} needs an order`);
  // A Map, not an object: a fact such as "constructor" must not find a rank on the prototype.
  const rank = new Map<unknown, number>(order.map((name, index) => [name, index]));
  const min = rank.get(check.value);
  if (min === undefined) {
    throw new Error(
      `operator atLeast on ${check.fact}: ${String(check.value)} is not in its order`,
    );
  }
  return { rank, min };
}

export const atLeast: OperatorDef = {
  test(check) {
    const { rank, min } = ranks(check);
    return (v) => (rank.get(v) ?? -1) >= min;
  },
  required: (check) => `>= ${String(check.value)}`,
};
