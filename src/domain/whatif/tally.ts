import type {
  ExitReason,
  FulfilmentState,
  OrderRecord,
  ViolationKind,
} from "../fulfilment/index.js";
import { BUCKET_MS, type ZoneDays } from "../time/index.js";

/**
 * What a policy's run of the engine leaves, counted from its net state (docs/interfaces.md,
 * "Time, lateness and corrections": the property the tests rely on): what holds once every event is in, not what was said along the way. A
 * violation recorded and later revoked counts nothing, a claim paid and reversed likewise, a
 * listing delisted and relisted is not a delisting. Measures, exactly:
 *
 * - `orders`: campaign orders (paid inside the activity window; on the server, on a listed product);
 * - `violations`: violations in force (recorded, not revoked), one per order at most;
 * - `claimsPaid`, `claimsPaidFen`: claims paid that stand (not reversed): by the evaluation, or
 *   by a person after it held them (the editor's impact replays people's acts: log-comparison.ts);
 * - `claimsHeld`: claims the evaluation held for a person that stand (not withdrawn) and no one
 *   has paid or declined yet;
 * - `weightCuts`: listings whose venue weight ends below 1 (delisted ones included);
 * - `delistings`: listings delisted at the end;
 * - `exits`: merchants out of the campaign at the end (by violation count, report or withdrawal);
 * - `instantRefunds`, `instantRefundsFen`: refund requests approved at once; one a later fact
 *   contradicted stays counted (the money was paid; a person settles it).
 */
export interface Measures {
  orders: number;
  violations: number;
  claimsPaid: number;
  claimsPaidFen: number;
  claimsHeld: number;
  weightCuts: number;
  delistings: number;
  exits: number;
  instantRefunds: number;
  instantRefundsFen: number;
}

/** The measures that split by violation kind. */
export interface KindMeasures {
  violations: number;
  claimsPaid: number;
  claimsPaidFen: number;
  claimsHeld: number;
}

export interface MerchantMeasures {
  violations: number;
  claimsPaid: number;
  claimsPaidFen: number;
  claimsHeld: number;
  instantRefunds: number;
  instantRefundsFen: number;
  /** The merchant's listings whose weight ends below 1, and those delisted. */
  weightCuts: number;
  delistings: number;
  /** Why the merchant is out at the end, or `null` while it takes part. */
  exited: ExitReason | null;
}

export interface ProductMeasures {
  merchantId: string;
  violations: number;
  claimsPaid: number;
  claimsPaidFen: number;
  /** The venue weight at the end (1 without violations); `null`: never listed. */
  weight: number | null;
  delisted: boolean;
}

export interface DayClaims {
  claimsPaid: number;
  claimsPaidFen: number;
}

export interface Tally {
  totals: Measures;
  byKind: Record<ViolationKind, KindMeasures>;
  exitsByReason: Record<ExitReason, number>;
  merchants: Map<string, MerchantMeasures>;
  products: Map<string, ProductMeasures>;
  /** Claims paid by the local day of their violation (the deadline missed), `YYYY-MM-DD`. */
  claimsByDay: Map<string, DayClaims>;
}

export const VIOLATION_KINDS: readonly ViolationKind[] = ["late_shipment", "false_shipment"];
export const EXIT_REASONS: readonly ExitReason[] = ["violations", "exception_report", "withdrew"];

export function emptyMeasures(): Measures {
  return {
    orders: 0,
    violations: 0,
    claimsPaid: 0,
    claimsPaidFen: 0,
    claimsHeld: 0,
    weightCuts: 0,
    delistings: 0,
    exits: 0,
    instantRefunds: 0,
    instantRefundsFen: 0,
  };
}

const emptyKind = (): KindMeasures => ({
  violations: 0,
  claimsPaid: 0,
  claimsPaidFen: 0,
  claimsHeld: 0,
});

const emptyMerchant = (): MerchantMeasures => ({
  violations: 0,
  claimsPaid: 0,
  claimsPaidFen: 0,
  claimsHeld: 0,
  instantRefunds: 0,
  instantRefundsFen: 0,
  weightCuts: 0,
  delistings: 0,
  exited: null,
});

/** Counts a state's net outcome; `days` cuts the claims into the campaign's local days. */
export function tallyState(state: FulfilmentState, days: ZoneDays): Tally {
  const totals = emptyMeasures();
  const byKind = { late_shipment: emptyKind(), false_shipment: emptyKind() };
  const exitsByReason = { violations: 0, exception_report: 0, withdrew: 0 };
  const merchants = new Map<string, MerchantMeasures>();
  const products = new Map<string, ProductMeasures>();
  const claimsByDay = new Map<string, DayClaims>();
  const merchant = (id: string) => {
    let m = merchants.get(id);
    if (m === undefined) {
      m = emptyMerchant();
      merchants.set(id, m);
    }
    return m;
  };
  const product = (id: string, merchantId: string) => {
    let p = products.get(id);
    if (p === undefined) {
      p = {
        merchantId,
        violations: 0,
        claimsPaid: 0,
        claimsPaidFen: 0,
        weight: null,
        delisted: false,
      };
      products.set(id, p);
    }
    return p;
  };
  // The day of each quarter hour, worked out once (a day's claims share a few dozen of them).
  const dayOfBucket = new Map<number, string>();
  const dayOf = (at: number) => {
    const bucket = Math.floor(at / BUCKET_MS);
    let day = dayOfBucket.get(bucket);
    if (day === undefined) {
      day = days.dayOf(bucket * BUCKET_MS);
      dayOfBucket.set(bucket, day);
    }
    return day;
  };

  for (const order of state.orders.values()) {
    if (!order.campaign) continue;
    totals.orders++;
    if (order.refunds.length > 0) countRefunds(order, totals, merchant);
    const kind = order.violation;
    if (kind === null) continue;
    const k = byKind[kind];
    const m = merchant(order.merchantId);
    const p = product(order.productId, order.merchantId);
    totals.violations++;
    k.violations++;
    m.violations++;
    p.violations++;
    const claim = order.claim;
    if (claim === null) continue;
    if (claim.status === "paid") {
      totals.claimsPaid++;
      totals.claimsPaidFen += claim.amountFen;
      k.claimsPaid++;
      k.claimsPaidFen += claim.amountFen;
      m.claimsPaid++;
      m.claimsPaidFen += claim.amountFen;
      p.claimsPaid++;
      p.claimsPaidFen += claim.amountFen;
      const day = dayOf(order.violationAt!);
      const d = claimsByDay.get(day) ?? { claimsPaid: 0, claimsPaidFen: 0 };
      d.claimsPaid++;
      d.claimsPaidFen += claim.amountFen;
      claimsByDay.set(day, d);
    } else if (claim.status === "held") {
      totals.claimsHeld++;
      k.claimsHeld++;
      m.claimsHeld++;
    }
  }
  for (const listing of state.listings.values()) {
    const p = product(listing.productId, listing.merchantId);
    p.weight = listing.weight;
    p.delisted = listing.status === "delisted";
    if (listing.weight < 1) {
      totals.weightCuts++;
      merchant(listing.merchantId).weightCuts++;
    }
    if (p.delisted) {
      totals.delistings++;
      merchant(listing.merchantId).delistings++;
    }
  }
  for (const record of state.merchants.values()) {
    if (record.status !== "exited") continue;
    totals.exits++;
    const reason = record.exitReason ?? "violations";
    exitsByReason[reason]++;
    merchant(record.merchantId).exited = reason;
  }
  return { totals, byKind, exitsByReason, merchants, products, claimsByDay };
}

function countRefunds(
  order: OrderRecord,
  totals: Measures,
  merchant: (id: string) => MerchantMeasures,
): void {
  for (const refund of order.refunds) {
    if (refund.decided !== "approved" && refund.decided !== "contradicted") continue;
    totals.instantRefunds++;
    totals.instantRefundsFen += refund.amountFen;
    const m = merchant(order.merchantId);
    m.instantRefunds++;
    m.instantRefundsFen += refund.amountFen;
  }
}
