/**
 * The slice of the engine's state one transaction needs: the orders its events name, the orders
 * with obligations falling due before its last instant (so deadlines fire exactly as a replay of
 * the same events would fire them), and their listings and merchants. After the engine has run,
 * only the records that changed are written back: an order's columns (its obligations among
 * them) are compared with the row it was loaded from, one by one, and only those that differ
 * are written.
 */
import {
  type FulfilmentState,
  type ListingRecord,
  loadState,
  type OrderRecord,
} from "../../domain/fulfilment/index.js";
import {
  loadListings,
  loadMerchants,
  loadOrders,
  type OrderChange,
  type OrderRow,
  orderRow,
  saveListings,
  saveMerchants,
  saveOrders,
} from "../../store/repos/fulfilment/state.js";
import { approvedListings } from "../../store/repos/fulfilment/venue.js";
import type { Db } from "../../store/types.js";

export interface Wanted {
  orderIds: Iterable<string>;
  productIds: Iterable<string>;
  merchantIds: Iterable<string>;
  /** Products an order is paid on: approved at review but unknown to the engine = listed now. */
  paidProductIds: Iterable<string>;
}

export interface WorkingSet {
  state: FulfilmentState;
  /** Each loaded listing's and merchant's JSON, to write back only what the engine changed. */
  loaded: Map<string, string>;
  /** Each loaded order's row as stored, by order id, likewise. */
  orderRows: Map<string, OrderRow>;
}

export async function loadWorkingSet(
  db: Db,
  campaignId: string,
  clock: number | null,
  wanted: Wanted,
): Promise<WorkingSet> {
  // Each record as stored, to write back only what the engine changed.
  const stored: OrderRow[] = [];
  const listingTexts: string[] = [];
  const merchantTexts: string[] = [];
  const orders = await loadOrders(db, campaignId, [...wanted.orderIds], stored);
  const productIds = new Set(wanted.productIds);
  const merchantIds = new Set(wanted.merchantIds);
  for (const o of orders) {
    productIds.add(o.productId);
    merchantIds.add(o.merchantId);
  }
  const listings = await loadListings(db, campaignId, [...productIds], listingTexts);
  const known = new Set(listings.map((l) => l.productId));
  const missing = [...new Set(wanted.paidProductIds)].filter((p) => !known.has(p));
  const adopted = (await approvedListings(db, campaignId, missing)).map(adoptListing);
  for (const l of [...listings, ...adopted]) merchantIds.add(l.merchantId);
  const merchants = await loadMerchants(db, campaignId, [...merchantIds], merchantTexts);

  const loaded = new Map<string, string>();
  const orderRows = new Map<string, OrderRow>();
  orders.forEach((o, i) => {
    orderRows.set(o.orderId, stored[i]!);
  });
  listings.forEach((l, i) => {
    loaded.set(`l:${l.productId}`, listingTexts[i]!);
  });
  merchants.forEach((m, i) => {
    loaded.set(`m:${m.merchantId}`, merchantTexts[i]!);
  });
  // Adopted listings are not in `loaded`: they count as new and are written back.
  const state = loadState({ clock, orders, listings: [...listings, ...adopted], merchants });
  return { state, loaded, orderRows };
}

/**
 * Approval at review lists the product in the engine's sense too (README): the venue row becomes
 * an engine listing the first time an order is paid on it, with the product's guarantee.
 */
function adoptListing(a: Awaited<ReturnType<typeof approvedListings>>[number]): ListingRecord {
  return {
    productId: a.productId,
    merchantId: a.merchantId,
    shippingGuaranteeHours: a.shippingGuaranteeHours,
    listedAt: a.listedAt,
    weight: a.weight,
    violations: 0,
    status: a.delistedAt === null ? "live" : "delisted",
  };
}

/**
 * Writes back every record that differs from what was loaded: of an order, only the columns
 * that changed (its open obligations are two of them).
 */
export async function saveWorkingSet(
  db: Db,
  campaignId: string,
  ws: WorkingSet,
  at: number,
): Promise<void> {
  const { state, loaded, orderRows } = ws;
  const changed = <T>(prefix: string, id: string, record: T) =>
    loaded.get(prefix + id) !== JSON.stringify(record);
  const orders: OrderChange[] = [];
  for (const o of state.orders.values()) {
    const row = orderRow(o);
    const before = orderRows.get(o.orderId);
    if (before !== undefined && sameRow(row, before)) continue;
    orders.push({ row, before });
  }
  const listings = [...state.listings.values()].filter((l) => changed("l:", l.productId, l));
  const merchants = [...state.merchants.values()].filter((m) => changed("m:", m.merchantId, m));
  await saveOrders(db, campaignId, orders, at);
  await saveListings(db, campaignId, listings, at);
  await saveMerchants(db, campaignId, merchants, at);
}

function sameRow(a: OrderRow, b: OrderRow): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
