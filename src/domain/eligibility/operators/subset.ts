/**
 * `subsetOf`: every element of the fact (an array) is in the allowed list. Used for the regions a
 * product charges shipping to: a failure reports only the offending elements, e.g. ["CN-GD"].
 *
 * The token `overseas` in the allowed list stands for every region that is not Chinese
 * (docs/interfaces.md: anything not `CN-…` is overseas). The test is case-insensitive on the `CN`
 * prefix so that a sloppy "cn-gd" is treated as Chinese and fails, rather than passing as overseas;
 * an empty or non-string element is never a region and always offends.
 */
import type { Check } from "../../campaign/model.js";
import type { FactTest, OperatorDef } from "./index.js";
import { listText } from "./list-text.js";
import { allowedSet, scalarList } from "./membership.js";

export const OVERSEAS = "overseas";
const CHINESE_REGION = /^cn(-|$)/i;

export function isOverseas(region: unknown): boolean {
  return typeof region === "string" && region !== "" && !CHINESE_REGION.test(region);
}

/** Builds the predicate "this one element is allowed". */
function allows(check: Check): (element: unknown) => boolean {
  const allowed = allowedSet(check);
  if (!allowed.has(OVERSEAS)) return (e) => allowed.has(e);
  return (e) => allowed.has(e) || isOverseas(e);
}

export const subsetOf: OperatorDef = {
  test(check): FactTest {
    const ok = allows(check);
    return (v) => {
      if (!Array.isArray(v)) return false;
      for (const element of v) if (!ok(element)) return false;
      return true;
    };
  },
  required: (check) => `subset of ${listText(scalarList(check))}`,
  actual(check) {
    const ok = allows(check);
    // A non-array is reported as given (wrong type); an array reports its offenders only.
    return (v) => (Array.isArray(v) ? v.filter((e) => !ok(e)) : v);
  },
};
