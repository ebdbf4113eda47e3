import type { ExitReason, ViolationKind } from "../fulfilment/index.js";
import type { ZoneDays } from "../time/index.js";
import {
  type DayClaims,
  EXIT_REASONS,
  type KindMeasures,
  type Measures,
  type MerchantMeasures,
  type ProductMeasures,
  type Tally,
  VIOLATION_KINDS,
} from "./tally.js";

/**
 * Two policies' tallies side by side: every measure as `{a, b}`, the merchants and products
 * whose own measures differ (most affected first), and the claims paid per day under each. The
 * names of `totals` are relied on by outside tests (`gala replay --compare --json`): keep them.
 */
export interface Pair<T> {
  a: T;
  b: T;
}

export type Paired<T> = { [K in keyof T]: Pair<T[K]> };

/** Counts of the run itself rather than of its outcome: events each policy refused. */
export interface RunCounts {
  refused: number;
}

export interface MerchantChange extends Paired<MerchantMeasures> {
  merchantId: string;
}

export interface ProductChange extends Paired<Omit<ProductMeasures, "merchantId">> {
  productId: string;
  merchantId: string;
}

export interface DayChange {
  day: string;
  claimsPaid: Pair<number>;
  claimsPaidFen: Pair<number>;
}

export interface Comparison {
  /** True when nothing at all differs: every total, merchant, product and day. */
  same: boolean;
  totals: Paired<Measures & RunCounts>;
  byKind: Record<ViolationKind, Paired<KindMeasures>>;
  exitsByReason: Record<ExitReason, Pair<number>>;
  /** `changed` counts them all; `list` holds the first `limit`, most affected first. */
  merchants: { changed: number; list: MerchantChange[] };
  products: { changed: number; list: ProductChange[] };
  /** Every local day from the first to the last with a claim paid under either policy. */
  daily: DayChange[];
}

export interface CompareOptions {
  /** At most this many merchants and products are listed (all by default). */
  limit?: number;
}

export function compareTallies(
  a: Tally & RunCounts,
  b: Tally & RunCounts,
  days: ZoneDays,
  options: CompareOptions = {},
): Comparison {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const totals = pairAll({ ...a.totals, refused: a.refused }, { ...b.totals, refused: b.refused });
  const byKind = {} as Comparison["byKind"];
  for (const kind of VIOLATION_KINDS) byKind[kind] = pairAll(a.byKind[kind], b.byKind[kind]);
  const exitsByReason = {} as Comparison["exitsByReason"];
  for (const reason of EXIT_REASONS) {
    exitsByReason[reason] = { a: a.exitsByReason[reason], b: b.exitsByReason[reason] };
  }
  const merchants = changes(a.merchants, b.merchants, NO_MERCHANT, merchantImpact).map(
    ([merchantId, pair]) => ({ merchantId, ...pair }),
  );
  const products = changes(a.products, b.products, NO_PRODUCT, productImpact).map(
    ([productId, { merchantId, ...pair }]) => ({
      productId,
      merchantId: merchantId.a || merchantId.b,
      ...pair,
    }),
  );
  const daily = dailyClaims(a.claimsByDay, b.claimsByDay, days);
  const same =
    merchants.length === 0 &&
    products.length === 0 &&
    Object.values(totals).every(equal) &&
    daily.every((d) => equal(d.claimsPaid) && equal(d.claimsPaidFen));
  return {
    same,
    totals,
    byKind,
    exitsByReason,
    merchants: { changed: merchants.length, list: merchants.slice(0, limit) },
    products: { changed: products.length, list: products.slice(0, limit) },
    daily,
  };
}

const equal = (p: Pair<unknown>) => p.a === p.b;

function pairAll<T extends object>(a: T, b: T): Paired<T> {
  const out = {} as Paired<T>;
  for (const key of Object.keys(a) as Array<keyof T>) out[key] = { a: a[key], b: b[key] };
  return out;
}

/** A merchant or product one policy never met reads as untouched under it. */
const NO_MERCHANT: MerchantMeasures = {
  violations: 0,
  claimsPaid: 0,
  claimsPaidFen: 0,
  claimsHeld: 0,
  instantRefunds: 0,
  instantRefundsFen: 0,
  weightCuts: 0,
  delistings: 0,
  exited: null,
};
const NO_PRODUCT: ProductMeasures = {
  merchantId: "",
  violations: 0,
  claimsPaid: 0,
  claimsPaidFen: 0,
  weight: null,
  delisted: false,
};

/** The ids whose measures differ, paired, sorted by impact (largest first), then by id. */
function changes<T extends object>(
  a: Map<string, T>,
  b: Map<string, T>,
  none: T,
  impact: (pair: Paired<T>) => number[],
): Array<[string, Paired<T>]> {
  const out: Array<{ id: string; pair: Paired<T>; rank: number[] }> = [];
  const ids = new Set([...a.keys(), ...b.keys()]);
  for (const id of ids) {
    const pair = pairAll(a.get(id) ?? none, b.get(id) ?? none);
    const differs = Object.entries(pair).some(
      ([key, p]) => key !== "merchantId" && !equal(p as Pair<unknown>),
    );
    if (differs) out.push({ id, pair, rank: impact(pair) });
  }
  out.sort((x, y) => {
    for (let i = 0; i < x.rank.length; i++) {
      if (x.rank[i] !== y.rank[i]) return y.rank[i]! - x.rank[i]!;
    }
    return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
  });
  return out.map(({ id, pair }) => [id, pair]);
}

const gap = (p: Pair<number>) => Math.abs(p.b - p.a);

/** Most affected: an exit that changes, then money paid in claims, then violations, … */
function merchantImpact(m: Paired<MerchantMeasures>): number[] {
  return [
    m.exited.a === m.exited.b ? 0 : 1,
    gap(m.claimsPaidFen),
    gap(m.violations),
    gap(m.delistings) + gap(m.weightCuts),
    gap(m.claimsHeld),
    gap(m.instantRefundsFen),
  ];
}

function productImpact(p: Paired<ProductMeasures>): number[] {
  return [
    p.delisted.a === p.delisted.b ? 0 : 1,
    gap(p.claimsPaidFen),
    gap(p.violations),
    Math.abs((p.weight.b ?? 1) - (p.weight.a ?? 1)),
  ];
}

function dailyClaims(
  a: Map<string, DayClaims>,
  b: Map<string, DayClaims>,
  days: ZoneDays,
): DayChange[] {
  const all = [...a.keys(), ...b.keys()].sort();
  if (all.length === 0) return [];
  const last = all[all.length - 1]!;
  const out: DayChange[] = [];
  const none: DayClaims = { claimsPaid: 0, claimsPaidFen: 0 };
  // Every day in between, so a chart's axis has no holes.
  for (let day = all[0]!; day <= last; day = days.next(day)) {
    const x = a.get(day) ?? none;
    const y = b.get(day) ?? none;
    out.push({
      day,
      claimsPaid: { a: x.claimsPaid, b: y.claimsPaid },
      claimsPaidFen: { a: x.claimsPaidFen, b: y.claimsPaidFen },
    });
  }
  return out;
}
