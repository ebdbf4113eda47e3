/** The demo stream's target inside the server process (`gala serve --demo`): the use case itself. */
import { readSettled } from "../../store/repos/fulfilment/settled.js";
import type { HoldableClock } from "../clock.js";
import type { AppContext } from "../context.js";
import { readVenue } from "../venue/venue.js";
import type { DemoTarget } from "./demo-stream.js";
import { ingestEvents } from "./ingest.js";

export function localTarget(
  ctx: AppContext,
  campaignId: string,
  clock?: HoldableClock,
): DemoTarget {
  const send = async (events: object[]) => {
    const r = await ingestEvents(ctx, events);
    return { ...r, decisions: r.decisions.map((d) => JSON.parse(d) as { type: string }) };
  };
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
    send,
    // History: the server's clock at the batch's last event, as if it had come in then.
    ...(clock === undefined
      ? {}
      : {
          sendHistory: (events: Array<{ at: string }>) =>
            clock.holding(Math.max(...events.map((e) => Date.parse(e.at))), () => send(events)),
        }),
  };
}

/**
 * Where a demo left off: the later of `from` and how far the campaign's time is settled (a
 * previous run moved it, with its orders, past the demo's start).
 */
export async function demoResumeAt(
  ctx: AppContext,
  campaignId: string,
  from: number,
): Promise<number> {
  const settled = await readSettled(ctx.store.db, campaignId);
  return Number.isFinite(settled) ? Math.max(from, Math.floor(settled / 2)) : from;
}
