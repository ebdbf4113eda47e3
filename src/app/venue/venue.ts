/**
 * The campaign venue (`benefit.venue`): approved products of a running campaign, heavier traffic
 * weight first, then earlier registration. Delisted products and exited merchants' products
 * never appear (the listing and standing rows are the fulfilment engine's to change).
 */
import { inWindow } from "../../domain/time/window.js";
import { type VenueCursor, venuePage } from "../../store/repos/listings.js";
import type { AppContext } from "../context.js";
import { badCursor, decodeCursor, encodeCursor } from "../cursor.js";
import { fail, ok, type Result } from "../result.js";

export interface VenueItem {
  productId: string;
  merchantId: string;
  registrationId: string;
  weight: number;
  registeredAt: number;
  listedAt: number;
  facts: Record<string, unknown>;
}

export interface VenuePage {
  campaignId: string;
  now: number;
  running: boolean;
  activity: { start: number; end: number };
  items: VenueItem[];
  nextCursor: string | null;
}

const isVenueCursor = (v: unknown): v is VenueCursor =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as VenueCursor).weight === "number" &&
  typeof (v as VenueCursor).registeredAt === "number" &&
  typeof (v as VenueCursor).productId === "string";

export async function readVenue(
  ctx: AppContext,
  campaignId: string,
  cursor: string | undefined,
  limit: number,
): Promise<Result<VenuePage>> {
  const loaded = await ctx.campaigns.current(campaignId);
  if (!loaded) return fail("not_found", "campaign_not_found", `no campaign ${campaignId}`);
  const after = cursor === undefined ? undefined : decodeCursor(cursor, isVenueCursor);
  if (cursor !== undefined && !after) return badCursor();
  const now = ctx.clock.now();
  const activity = loaded.campaign.windows.activity;
  const running = inWindow(activity, now);
  const rows = running ? await venuePage(ctx.store.db, campaignId, after, limit + 1) : [];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return ok({
    campaignId,
    now,
    running,
    activity: { start: activity.start, end: activity.end },
    items: page.map((r) => ({
      productId: r.productId,
      merchantId: r.merchantId,
      registrationId: r.registrationId,
      weight: r.weight,
      registeredAt: r.registeredAt,
      listedAt: r.listedAt,
      facts: JSON.parse(r.facts),
    })),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({
            weight: last.weight,
            registeredAt: last.registeredAt,
            productId: last.productId,
          })
        : null,
  });
}
