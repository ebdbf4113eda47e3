/**
 * The claim decision table (`policy.claims`) from the file to the model, and the checks the
 * schema cannot express: ids used once, bounds that can be met, a last row that matches every
 * claim (so each claim is decided by a row it can name), no row after it.
 */
import type { ClaimRow, Policy, Range } from "./model.js";
import type { CampaignFile, ClaimRowFile } from "./schema.js";
import type { SemanticProblem } from "./semantics.js";

type PolicyFile = CampaignFile["policy"];

/** The table the file declares, or the one its `compensation` implies. */
export function claimTable(policy: PolicyFile): ClaimRow[] {
  if (policy.claims) return policy.claims.map(toRow);
  return impliedTable(policy.compensation);
}

/** Hold for the listed buyer risks, else pay at the compensation's rate: the policy before tables. */
export function impliedTable(compensation: Policy["compensation"]): ClaimRow[] {
  const { rateBasisPoints, minFen, maxFen, holdForBuyerRisk } = compensation;
  const rows: ClaimRow[] = [];
  if (holdForBuyerRisk.length > 0) {
    rows.push({
      id: "buyer-risk",
      when: { buyerRisk: holdForBuyerRisk },
      outcome: { action: "hold", reason: "buyer_risk" },
    });
  }
  const pay = { action: "pay" as const, rateBasisPoints, minFen, maxFen };
  rows.push({ id: "standard", when: {}, outcome: pay });
  return rows;
}

function toRow(row: ClaimRowFile): ClaimRow {
  const when: ClaimRow["when"] = {};
  const w = row.when ?? {};
  if (w.kind) when.kind = w.kind;
  if (w.amountFen) when.amountFen = compact(w.amountFen);
  if (w.merchantViolations) when.merchantViolations = compact(w.merchantViolations);
  if (w.buyerRisk) when.buyerRisk = w.buyerRisk;
  const outcome: ClaimRow["outcome"] = row.pay
    ? { action: "pay", ...row.pay }
    : row.hold !== undefined
      ? { action: "hold", reason: row.hold }
      : { action: "none" };
  return { id: row.id, when, outcome };
}

function compact(range: Range): Range {
  const out: Range = {};
  for (const key of ["gte", "gt", "lte", "lt"] as const) {
    if (range[key] !== undefined) out[key] = range[key];
  }
  return out;
}

/** Problems of `policy.claims`, with paths into the file. */
export function claimTableProblems(policy: PolicyFile): SemanticProblem[] {
  const rows = policy.claims;
  if (!rows) return [];
  const problems: SemanticProblem[] = [];
  const at = (i: number, ...rest: PropertyKey[]) => ["policy", "claims", i, ...rest];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (seen.has(row.id)) {
      problems.push({
        path: at(i, "id"),
        message: `row id "${row.id}" is used twice`,
        fix: "give every row its own id: claims name the row that decided them",
      });
    }
    seen.add(row.id);
    const outcomes = (["pay", "hold", "none"] as const).filter((k) => row[k] !== undefined);
    if (outcomes.length !== 1) {
      problems.push({
        path: at(i),
        message:
          outcomes.length === 0
            ? `row "${row.id}" has no outcome`
            : `row "${row.id}" has ${outcomes.length} outcomes (${outcomes.join(", ")})`,
        fix: "give exactly one of pay: {rateBasisPoints, minFen, maxFen}, hold: REASON or none: true",
      });
    }
    if (row.pay && row.pay.minFen > row.pay.maxFen) {
      const { minFen, maxFen } = row.pay;
      problems.push({
        path: at(i, "pay", "minFen"),
        message: `minFen ${minFen} is above maxFen ${maxFen}`,
        fix: "make minFen ≤ maxFen",
      });
    }
    for (const name of ["amountFen", "merchantViolations"] as const) {
      const range = row.when?.[name];
      if (range && Object.keys(range).length === 0) {
        problems.push({
          path: at(i, "when", name),
          message: `${name} has no bound`,
          fix: "give at least one of gte, gt, lte, lt, or remove the condition",
        });
      } else if (range && !canHold(range)) {
        problems.push({
          path: at(i, "when", name),
          message: `no number meets ${JSON.stringify(range)}: the row can never match`,
          fix: "make the lower bound no higher than the upper one",
        });
      }
    }
  });
  const catchAll = rows.findIndex((r) => r.when === undefined || Object.keys(r.when).length === 0);
  if (catchAll === -1) {
    problems.push({
      path: at(rows.length - 1),
      message: "no row matches every claim: a violation no row matches would have no claim decided",
      fix: "end the table with a row without `when` (e.g. `- id: standard` paying the usual rate)",
    });
  } else if (catchAll < rows.length - 1) {
    problems.push({
      path: at(catchAll + 1),
      message: `row "${rows[catchAll + 1]!.id}" can never match: row "${rows[catchAll]!.id}" before it matches every claim`,
      fix: "move the row without `when` to the end of the table",
    });
  }
  return problems;
}

/** Whether some number meets every bound of the range. */
function canHold(r: Range): boolean {
  const low = Math.max(r.gte ?? -Infinity, r.gt ?? -Infinity);
  const high = Math.min(r.lte ?? Infinity, r.lt ?? Infinity);
  if (low < high) return true;
  return low === high && r.gt !== low && r.lt !== high;
}
