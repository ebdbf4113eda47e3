/**
 * The slice of the engine's state one transaction needs: the orders its events name, the orders
 * with obligations falling due before its last instant (so deadlines fire exactly as a replay of
 * the same events would fire them), and their listings and merchants. After the engine has run,
 * only the records that changed are written back, with the obligations that changed.
 */
import {
  type FulfilmentState,
  type ListingRecord,
  loadState,
  type OrderRecord,
} from "../../domain/fulfilment/index.js";
import {
  changeObligations,
  loadListings,
  loadMerchants,
  loadOrders,
  type Obligation,
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
  /** Each loaded record's JSON, to write back only what the engine changed. */
  loaded: Map<string, string>;
  /** Each loaded order's deadlines as stored (its obligation rows): [ship, pickup]. */
  dues: Map<string, readonly [number | null, number | null]>;
}

export async function loadWorkingSet(
  db: Db,
  campaignId: string,
  clock: number | null,
  wanted: Wanted,
): Promise<WorkingSet> {
  // The stored JSON of each record, to write back only what the engine changed.
  const orderTexts: string[] = [];
  const listingTexts: string[] = [];
  const merchantTexts: string[] = [];
  const orders = await loadOrders(db, campaignId, [...wanted.orderIds], orderTexts);
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
  const dues = new Map<string, readonly [number | null, number | null]>();
  orders.forEach((o, i) => {
    loaded.set(`o:${o.orderId}`, orderTexts[i]!);
    dues.set(o.orderId, [o.shipDueAt, o.pickupDueAt]);
  });
  listings.forEach((l, i) => {
    loaded.set(`l:${l.productId}`, listingTexts[i]!);
  });
  merchants.forEach((m, i) => {
    loaded.set(`m:${m.merchantId}`, merchantTexts[i]!);
  });
  // Adopted listings are not in `loaded`: they count as new and are written back.
  const state = loadState({ clock, orders, listings: [...listings, ...adopted], merchants });
  return { state, loaded, dues };
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
 * Writes back every record that differs from what was loaded, and of the changed orders' open
 * obligations (one row per deadline, mirroring `shipDueAt` / `pickupDueAt`) only those that
 * appeared, moved or closed.
 */
export async function saveWorkingSet(
  db: Db,
  campaignId: string,
  ws: WorkingSet,
  at: number,
): Promise<void> {
  const { state, loaded, dues } = ws;
  const changed = <T>(prefix: string, id: string, record: T) =>
    loaded.get(prefix + id) !== JSON.stringify(record);
  const orders: OrderRecord[] = [];
  const texts: string[] = [];
  const closed: Array<{ orderId: string; kind: string }> = [];
  const open: Obligation[] = [];
  for (const o of state.orders.values()) {
    const text = JSON.stringify(o);
    const before = loaded.get(`o:${o.orderId}`);
    if (before === text) continue;
    orders.push(o);
    texts.push(text);
    const [ship, pickup] = dues.get(o.orderId) ?? [null, null];
    for (const [kind, due, was] of [
      ["ship", o.shipDueAt, ship],
      ["pickup", o.pickupDueAt, pickup],
    ] as const) {
      if (due === was) continue;
      if (due === null) closed.push({ orderId: o.orderId, kind });
      else open.push({ orderId: o.orderId, kind, dueAt: due });
    }
  }
  const listings = [...state.listings.values()].filter((l) => changed("l:", l.productId, l));
  const merchants = [...state.merchants.values()].filter((m) => changed("m:", m.merchantId, m));
  await saveOrders(db, campaignId, orders, at, texts);
  await saveListings(db, campaignId, listings, at);
  await saveMerchants(db, campaignId, merchants, at);
  await changeObligations(db, campaignId, closed, open);
}
