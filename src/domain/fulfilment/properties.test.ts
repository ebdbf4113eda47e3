import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "../../../test/support/runs.js";
import { DEFAULT_POLICY, testCampaign } from "./fixtures.js";
import { ReplaySession } from "./replay-session.js";
import { loadState, snapshotState } from "./snapshot.js";

/**
 * Whole-engine properties over generated campaigns: orders paid, shipped (or not), picked up (or
 * not), refunded, across a few products and merchants, with deadlines hit exactly, missed, and
 * met; sprinkled with clocks, exception reports and refused lines.
 */
const campaign = testCampaign();
const START = Date.parse("2024-02-09T00:00:00+08:00");
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const delay = fc.oneof(
  fc.constantFrom(0, 24 * HOUR, 48 * HOUR, 24 * HOUR + 1, 48 * HOUR + 1, 24 * HOUR - 1),
  fc.integer({ min: 0, max: 80 * HOUR }),
);
const orderPlan = fc.record({
  product: fc.integer({ min: 0, max: 5 }),
  paidAt: fc.integer({ min: 0, max: 10 * 24 * HOUR }),
  amountFen: fc.oneof(
    fc.constantFrom(1, 9_999, 10_010, 30_000, 30_001, 500_000),
    fc.integer({ min: 0, max: 400_000 }),
  ),
  risk: fc.constantFrom("normal", "normal", "high"),
  ship: fc.option(delay),
  pickup: fc.option(delay),
  deliver: fc.option(delay),
  refund: fc.option(
    fc.record({
      after: delay,
      amountFen: fc.integer({ min: 0, max: 40_000 }),
      kind: fc.constantFrom("refund_only", "return_refund"),
    }),
  ),
  repeatShip: fc.constantFrom(false, false, false, false, false, true),
});
const extra = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant("clock"),
      at: fc.integer({ min: 0, max: 14 * 24 * HOUR }),
    }),
    weight: 6,
  },
  fc.record({ kind: fc.constant("clock"), at: fc.integer({ min: 0, max: 14 * 24 * HOUR }) }),
  fc.record({ kind: fc.constant("report"), at: fc.integer({ min: 0, max: 14 * 24 * HOUR }) }),
  fc.record({ kind: fc.constant("ghost"), at: fc.integer({ min: 0, max: 14 * 24 * HOUR }) }),
);

type Timed = { t: number; event: Record<string, unknown> };

type OrderPlan = typeof orderPlan extends fc.Arbitrary<infer T> ? T : never;

function buildLines(plans: OrderPlan[], extras: { kind: string; at: number }[]): string[] {
  const events: Timed[] = [];
  for (let p = 0; p < 6; p++) {
    const merchantId = `m${p % 3}`;
    events.push({
      t: -1,
      event: {
        type: "product.listed",
        merchantId,
        productId: `p${p}`,
        shippingGuaranteeHours: p % 2 === 0 ? 24 : 48,
      },
    });
  }
  plans.forEach((plan, i) => {
    const orderId = `o${i}`;
    const t0 = plan.paidAt;
    events.push({
      t: t0,
      event: {
        type: "order.paid",
        orderId,
        merchantId: `m${plan.product % 3}`,
        productId: `p${plan.product}`,
        amountFen: plan.amountFen,
        region: "CN-ZJ",
        buyer: { id: `b${i}`, risk: plan.risk },
      },
    });
    if (plan.ship !== null) {
      const ship = { type: "order.shipped", orderId, trackingNo: `T${i}`, carrier: "SF" };
      events.push({ t: t0 + plan.ship, event: ship });
      if (plan.repeatShip) events.push({ t: t0 + plan.ship, event: ship });
      if (plan.pickup !== null)
        events.push({
          t: t0 + plan.ship + plan.pickup,
          event: { type: "order.picked_up", orderId },
        });
    }
    if (plan.deliver !== null && plan.ship !== null && plan.pickup !== null) {
      events.push({
        t: t0 + plan.ship + plan.pickup + plan.deliver,
        event: { type: "order.delivered", orderId },
      });
    }
    if (plan.refund !== null) {
      const { after, amountFen, kind } = plan.refund;
      events.push({
        t: t0 + after,
        event: { type: "refund.requested", orderId, refundId: `r${i}`, amountFen, kind },
      });
    }
  });
  for (const x of extras) {
    if (x.kind === "clock") events.push({ t: x.at, event: { type: "clock" } });
    if (x.kind === "report")
      events.push({
        t: x.at,
        event: { type: "merchant.exception_report", merchantId: "m2", reason: "停工" },
      });
    if (x.kind === "ghost")
      events.push({ t: x.at, event: { type: "order.picked_up", orderId: "no-such-order" } });
  }
  events.sort((a, b) => a.t - b.t); // stable: an order's own events keep their causal order on ties
  return events.map(({ t, event }) => JSON.stringify({ ...event, at: iso(START + t) }));
}

function replay(lines: readonly string[], session = new ReplaySession(campaign), from = 0): string {
  let out = "";
  for (let i = from; i < lines.length; i++) out += session.line(lines[i]!, i + 1);
  return out;
}

const scenario = fc
  .tuple(fc.array(orderPlan, { maxLength: 40 }), fc.array(extra, { maxLength: 8 }))
  .map(([plans, extras]) => buildLines(plans, extras));

describe("engine properties", () => {
  it("a replay split at any line and resumed from a stored snapshot gives the same output", () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (lines, cut) => {
        const whole = replay(lines);
        const at = lines.length === 0 ? 0 : cut % (lines.length + 1);
        const first = new ReplaySession(campaign);
        const head = replay(lines.slice(0, at), first);
        const stored = JSON.parse(JSON.stringify(snapshotState(first.state)));
        const tail = replay(lines, new ReplaySession(campaign, loadState(stored)), at);
        expect(head + tail).toBe(whole);
      }),
      { numRuns: runs(200) },
    );
  });

  it("no order gets two claims of one kind; claims are integers within [min, max]", () => {
    const { minFen, maxFen } = DEFAULT_POLICY.compensation;
    fc.assert(
      fc.property(scenario, (lines) => {
        const decisions = replay(lines)
          .split("\n")
          .filter((l) => l !== "")
          .map((l) => JSON.parse(l));
        const seen = new Set<string>();
        for (const d of decisions) {
          if (d.type !== "claim.paid" && d.type !== "claim.held") continue;
          const key = `${d.orderId}/${d.kind}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          if (d.type === "claim.paid") {
            expect(Number.isInteger(d.amountFen)).toBe(true);
            expect(d.amountFen).toBeGreaterThanOrEqual(minFen);
            expect(d.amountFen).toBeLessThanOrEqual(maxFen);
          }
        }
      }),
      { numRuns: runs(200) },
    );
  });

  it("decisions come out in time order, and only on accepted lines' account", () => {
    fc.assert(
      fc.property(scenario, (lines) => {
        const out = replay(lines)
          .split("\n")
          .filter((l) => l !== "")
          .map((l) => JSON.parse(l));
        const times = out.filter((d) => d.at !== undefined).map((d) => Date.parse(d.at));
        for (let i = 1; i < times.length; i++)
          expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
        for (const d of out) if (d.error !== undefined) expect(typeof d.line).toBe("number");
      }),
      { numRuns: runs(100) },
    );
  });
});
