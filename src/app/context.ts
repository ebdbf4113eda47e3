/** What every use case gets: the store, the clock and the campaign catalog. */
import type { Store } from "../store/index.js";
import type { CampaignCatalog } from "./campaigns/catalog.js";
import type { Clock } from "./clock.js";

export interface AppContext {
  store: Store;
  clock: Clock;
  campaigns: CampaignCatalog;
  /**
   * How late a channel event may arrive and change nothing, in ms (`gala serve --lateness`);
   * absent: each campaign's `policy.lateness`. The watermark is the clock minus this.
   */
  lateness?: number;
  /**
   * How the event endpoint gathers small batches into one transaction (ingest-queue.ts);
   * absent: its defaults. Tests widen it to be independent of the machine's speed.
   */
  ingestGather?: IngestGather;
}

export interface IngestGather {
  /** A transaction with fewer events waits up to `ms` after its first request for more. */
  events: number;
  ms: number;
}
