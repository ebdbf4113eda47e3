import type { ClaimRow, Range } from "../campaign/model.js";
import { applyBasisPoints, clampFen } from "../money/index.js";

/**
 * The claim decision table's evaluation (rule `enforce.evaluation`, 九.2): the violation's
 * scenario, the order, the merchant's history in this campaign and the buyer, weighed together by
 * the campaign file's rows. The first row whose every condition holds decides.
 *
 * The merchant's history is its violations in force before this one in history order (deadline,
 * then order id; history.ts), not in the order the engine learnt of them. A correction that adds or
 * revokes a violation earlier in that history evaluates the later claims again (claims.ts,
 * `reevaluateLaterClaims`), so a claim's row does not depend on the order events arrive in.
 */
export interface ClaimFacts {
  kind: string;
  amountFen: number;
  merchantViolations: number;
  buyerRisk: string;
}

export function inRange(value: number, r: Range): boolean {
  return (
    (r.gte === undefined || value >= r.gte) &&
    (r.gt === undefined || value > r.gt) &&
    (r.lte === undefined || value <= r.lte) &&
    (r.lt === undefined || value < r.lt)
  );
}

export function rowMatches(row: ClaimRow, facts: ClaimFacts): boolean {
  const w = row.when;
  return (
    (w.kind === undefined || w.kind.includes(facts.kind)) &&
    (w.buyerRisk === undefined || w.buyerRisk.includes(facts.buyerRisk)) &&
    (w.amountFen === undefined || inRange(facts.amountFen, w.amountFen)) &&
    (w.merchantViolations === undefined || inRange(facts.merchantViolations, w.merchantViolations))
  );
}

/** The first matching row; `undefined` only for a table without a catch-all (the loader refuses one). */
export function decidingRow(table: readonly ClaimRow[], facts: ClaimFacts): ClaimRow | undefined {
  for (const row of table) if (rowMatches(row, facts)) return row;
  return undefined;
}

/** What a `pay` row pays on an order: its rate of the amount, half up to the fen, within bounds. */
export function payFen(
  amountFen: number,
  pay: { rateBasisPoints: number; minFen: number; maxFen: number },
): number {
  return clampFen(applyBasisPoints(amountFen, pay.rateBasisPoints), pay.minFen, pay.maxFen);
}
