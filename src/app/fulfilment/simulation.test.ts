/** The demo's simulated campaign: who orders what, who ships how, and who leaves. */
import { describe, expect, it } from "vitest";
import { DemoStream } from "./demo-stream.js";
import { CampaignSimulation, simulatedProducts } from "./simulation.js";

const HOUR = 3_600_000;
const START = Date.parse("2024-02-09T00:00:00+08:00");

function run(hours: number, seed = 7) {
  const sim = new CampaignSimulation(simulatedProducts("t"), START, {
    seed,
    ordersPerHour: 40,
    runId: "t",
  });
  return { sim, events: sim.until(START + hours * HOUR) };
}

type Ev = Record<string, unknown> & { at: number; type: string };

describe("CampaignSimulation", () => {
  it("is repeatable for a seed and emits events in time order", () => {
    const a = run(48).events;
    expect(run(48).events).toEqual(a);
    expect(a.map((e) => e.at)).toEqual([...a.map((e) => e.at)].sort((x, y) => x - y));
  });

  it("has the careless merchant miss its deadlines far more often than the reliable ones", () => {
    const events = run(24 * 8).events as Ev[];
    const merchantOf = new Map<unknown, unknown>();
    for (const e of events) if (e.type === "order.paid") merchantOf.set(e.orderId, e.merchantId);
    const paid = new Map<unknown, number>();
    const shipped = new Map<unknown, number>();
    for (const e of events) {
      if (e.type === "order.paid") paid.set(e.orderId, e.at);
      if (e.type === "order.shipped") shipped.set(e.orderId, e.at - paid.get(e.orderId)!);
    }
    const lateShare = (merchantId: string) => {
      const mine = [...shipped].filter(([o]) => merchantOf.get(o) === merchantId);
      return mine.filter(([, ms]) => ms > 48 * HOUR).length / mine.length;
    };
    expect(lateShare("t-m4")).toBeGreaterThan(0.1);
    expect(lateShare("t-m1")).toBeLessThan(0.03);
  });

  it("has the leaving merchant file one exception report, 36 hours in", () => {
    const reports = (run(24 * 8).events as Ev[]).filter(
      (e) => e.type === "merchant.exception_report",
    );
    expect(reports.map((e) => [e.merchantId, e.at])).toEqual([["t-m3", START + 36 * HOUR]]);
  });

  it("takes no new orders for withdrawn products and merchants", () => {
    const { sim } = run(2);
    sim.withdraw(new Set(["t-m1-p1"]), new Set(["t-m2"]));
    const later = (sim.until(START + 48 * HOUR) as Ev[]).filter(
      (e) => e.type === "order.paid" && e.at > START + 2 * HOUR,
    );
    expect(later.length).toBeGreaterThan(100);
    expect(later.some((e) => e.productId === "t-m1-p1" || e.merchantId === "t-m2")).toBe(false);
  });
});

describe("DemoStream", () => {
  it("stops ordering a product once the server delists it, an hour at a time", async () => {
    const sent: Array<{ type: string; at: string; productId?: string }> = [];
    let delistedId: string | undefined;
    const target = {
      now: async () => START + 12 * HOUR,
      venue: async () => [],
      async send(events: object[]) {
        const batch = events as typeof sent;
        sent.push(...batch);
        const first = batch.find((e) => e.type === "order.paid");
        const decisions = [];
        if (delistedId === undefined && first?.productId) {
          delistedId = first.productId;
          decisions.push({ type: "listing.delisted", productId: delistedId });
        }
        return { accepted: batch.length, errors: [], decisions };
      },
    };
    const stream = new DemoStream(target, {
      ordersPerHour: 60,
      intervalMs: 1000,
      seed: 3,
      log: () => {},
    });
    await stream.backfill(START);
    const orders = sent.filter((e) => e.type === "order.paid");
    expect(orders.length).toBeGreaterThan(300);
    const ofDelisted = orders.filter((e) => e.productId === delistedId);
    expect(ofDelisted.length).toBeGreaterThan(0);
    // Orders in the first simulated hour were planned before the answer came back; none after.
    const cut = START + 2 * HOUR;
    expect(ofDelisted.every((e) => Date.parse(e.at) <= cut)).toBe(true);
  });
});
