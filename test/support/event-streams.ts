/**
 * Generated campaigns as channel event streams, for the engine's event-time properties (and the
 * server's): listings, orders paid, shipped or not, picked up or not, delivered, refunded, with
 * deadlines hit exactly, missed and met; clocks, exception reports and an event for an order
 * that does not exist. Also the ways a real channel delivers them (late, out of order, retried)
 * and the net state a stream of decisions leaves.
 */
import fc from "fast-check";

export const START = Date.parse("2024-02-09T00:00:00+08:00");
export const HOUR = 3_600_000;
export const iso = (ms: number) => new Date(ms).toISOString();

export interface Timed {
  /** Milliseconds after START. */
  t: number;
  event: Record<string, unknown>;
}

const delay = fc.oneof(
  fc.constantFrom(0, 24 * HOUR, 48 * HOUR, 24 * HOUR + 1, 48 * HOUR + 1, 24 * HOUR - 1),
  fc.integer({ min: 0, max: 80 * HOUR }),
);

export const orderPlan = fc.record({
  product: fc.integer({ min: 0, max: 5 }),
  paidAt: fc.integer({ min: -2 * HOUR, max: 10 * 24 * HOUR }),
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

const at14days = fc.integer({ min: 0, max: 14 * 24 * HOUR });
const extra = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("clock"), at: at14days }), weight: 6 },
  fc.record({ kind: fc.constant("report"), at: at14days }),
  fc.record({ kind: fc.constant("ghost"), at: at14days }),
);

export type OrderPlan = typeof orderPlan extends fc.Arbitrary<infer T> ? T : never;

/** A campaign's events in time order (an order's own events keep their causal order on ties). */
export function buildStream(plans: OrderPlan[], extras: { kind: string; at: number }[]): Timed[] {
  const events: Timed[] = [];
  for (let p = 0; p < 6; p++) {
    events.push({
      t: -3 * HOUR,
      event: {
        type: "product.listed",
        merchantId: `m${p % 3}`,
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
      if (plan.pickup !== null) {
        events.push({
          t: t0 + plan.ship + plan.pickup,
          event: { type: "order.picked_up", orderId },
        });
      }
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
    if (x.kind === "report") {
      events.push({
        t: x.at,
        event: { type: "merchant.exception_report", merchantId: "m2", reason: "停工" },
      });
    }
    if (x.kind === "ghost") {
      events.push({ t: x.at, event: { type: "order.picked_up", orderId: "no-such-order" } });
    }
  }
  return events.sort((a, b) => a.t - b.t);
}

export const campaignStream = fc
  .tuple(fc.array(orderPlan, { maxLength: 40 }), fc.array(extra, { maxLength: 8 }))
  .map(([plans, extras]) => buildStream(plans, extras));

export function lineOf({ t, event }: Timed): string {
  return JSON.stringify({ ...event, at: iso(START + t) });
}

/**
 * The stream as a channel with many producers delivers it, each event at most `lateness` behind
 * the latest one seen: every event is sent at its time plus a delay of up to `lateness`, and
 * nothing about an order before its payment (the contract refuses those; see `withRetries`).
 */
export function withinLateness(
  stream: readonly Timed[],
  delays: readonly number[],
  lateness: number,
) {
  const paidSent = new Map<string, number>();
  const sent = stream.map((e, i) => {
    let arrival = e.t + Math.floor((delays[i % delays.length] ?? 0) * lateness);
    const orderId = e.event.orderId as string | undefined;
    if (e.event.type === "order.paid") paidSent.set(orderId!, arrival);
    else if (orderId !== undefined && paidSent.has(orderId)) {
      arrival = Math.max(arrival, paidSent.get(orderId)!);
    }
    return { e, arrival, i };
  });
  sent.sort((a, b) => a.arrival - b.arrival || a.i - b.i);
  return sent.map((s) => s.e);
}

/**
 * A channel that retries what was refused as `unknown_order` (an event for an order not paid
 * yet), after everything else, until a round makes no progress.
 */
export function withRetries(
  lines: readonly string[],
  send: (line: string) => { refusedUnknownOrder: boolean },
): void {
  let pending = [...lines];
  for (;;) {
    const refused: string[] = [];
    for (const line of pending) if (send(line).refusedUnknownOrder) refused.push(line);
    if (refused.length === 0 || refused.length === pending.length) return;
    pending = refused;
  }
}

/**
 * The net state a stream of decisions leaves (docs/interfaces.md, "Time, lateness and corrections"):
 * violations in force (recorded minus revoked), claims in force (paid minus reversed, held minus
 * withdrawn), each listing's last weight and listed/delisted state, each merchant's exited state.
 */
export interface NetState {
  violations: string[];
  claims: string[];
  weights: string[];
  delisted: string[];
  exited: string[];
}

/** The net state a feed of decisions leaves, in the order given (docs/interfaces.md, "Time, lateness and corrections"). */
export function netState(decisions: ReadonlyArray<Record<string, unknown>>): NetState {
  const violations = new Set<string>();
  const claims = new Map<string, string>();
  const weights = new Map<string, number>();
  const delisted = new Map<string, boolean>();
  const exited = new Map<string, boolean>();
  for (const d of decisions) {
    const key = `${d.orderId}/${d.kind}`;
    switch (d.type) {
      case "violation.recorded":
        violations.add(key);
        break;
      case "violation.revoked":
        violations.delete(key);
        break;
      case "claim.paid":
        claims.set(key, `paid ${d.amountFen}`);
        break;
      case "claim.held":
        claims.set(key, "held");
        break;
      case "claim.reversed":
      case "claim.withdrawn":
        claims.delete(key);
        break;
      case "listing.weight_changed":
        weights.set(d.productId as string, d.weight as number);
        break;
      case "listing.delisted":
        delisted.set(d.productId as string, true);
        break;
      case "listing.relisted":
        delisted.set(d.productId as string, false);
        break;
      case "merchant.exited":
        exited.set(d.merchantId as string, true);
        break;
      case "merchant.reinstated":
        exited.set(d.merchantId as string, false);
        break;
    }
  }
  const entries = (m: Map<string, unknown>) =>
    [...m]
      .filter(([, v]) => v !== false && v !== 1)
      .map(([k, v]) => `${k}=${v}`)
      .sort();
  return {
    violations: [...violations].sort(),
    claims: entries(claims),
    weights: entries(weights),
    delisted: entries(delisted),
    exited: entries(exited),
  };
}
