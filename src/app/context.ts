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
}
