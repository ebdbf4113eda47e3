/**
 * The slice of the engine's state one transaction needs: the orders its events name, the orders
 * and merchants with a decision due before the bound it settles to (so time settles exactly as
 * a replay would settle it), and the listings and merchants those reach. After the engine has
 * run, only the records that changed are written back: an order's columns are compared with the
 * row it was loaded from, one by one, and only those that differ are written.
 */
import {
  type FulfilmentState,
  type ListingRecord,
  loadState,
  type MerchantRecord,
} from "../../domain/fulfilment/index.js";
import { applyCounts, CountDeltas, type CountZone } from "../../store/repos/fulfilment/counts.js";
import {
  loadOrders,
  type OrderChange,
  type OrderRow,
  orderRow,
  saveOrders,
} from "../../store/repos/fulfilment/orders.js";
import {
  loadListings,
  loadMerchants,
  saveListings,
  saveMerchants,
} from "../../store/repos/fulfilment/records.js";
import { approvedListings } from "../../store/repos/fulfilment/venue.js";
import type { Db } from "../../store/types.js";

export interface Wanted {
  orderIds: Iterable<string>;
  productIds: Iterable<string>;
  merchantIds: Iterable<string>;
  /** Products an order is paid on: approved at review but unknown to the engine = listed now. */
  paidProductIds: Iterable<string>;
  /**
   * The orders whose listing and merchant are loaded too: those a decision may be due for (a
   * violation reaches both). Default: every order. If the engine reaches another one after all
   * (a late fact corrects an order it names), `reachedBeyond` says so and the caller loads
   * again with every order's.
   */
  contextOrderIds?: Iterable<string>;
}

export interface WorkingSet {
  state: FulfilmentState;
  /** A copy of each loaded listing and merchant as stored, to write back only what changed. */
  loaded: Map<string, object>;
  /** Each loaded order's row as stored, by order id, likewise. */
  orderRows: Map<string, OrderRow>;
  /** Whether the engine looked up a record that was not asked of the database. */
  reachedBeyond(): boolean;
  /**
   * The orders it looked up that were not asked (a claim evaluated again when a late fact
   * changed the merchant's history): load them too before running again.
   */
  missedOrders(): ReadonlySet<string>;
}

export async function loadWorkingSet(
  db: Db,
  campaignId: string,
  settled: number,
  wanted: Wanted,
  /** Order rows this transaction has read already (`readOrderRows`): not read again. */
  read?: ReadonlyMap<string, OrderRow>,
): Promise<WorkingSet> {
  const stored: OrderRow[] = [];
  const orderIds = new Set(wanted.orderIds);
  const orders = await loadOrders(db, campaignId, [...orderIds], stored, read);
  const productIds = new Set(wanted.productIds);
  const merchantIds = new Set(wanted.merchantIds);
  const context = wanted.contextOrderIds && new Set(wanted.contextOrderIds);
  for (const o of orders) {
    if (context && !context.has(o.orderId)) continue;
    productIds.add(o.productId);
    merchantIds.add(o.merchantId);
  }
  const listings = await loadListings(db, campaignId, [...productIds]);
  const known = new Set(listings.map((l) => l.productId));
  const missing = [...new Set(wanted.paidProductIds)].filter((p) => !known.has(p));
  const adopted = (await approvedListings(db, campaignId, missing)).map(adoptListing);
  for (const l of [...listings, ...adopted]) merchantIds.add(l.merchantId);
  const merchants = await loadMerchants(db, campaignId, [...merchantIds]);

  const loaded = new Map<string, object>();
  const orderRows = new Map<string, OrderRow>();
  orders.forEach((o, i) => {
    orderRows.set(o.orderId, stored[i]!);
  });
  for (const l of listings) loaded.set(`l:${l.productId}`, { ...l });
  for (const m of merchants) loaded.set(`m:${m.merchantId}`, copyMerchant(m));
  // Adopted listings are not in `loaded`: they count as new and are written back.
  const state = loadState({ settled, orders, listings: [...listings, ...adopted], merchants });
  const listingsSeen = new Noticing(state.listings, productIds);
  const merchantsSeen = new Noticing(state.merchants, merchantIds);
  const ordersSeen = new Noticing(state.orders, orderIds);
  state.listings = listingsSeen;
  state.merchants = merchantsSeen;
  state.orders = ordersSeen;
  const reachedBeyond = () => listingsSeen.beyond || merchantsSeen.beyond || ordersSeen.beyond;
  return { state, loaded, orderRows, reachedBeyond, missedOrders: () => ordersSeen.missed };
}

function copyMerchant(m: MerchantRecord): MerchantRecord {
  return { ...m, finalExit: m.finalExit === null ? null : { ...m.finalExit } };
}

/**
 * A map of the records loaded that notices a look-up of an id the database was not asked for:
 * its absence here says nothing about the store, so the engine's answer would be wrong.
 */
class Noticing<V> extends Map<string, V> {
  beyond = false;
  readonly missed = new Set<string>();

  constructor(
    records: Map<string, V>,
    private readonly asked: ReadonlySet<string>,
  ) {
    super(records);
  }

  override get(id: string): V | undefined {
    const value = super.get(id);
    if (value === undefined && !this.asked.has(id)) {
      this.beyond = true;
      this.missed.add(id);
    }
    return value;
  }
}

/**
 * Approval at review lists the product in the engine's sense too: the venue row becomes an
 * engine listing the first time an order is paid on it, with the product's guarantee.
 */
function adoptListing(a: Awaited<ReturnType<typeof approvedListings>>[number]): ListingRecord {
  return {
    productId: a.productId,
    merchantId: a.merchantId,
    shippingGuaranteeHours: a.shippingGuaranteeHours,
    listedAt: a.listedAt,
    violations: 0,
    weight: a.weight,
    status: a.delistedAt === null ? "live" : "delisted",
    delistedAt: a.delistedAt,
    changes: 0,
  };
}

/**
 * Writes back every record that differs from what was loaded: of an order, only the columns
 * that changed. `pickupMs`: the campaign's pickup limit, for the derived pickup deadline;
 * `zone`: the campaign's, whose days the orders are counted by.
 */
export async function saveWorkingSet(
  db: Db,
  campaignId: string,
  ws: WorkingSet,
  at: number,
  pickupMs: number,
  zone: CountZone,
): Promise<void> {
  const { state, loaded, orderRows } = ws;
  const changed = (prefix: string, id: string, record: object) => {
    const before = loaded.get(prefix + id);
    return before === undefined || JSON.stringify(record) !== JSON.stringify(before);
  };
  const orders: OrderChange[] = [];
  for (const o of state.orders.values()) {
    const row = orderRow(o, pickupMs);
    const before = orderRows.get(o.orderId);
    if (before !== undefined && sameRow(row, before)) continue;
    orders.push({ row, before });
  }
  const listings = [...state.listings.values()].filter((l) => changed("l:", l.productId, l));
  const merchants = [...state.merchants.values()].filter((m) => changed("m:", m.merchantId, m));
  await saveOrders(db, campaignId, orders, at);
  // The console's counts move with the rows, in this transaction (counts.ts).
  const counts = new CountDeltas();
  for (const { row, before } of orders) counts.order(String(row[1]), before, row, zone);
  await applyCounts(db, campaignId, counts);
  await saveListings(db, campaignId, listings, at);
  await saveMerchants(db, campaignId, merchants, at);
}

/** `a` a record's row, `b` as loaded (which may carry more: the rowid). */
function sameRow(a: OrderRow, b: OrderRow): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
