/**
 * The net outcome a stream of decisions (and error lines) leaves, in the what-if's measures
 * (src/domain/whatif/tally.ts), worked out from the decisions alone: violations recorded minus
 * revoked, claims paid minus reversed and held minus withdrawn, each listing's last weight and
 * delisted state, each merchant's exited state, refunds approved at once; `refused` counts the
 * error lines. The tests of `gala replay --compare` and of the editor's impact hold the
 * comparison's totals to this.
 */
export interface NetTotals {
  violations: number;
  claimsPaid: number;
  claimsPaidFen: number;
  claimsHeld: number;
  weightCuts: number;
  delistings: number;
  exits: number;
  instantRefunds: number;
  instantRefundsFen: number;
  refused: number;
  /** Per merchant: violations in force and claims paid (fen). */
  merchants: Record<string, { violations: number; claimsPaidFen: number }>;
}

export function netTotals(decisions: ReadonlyArray<Record<string, unknown>>): NetTotals {
  const violations = new Map<string, string>(); // order → merchant
  const claims = new Map<string, number | "held">(); // order → fen paid, or held
  const weights = new Map<string, number>();
  const delisted = new Map<string, boolean>();
  const exited = new Map<string, boolean>();
  let instantRefunds = 0;
  let instantRefundsFen = 0;
  let refused = 0;
  for (const d of decisions) {
    const order = d.orderId as string;
    switch (d.type) {
      case "violation.recorded":
        violations.set(order, d.merchantId as string);
        break;
      case "violation.revoked":
        violations.delete(order);
        break;
      case "claim.paid":
        claims.set(order, d.amountFen as number);
        break;
      case "claim.held":
        claims.set(order, "held");
        break;
      case "claim.reversed":
      case "claim.withdrawn":
        claims.delete(order);
        break;
      case "listing.weight_changed":
        weights.set(d.productId as string, d.weight as number);
        break;
      case "listing.delisted":
      case "listing.relisted":
        delisted.set(d.productId as string, d.type === "listing.delisted");
        break;
      case "merchant.exited":
      case "merchant.reinstated":
        exited.set(d.merchantId as string, d.type === "merchant.exited");
        break;
      case "refund.approved":
        instantRefunds++;
        instantRefundsFen += d.amountFen as number;
        break;
    }
    if (d.line !== undefined) refused++;
  }
  const merchants: NetTotals["merchants"] = {};
  for (const [order, merchantId] of violations) {
    const m = merchants[merchantId] ?? { violations: 0, claimsPaidFen: 0 };
    merchants[merchantId] = m;
    m.violations++;
    const claim = claims.get(order);
    if (typeof claim === "number") m.claimsPaidFen += claim;
  }
  const paid = [...claims.values()].filter((c) => c !== "held") as number[];
  return {
    violations: violations.size,
    claimsPaid: paid.length,
    claimsPaidFen: paid.reduce((s, c) => s + c, 0),
    claimsHeld: [...claims.values()].filter((c) => c === "held").length,
    weightCuts: [...weights.values()].filter((w) => w < 1).length,
    delistings: [...delisted.values()].filter(Boolean).length,
    exits: [...exited.values()].filter(Boolean).length,
    instantRefunds,
    instantRefundsFen,
    refused,
    merchants,
  };
}
