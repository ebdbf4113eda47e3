import type { Instant } from "../campaign/model.js";
import { rebuildDeadlines } from "./obligations.js";
import {
  emptyState,
  type FulfilmentState,
  type ListingRecord,
  type MerchantRecord,
  type OrderRecord,
} from "./state.js";

/**
 * The state as plain rows, for storage or for handing between processes. The deadline heap is
 * not part of it: it is rebuilt from the orders' open obligations, exactly like a database index.
 * A server can also build a partial snapshot (only the rows an event batch touches) and load it.
 */
export interface StateSnapshot {
  clock: Instant | null;
  orders: OrderRecord[];
  listings: ListingRecord[];
  merchants: MerchantRecord[];
}

/** Copies, so later steps on the state do not change a snapshot already taken. */
export function snapshotState(state: FulfilmentState): StateSnapshot {
  return {
    clock: state.clock,
    orders: [...state.orders.values()].map(copyOrder),
    listings: [...state.listings.values()].map((l) => ({ ...l })),
    merchants: [...state.merchants.values()].map((m) => ({ ...m })),
  };
}

export function loadState(snapshot: StateSnapshot): FulfilmentState {
  const state = emptyState();
  state.clock = snapshot.clock;
  for (const o of snapshot.orders) state.orders.set(o.orderId, copyOrder(o));
  for (const l of snapshot.listings) state.listings.set(l.productId, { ...l });
  for (const m of snapshot.merchants) state.merchants.set(m.merchantId, { ...m });
  rebuildDeadlines(state);
  return state;
}

function copyOrder(o: OrderRecord): OrderRecord {
  return { ...o, refundIds: [...o.refundIds], violations: [...o.violations] };
}
