/** The demo stream's target inside the server process (`gala serve --demo`): the use case itself. */
import { readClock } from "../../store/repos/fulfilment/state.js";
import type { AppContext } from "../context.js";
import { readVenue } from "../venue/venue.js";
import type { DemoTarget } from "./demo-stream.js";
import { ingestEvents } from "./ingest.js";

export function localTarget(ctx: AppContext, campaignId: string): DemoTarget {
  return {
    now: async () => ctx.clock.now(),
    async venue() {
      const r = await readVenue(ctx, campaignId, undefined, 1000);
      if (!r.ok) return [];
      return r.value.items.map((i) => ({
        productId: i.productId,
        merchantId: i.merchantId,
        shippingGuaranteeHours:
          typeof i.facts.shippingGuaranteeHours === "number"
            ? i.facts.shippingGuaranteeHours
            : null,
      }));
    },
    async send(events) {
      const r = await ingestEvents(ctx, events);
      return { ...r, decisions: r.decisions.map((d) => JSON.parse(d) as { type: string }) };
    },
  };
}

/**
 * Where a demo left off: the later of `from` and the campaign's stored engine clock (a previous
 * run moved it, with its orders, past the demo's start).
 */
export async function demoResumeAt(
  ctx: AppContext,
  campaignId: string,
  from: number,
): Promise<number> {
  const stored = await readClock(ctx.store.db, campaignId);
  return stored === null ? from : Math.max(from, stored);
}
