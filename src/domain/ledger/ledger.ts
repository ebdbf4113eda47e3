/**
 * A merchant's claims ledger against its deposit (issue 14 part 4): every claim decision is a
 * line; a paid claim takes its amount from the deposit, a reversal gives it back, a held,
 * declined or withdrawn claim moves nothing. The balance is the deposit minus what is paid and
 * not reversed. Integer fen throughout.
 */

/** Every decision about a claim: the ledger's lines. */
export const CLAIM_LINE_TYPES = [
  "claim.paid",
  "claim.held",
  "claim.declined",
  "claim.reversed",
  "claim.withdrawn",
] as const;

/** What a claim decision does to the deposit, in fen (negative: taken from it). */
export function depositEffectFen(type: string, amountFen: number | null): number {
  if (type === "claim.paid") return -(amountFen ?? 0);
  if (type === "claim.reversed") return amountFen ?? 0;
  return 0;
}

export interface LedgerCounts {
  type: string;
  count: number;
  /** Sum of the amounts of that type (0 when they carry none). */
  amountFen: number;
}

export interface LedgerTotals {
  paidCount: number;
  paidFen: number;
  reversedCount: number;
  reversedFen: number;
  /** Paid minus reversed: what the deposit has lost to claims. */
  netPaidFen: number;
  heldCount: number;
  declinedCount: number;
  withdrawnCount: number;
  /** Held for a person and not yet paid, declined or withdrawn. */
  waitingCount: number;
  depositFen: number | null;
  /** The deposit minus net paid; `null` when the deposit is not known. */
  balanceFen: number | null;
}

export function ledgerTotals(
  counts: readonly LedgerCounts[],
  waitingCount: number,
  depositFen: number | null,
): LedgerTotals {
  const of = (type: string) => {
    let count = 0;
    let amountFen = 0;
    for (const c of counts) {
      if (c.type !== type) continue;
      count += c.count;
      amountFen += c.amountFen;
    }
    return { count, amountFen };
  };
  const paid = of("claim.paid");
  const reversed = of("claim.reversed");
  const netPaidFen = paid.amountFen - reversed.amountFen;
  return {
    paidCount: paid.count,
    paidFen: paid.amountFen,
    reversedCount: reversed.count,
    reversedFen: reversed.amountFen,
    netPaidFen,
    heldCount: of("claim.held").count,
    declinedCount: of("claim.declined").count,
    withdrawnCount: of("claim.withdrawn").count,
    waitingCount,
    depositFen,
    balanceFen: depositFen === null ? null : depositFen - netPaidFen,
  };
}

/**
 * The balance after each line, starting from the balance before the first (`null` when the
 * deposit is unknown: every balance is then `null`).
 */
export function runningBalances(
  opening: number | null,
  lines: ReadonlyArray<{ type: string; amountFen: number | null }>,
): Array<number | null> {
  let balance = opening;
  return lines.map((l) => {
    if (balance === null) return null;
    balance += depositEffectFen(l.type, l.amountFen);
    return balance;
  });
}

/** A deposit fact as the ledger takes it: a safe integer of fen, else unknown. */
export function depositOf(facts: unknown): number | null {
  const v = (facts as { depositFen?: unknown } | null)?.depositFen;
  return typeof v === "number" && Number.isSafeInteger(v) ? v : null;
}
