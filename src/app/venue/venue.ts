/**
 * The campaign venue (`benefit.venue`): approved products of a running campaign, heavier traffic
 * weight first, then earlier registration. Delisted products and exited merchants' products
 * never appear (the listing and standing rows are the fulfilment engine's to change).
 *
 * Served from the campaign's in-memory ranking (`rankings.ts`), checked against the database's
 * venue version on every read.
 */

import { inWindow } from "../../domain/time/window.js";
import type { RankedFacts } from "../../domain/venue/facts.js";
import type { VenueKey } from "../../domain/venue/ranking.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { badCursor, decodeCursor, encodeCursor } from "../cursor.js";
import { fail, ok, type Result } from "../result.js";
import { type RankedPage, venueRankings } from "./rankings.js";

export interface VenueItem {
  productId: string;
  merchantId: string;
  registrationId: string;
  weight: number;
  registeredAt: number;
  listedAt: number;
  /** The product facts the venue shows (title, category, price, shipping guarantee). */
  facts: RankedFacts;
}

export interface VenuePage {
  campaignId: string;
  now: number;
  running: boolean;
  activity: { start: number; end: number };
  items: VenueItem[];
  nextCursor: string | null;
}

/** One read of the venue before presentation: the page is shared, never to be changed. */
export interface VenueRead {
  campaignId: string;
  loaded: LoadedCampaign;
  now: number;
  running: boolean;
  /** `undefined` outside the activity window (the venue is then empty). */
  page: RankedPage | undefined;
}

const isVenueCursor = (v: unknown): v is VenueKey =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as VenueKey).weight === "number" &&
  typeof (v as VenueKey).registeredAt === "number" &&
  typeof (v as VenueKey).productId === "string";

/** The cursor of the page after `key`: the same text as the SQL venue's cursors. */
export function venueCursor(key: VenueKey): string {
  return encodeCursor({
    weight: key.weight,
    registeredAt: key.registeredAt,
    productId: key.productId,
  });
}

export async function readVenuePage(
  ctx: AppContext,
  campaignId: string,
  cursor: string | undefined,
  limit: number,
): Promise<Result<VenueRead>> {
  const rankings = venueRankings(ctx.store);
  const state = await rankings.state(campaignId);
  // From memory without a promise when there (nearly always): this runs once per answer.
  const loaded =
    state &&
    (ctx.campaigns.cached(state.campaignHash) ?? (await ctx.campaigns.version(state.campaignHash)));
  if (!state || !loaded)
    return fail("not_found", "campaign_not_found", `no campaign ${campaignId}`);
  const after = cursor === undefined ? undefined : decodeCursor(cursor, isVenueCursor);
  if (cursor !== undefined && !after) return badCursor();
  const now = ctx.clock.now();
  const running = inWindow(loaded.campaign.windows.activity, now);
  const page = running
    ? (
        rankings.held(campaignId, state.venueVersion) ??
        (await rankings.atLeast(campaignId, state.venueVersion))
      ).page(after, limit)
    : undefined;
  return ok({ campaignId, loaded, now, running, page });
}

export async function readVenue(
  ctx: AppContext,
  campaignId: string,
  cursor: string | undefined,
  limit: number,
): Promise<Result<VenuePage>> {
  const r = await readVenuePage(ctx, campaignId, cursor, limit);
  if (!r.ok) return r;
  const { loaded, now, running, page } = r.value;
  const activity = loaded.campaign.windows.activity;
  return ok({
    campaignId,
    now,
    running,
    activity: { start: activity.start, end: activity.end },
    items: (page?.items ?? []).map((i) => ({ ...i })),
    nextCursor: page?.next ? venueCursor(page.next) : null,
  });
}
