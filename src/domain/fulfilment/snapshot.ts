import { requeue } from "./settle.js";
import {
  emptyState,
  type FulfilmentState,
  type ListingRecord,
  type MerchantRecord,
  type OrderRecord,
} from "./state.js";

/**
 * The state as plain rows, for storage or for handing between processes. The queue is not part
 * of it: it is rebuilt from the records' `nextKey`, exactly like a database index. A server
 * builds a partial snapshot (only the rows a batch touches, plus every order and merchant with
 * a decision due before the bound it settles to) and loads it.
 */
export interface StateSnapshot {
  /** Every decision with a settle key below this has been taken. */
  settled: number;
  orders: OrderRecord[];
  listings: ListingRecord[];
  merchants: MerchantRecord[];
  /** Orders paid on a product before its listing, by product (see `FulfilmentState`). */
  unlisted?: ReadonlyArray<readonly [string, number]>;
}

/** Copies, so later steps on the state do not change a snapshot already taken. */
export function snapshotState(state: FulfilmentState): StateSnapshot {
  return {
    settled: state.settled,
    orders: [...state.orders.values()].map(copyOrder),
    listings: [...state.listings.values()].map((l) => ({ ...l })),
    merchants: [...state.merchants.values()].map(copyMerchant),
    unlisted: [...state.unlisted],
  };
}

export function loadState(snapshot: StateSnapshot): FulfilmentState {
  const state = emptyState();
  state.settled = snapshot.settled;
  for (const o of snapshot.orders) state.orders.set(o.orderId, copyOrder(o));
  for (const l of snapshot.listings) state.listings.set(l.productId, { ...l });
  for (const m of snapshot.merchants) state.merchants.set(m.merchantId, copyMerchant(m));
  for (const [p, n] of snapshot.unlisted ?? []) state.unlisted.set(p, n);
  const pending = [...state.orders.values(), ...state.merchants.values()].filter(
    (t) => t.nextKey !== null,
  );
  // In key order the entries fill the lanes; in any other the heap takes the rest.
  // Stryker disable next-line all: the order only decides lanes or heap, never the settling order
  pending.sort((a, b) => a.nextKey! - b.nextKey!);
  for (const target of pending) requeue(state, target);
  return state;
}

export function copyOrder(o: OrderRecord): OrderRecord {
  return {
    ...o,
    refunds: o.refunds.map((r) => ({ ...r })),
    waived: [...o.waived],
    revoked: [...o.revoked],
    claim: o.claim === null ? null : { ...o.claim },
  };
}

function copyMerchant(m: MerchantRecord): MerchantRecord {
  return { ...m, finalExit: m.finalExit === null ? null : { ...m.finalExit } };
}
