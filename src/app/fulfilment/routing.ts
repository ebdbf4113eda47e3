/**
 * Which campaign an event belongs to (README, "Fulfilment in the server"):
 * - by time: the campaign whose activity window most recently started at or before the event's
 *   time; an event earlier than every activity goes to the earliest campaign. With one campaign
 *   (the usual case) every event goes to it, including pickups and deliveries after its window;
 * - by order, when several campaigns are loaded: an event about an order already paid — shipped,
 *   picked up, refunded, … — goes to the campaign where it was paid, even if a later campaign has
 *   started since. Orders are tracked where they were placed (docs/campaign-reading.md, "Fulfilment and enforcement");
 * - by product, for a payment when several campaigns are loaded: an order is placed in a campaign
 *   whose venue lists its product (approved at review or listed by the channel), so it keeps
 *   that listing's guarantee, weight and policy; among several, by time as above. A product no
 *   campaign lists, or listed only by campaigns not started yet, goes by time.
 */
import type { ChannelEvent } from "../../domain/fulfilment/index.js";
import { campaignsOfOrders } from "../../store/repos/fulfilment/reads.js";
import { campaignsListingProducts } from "../../store/repos/fulfilment/venue.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";

export function campaignFor(
  campaigns: readonly LoadedCampaign[],
  at: number,
): LoadedCampaign | undefined {
  let best: LoadedCampaign | undefined;
  let earliest: LoadedCampaign | undefined;
  for (const loaded of campaigns) {
    const start = loaded.campaign.windows.activity.start;
    if (earliest === undefined || start < earliest.campaign.windows.activity.start) {
      earliest = loaded;
    }
    if (start <= at && (best === undefined || start > best.campaign.windows.activity.start)) {
      best = loaded;
    }
  }
  return best ?? earliest;
}

/** Events of one batch grouped by campaign, each group in arrival order. */
export type Groups<T extends { index: number; event: ChannelEvent }> = Map<LoadedCampaign, T[]>;

/**
 * Moves each event about an existing order to the campaign holding that order, and each payment to
 * a campaign listing its product, batch by batch in the order given (an order paid or a product
 * listed in an earlier batch, or earlier in the same one, counts). Groups are rebuilt in arrival
 * order. One query for the orders and one for the products not settled by these batches; nothing
 * at all with a single campaign.
 */
export async function routeByOrder<T extends { index: number; event: ChannelEvent }>(
  db: Db,
  campaigns: readonly LoadedCampaign[],
  batches: ReadonlyArray<{ groups: Groups<T> }>,
): Promise<void> {
  if (campaigns.length < 2) return;
  const asked = new Set<string>();
  const paidProducts = new Set<string>();
  for (const { groups } of batches) {
    for (const items of groups.values()) {
      for (const { event } of items) {
        if (event.type === "order.paid") paidProducts.add(event.productId);
        else if ("orderId" in event) asked.add(event.orderId);
      }
    }
  }
  if (asked.size === 0 && paidProducts.size === 0) return;
  const ids = campaigns.map((l) => l.campaign.id);
  const byId = new Map(campaigns.map((l) => [l.campaign.id, l]));
  const stored = asked.size > 0 ? await campaignsOfOrders(db, ids, [...asked]) : new Map();
  const listedIn =
    paidProducts.size > 0 ? await campaignsListingProducts(db, ids, [...paidProducts]) : new Map();
  const paidHere = new Map<string, LoadedCampaign>();
  const listedHere = new Map<string, Set<string>>();
  for (const batch of batches) {
    const arrived = [...batch.groups]
      .flatMap(([loaded, items]) => items.map((item) => ({ loaded, item })))
      .sort((a, b) => a.item.index - b.item.index);
    const regrouped: Groups<T> = new Map();
    for (const { loaded, item } of arrived) {
      const { event } = item;
      let target = loaded;
      if (event.type === "product.listed") {
        const set = listedHere.get(event.productId) ?? new Set<string>();
        listedHere.set(event.productId, set);
        set.add(loaded.campaign.id);
      } else if (event.type === "order.paid") {
        const listing = new Set([
          ...(listedIn.get(event.productId) ?? []),
          ...(listedHere.get(event.productId) ?? []),
        ]);
        // A listing counts once its campaign's activity has started: an order paid before a
        // campaign opens is not placed in it.
        const candidates = campaigns.filter(
          (l) => listing.has(l.campaign.id) && l.campaign.windows.activity.start <= event.at,
        );
        target = campaignFor(candidates, event.at) ?? loaded;
        paidHere.set(event.orderId, target);
      } else if ("orderId" in event) {
        const holder = paidHere.get(event.orderId) ?? byId.get(stored.get(event.orderId) ?? "");
        if (holder !== undefined) target = holder;
      }
      const group = regrouped.get(target) ?? [];
      regrouped.set(target, group);
      group.push(item);
    }
    batch.groups.clear();
    for (const [loaded, items] of regrouped) batch.groups.set(loaded, items);
  }
}
