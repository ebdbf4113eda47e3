/**
 * A campaign's history for the what-if tests (the server's and the browser's): m1-p0 and m2-p0
 * approved at review (no channel event lists them), p9 listed by the channel; 30 orders of 200
 * yuan, shipped in time, late, never, or shipped and never scanned; a high-risk buyer; refunds
 * before shipping. `seedHistory` posts it in batches as a channel would, the server's clock at
 * each batch's last event, then moves the clock to `HISTORY_END` and fires what came due.
 */
import { DeadlineSweeper } from "../../src/app/fulfilment/sweeper.js";
import { formatWithOffset } from "../../src/domain/time/format.js";
import { parseInstant } from "../../src/domain/time/parse.js";
import { addListings } from "../../src/store/repos/listings.js";
import { CAMPAIGN, seedFacts, type TestApi } from "./api.js";

export const HOUR = 3_600_000;
export const HISTORY_START = parseInstant("2024-02-09T08:00:00+08:00")!;
export const iso = (t: number) => formatWithOffset(t, 480);

/** The events, in time order, each with its instant. */
export function history(): Array<{ at: number; event: Record<string, unknown> }> {
  const out: Array<{ at: number; event: Record<string, unknown> }> = [];
  const add = (at: number, event: Record<string, unknown>) =>
    out.push({ at, event: { id: `e${out.length}`, ...event, at: iso(at) } });
  add(HISTORY_START, {
    type: "product.listed",
    merchantId: "m1",
    productId: "p9",
    shippingGuaranteeHours: 24,
  });
  const products = [
    ["m1", "m1-p0"],
    ["m2", "m2-p0"],
    ["m1", "p9"],
  ];
  for (let i = 0; i < 30; i++) {
    const [merchantId, productId] = products[i % 3]!;
    const paidAt = HISTORY_START + HOUR + i * 2 * HOUR;
    const orderId = `o${i}`;
    add(paidAt, {
      type: "order.paid",
      orderId,
      merchantId,
      productId,
      amountFen: 20_000,
      region: "CN-ZJ",
      buyer: { id: `b${i}`, risk: i === 7 ? "high" : "normal" },
    });
    const fate = i % 5;
    if (fate === 0 || fate === 3) {
      add(paidAt + 3 * HOUR, {
        type: "order.shipped",
        orderId,
        trackingNo: `T${i}`,
        carrier: "SF",
      });
    }
    if (fate === 0) add(paidAt + 5 * HOUR, { type: "order.picked_up", orderId });
    if (fate === 1) {
      add(paidAt + 60 * HOUR, {
        type: "order.shipped",
        orderId,
        trackingNo: `T${i}`,
        carrier: "SF",
      });
    }
    if (fate === 4) {
      const refundId = `r${i}`;
      add(paidAt + HOUR, {
        type: "refund.requested",
        orderId,
        refundId,
        amountFen: 20_000,
        kind: "refund_only",
      });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

export const HISTORY_END = HISTORY_START + 6 * 24 * HOUR;

export async function seedHistory(api: TestApi): Promise<void> {
  await seedFacts(api, 1);
  await addListings(
    api.ctx.store.db,
    ["m1", "m2"].map((m) => ({
      campaignId: CAMPAIGN,
      productId: `${m}-p0`,
      merchantId: m,
      registrationId: `r-${m}`,
      registeredAt: HISTORY_START - HOUR,
      listedAt: HISTORY_START - HOUR,
    })),
  );
  // In batches as a channel sends them, the server's clock at each batch's last event.
  const events = history();
  for (let i = 0; i < events.length; i += 7) {
    const batch = events.slice(i, i + 7);
    api.clock.set(batch[batch.length - 1]!.at);
    const res = await api.call(
      "channel",
      "POST",
      "/api/v1/events",
      batch.map((e) => e.event),
    );
    if (res.json().errors.length > 0) throw new Error(res.body);
  }
  api.clock.set(HISTORY_END);
  await new DeadlineSweeper(api.ctx).sweepOnce();
}
