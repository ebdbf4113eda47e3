/** A use-case context on a fresh store with the reference campaign loaded and a still clock. */
import { readFile } from "node:fs/promises";
import { CampaignCatalog, type LoadedCampaign } from "../../src/app/campaigns/catalog.js";
import { FixedClock } from "../../src/app/clock.js";
import type { AppContext } from "../../src/app/context.js";
import { parseInstant } from "../../src/domain/time/parse.js";
import type { Store } from "../../src/store/open.js";
import { freshStore, type StoreKind } from "./stores.js";

export const REFERENCE_CAMPAIGN = "campaigns/spring-festival-2024.yaml";

/** Inside both the registration and the activity window of the reference campaign. */
export const IN_CAMPAIGN = parseInstant("2024-02-10T10:00:00+08:00")!;

export interface TestApp {
  ctx: AppContext;
  clock: FixedClock;
  campaign: LoadedCampaign;
}

/** `store`: an already open store to use instead of a fresh one (its owner closes it). */
export async function freshApp(
  kind: StoreKind,
  now = IN_CAMPAIGN,
  given?: Store,
): Promise<TestApp> {
  const store = given ?? (await freshStore(kind));
  const clock = new FixedClock(now);
  const campaigns = new CampaignCatalog(store);
  const text = await readFile(REFERENCE_CAMPAIGN, "utf8");
  const outcome = await campaigns.load(text, REFERENCE_CAMPAIGN, "test", now, "if_new");
  if (!outcome.ok)
    throw new Error(`reference campaign does not load: ${outcome.problems[0]?.message}`);
  return { ctx: { store, clock, campaigns }, clock, campaign: outcome.loaded };
}
