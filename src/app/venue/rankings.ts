/**
 * Each campaign's venue ranking, held in memory per store and kept current through the
 * campaign's venue version (`src/store/repos/venue-version.ts`):
 *
 * - a read first learns the campaign's current version and venue version in one key read,
 *   shared by the requests of one event-loop turn (`FreshReads`), so it sees every change
 *   committed before it arrived, by this process or another;
 * - a ranking at that version (or newer) is served as is; an older one is patched with the
 *   listings stamped since its version (an index range), a missing one loaded whole;
 * - pages are cut by binary search and kept per ranking (a bounded number), so a hot page is
 *   built once per venue change.
 *
 * Only one update per campaign runs at a time; readers wanting a newer version wait for it and
 * look again. A failed update leaves the previous ranking in place and fails only its readers.
 */
import { type RankedFacts, shownFacts } from "../../domain/venue/facts.js";
import { Ranking, type VenueKey } from "../../domain/venue/ranking.js";
import type { Store } from "../../store/index.js";
import {
  liveVenueListings,
  type VenueListing,
  venueChangesSince,
} from "../../store/repos/listings.js";
import { type VenueState, venueState } from "../../store/repos/venue-version.js";
import { FreshReads } from "../fresh-read.js";

/** A live listing as the venue shows it. */
export interface RankedListing extends VenueKey {
  merchantId: string;
  registrationId: string;
  listedAt: number;
  /** The product facts the venue shows (`null` where the product has none of that type). */
  facts: RankedFacts;
}

/** One page of one ranking: the same object for every reader of that page at that version. */
export interface RankedPage {
  items: readonly RankedListing[];
  /** The key after which the next page starts; `undefined` on the last page. */
  next: VenueKey | undefined;
}

/** A campaign's ranking at one venue version. */
export class VenueSnapshot {
  private readonly pages = new Map<string, RankedPage>();

  constructor(
    readonly version: number,
    readonly ranking: Ranking<RankedListing>,
  ) {}

  /** The page after `after` (the first page without it), built once per snapshot. */
  page(after: VenueKey | undefined, limit: number): RankedPage {
    const start = this.ranking.startAfter(after);
    const key = `${start}:${limit}`;
    let page = this.pages.get(key);
    if (!page) {
      const { items, more } = this.ranking.slice(start, limit);
      const last = items.at(-1);
      page = {
        items,
        next:
          more && last
            ? { weight: last.weight, registeredAt: last.registeredAt, productId: last.productId }
            : undefined,
      };
      // Bounded: cursors are the client's to choose; the first pages are the hot ones.
      if (this.pages.size >= MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(key, page);
    }
    return page;
  }
}

const MAX_PAGES = 1_024;

function ranked(l: VenueListing): RankedListing {
  return {
    productId: l.productId,
    merchantId: l.merchantId,
    registrationId: l.registrationId,
    weight: l.weight,
    registeredAt: l.registeredAt,
    listedAt: l.listedAt,
    facts: shownFacts(l.facts),
  };
}

export class VenueRankings {
  private readonly states: FreshReads<string, VenueState | undefined>;
  private readonly snapshots = new Map<string, VenueSnapshot>();
  private readonly updating = new Map<string, Promise<unknown>>();

  constructor(private readonly store: Pick<Store, "db">) {
    this.states = new FreshReads((campaignId) => venueState(store.db, campaignId));
  }

  /** The campaign's current version and venue version, read after this call; undefined: none. */
  state(campaignId: string): Promise<VenueState | undefined> {
    return this.states.get(campaignId);
  }

  /** The campaign's ranking at `version` or a newer one, if already held: no promise. */
  held(campaignId: string, version: number): VenueSnapshot | undefined {
    const held = this.snapshots.get(campaignId);
    return held && held.version >= version ? held : undefined;
  }

  /** The campaign's ranking at `version` or a newer one. */
  async atLeast(campaignId: string, version: number): Promise<VenueSnapshot> {
    for (;;) {
      const held = this.snapshots.get(campaignId);
      if (held && held.version >= version) return held;
      const running = this.updating.get(campaignId);
      if (running) {
        // Its outcome is looked at again above; its failure is its own readers' to report.
        await running.catch(() => {});
        continue;
      }
      const update = this.update(campaignId, held, version).finally(() => {
        this.updating.delete(campaignId);
      });
      this.updating.set(campaignId, update);
      return update;
    }
  }

  /**
   * `version` was read before any listing: the rows read now are at least that new, so the
   * snapshot may claim it (a later change read early is read again next time: patching is
   * idempotent).
   */
  private async update(
    campaignId: string,
    held: VenueSnapshot | undefined,
    version: number,
  ): Promise<VenueSnapshot> {
    let ranking: Ranking<RankedListing>;
    if (held) {
      const { changed, live } = await venueChangesSince(this.store.db, campaignId, held.version);
      ranking = held.ranking.patched(changed, live.map(ranked));
    } else {
      ranking = Ranking.of((await liveVenueListings(this.store.db, campaignId)).map(ranked));
    }
    const snapshot = new VenueSnapshot(version, ranking);
    this.snapshots.set(campaignId, snapshot);
    return snapshot;
  }
}

const byStore = new WeakMap<Pick<Store, "db">, VenueRankings>();

/** The rankings of this store's campaigns (one set per open store, made on first use). */
export function venueRankings(store: Pick<Store, "db">): VenueRankings {
  let rankings = byStore.get(store);
  if (!rankings) {
    rankings = new VenueRankings(store);
    byStore.set(store, rankings);
  }
  return rankings;
}
