/**
 * A simulated campaign for demos (`gala demo`, `npm start`): orders arrive on the listed products;
 * buyers ask for refunds (mostly instant), high-risk buyers appear. How a merchant ships is its
 * conduct: most are reliable (now and then a parcel goes out late or is never handed over), one is
 * careless (its violations halve its listings' weight, delist them and make it leave), one files
 * an exception report a day and a half in and leaves. Products delisted and merchants gone take
 * no new orders (`withdraw`), so the venue keeps its reliable merchants for the whole campaign.
 * Seeded, so a demo is repeatable; events come out in time order, as the channel must send them.
 */
const HOUR = 3_600_000;

/** How a merchant ships: `leaves` ships reliably and then files an exception report. */
export type Conduct = "reliable" | "careless" | "leaves";

/** Shares of orders shipped late, and clicked "shipped" but never handed over. */
const SHIPPING: Record<Conduct, { late: number; neverHandedOver: number }> = {
  reliable: { late: 0.01, neverHandedOver: 0.004 },
  leaves: { late: 0.01, neverHandedOver: 0.004 },
  careless: { late: 0.2, neverHandedOver: 0.08 },
};

/** When a `leaves` merchant files its exception report, after the simulation starts. */
const LEAVES_AFTER_MS = 36 * HOUR;

export interface SimProduct {
  productId: string;
  merchantId: string;
  /** The listing's guarantee; `null` = the policy default (48 h). */
  shippingGuaranteeHours: number | null;
  /** Default: reliable (the venue's own products). */
  conduct?: Conduct;
}

type Raw = Record<string, unknown> & { at: number };

/** mulberry32: a tiny seeded PRNG, the same sequence on every machine (the benchmarks use it too). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class CampaignSimulation {
  private readonly rnd: () => number;
  private readonly pending: Raw[] = [];
  private products: SimProduct[];
  private nextOrderAt: number;
  private orders = 0;
  private events = 0;

  constructor(
    products: readonly SimProduct[],
    start: number,
    private readonly options: { seed: number; ordersPerHour: number; runId: string },
  ) {
    this.rnd = prng(options.seed);
    this.products = [...products];
    this.nextOrderAt = start;
    const leaving = new Set(
      products.filter((p) => p.conduct === "leaves").map((p) => p.merchantId),
    );
    for (const merchantId of leaving) {
      this.later(start + LEAVES_AFTER_MS, {
        type: "merchant.exception_report",
        merchantId,
        reason: "仓库停工 warehouse closed",
      });
    }
  }

  /** Delisted products and merchants gone from the venue: buyers no longer order them. */
  withdraw(productIds: ReadonlySet<string>, merchantIds: ReadonlySet<string>): void {
    this.products = this.products.filter(
      (p) => !productIds.has(p.productId) && !merchantIds.has(p.merchantId),
    );
  }

  /** Keeps only the products still in the venue (what the server decided meanwhile). */
  keepListed(live: ReadonlySet<string>): void {
    this.products = this.products.filter((p) => live.has(p.productId));
  }

  /** Every event due at or before `until`, in time order (instants as epoch ms in `at`). */
  until(until: number): Raw[] {
    while (this.nextOrderAt <= until && this.products.length > 0) {
      this.planOrder(this.nextOrderAt);
      this.nextOrderAt += Math.max(
        1_000,
        Math.floor((-Math.log(1 - this.rnd()) * HOUR) / this.options.ordersPerHour),
      );
    }
    this.pending.sort((a, b) => a.at - b.at);
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.at <= until) n++;
    return this.pending
      .splice(0, n)
      .map((e) => ({ id: `${this.options.runId}-${this.events++}`, ...e }));
  }

  private planOrder(paidAt: number): void {
    const rnd = this.rnd;
    const product = this.products[Math.floor(rnd() * this.products.length)]!;
    const orderId = `${this.options.runId}-o${this.orders++}`;
    const amountFen = 990 + Math.floor(rnd() * rnd() * 50_000);
    const guaranteeMs = (product.shippingGuaranteeHours ?? 48) * HOUR;
    this.pending.push({
      type: "order.paid",
      at: paidAt,
      orderId,
      merchantId: product.merchantId,
      productId: product.productId,
      amountFen,
      region: rnd() < 0.1 ? "CN-XJ" : "CN-ZJ",
      buyer: { id: `buyer-${Math.floor(rnd() * 5_000)}`, risk: rnd() < 0.06 ? "high" : "normal" },
    });
    const fate = rnd();
    if (fate < 0.12) {
      // A refund before shipping: refund-only and small is instant, the rest waits for the merchant.
      const kind = rnd() < 0.85 ? "refund_only" : "return_refund";
      this.later(paidAt + rnd() * 6 * HOUR, {
        type: "refund.requested",
        orderId,
        refundId: `${orderId}-r`,
        amountFen,
        kind,
      });
      return;
    }
    const shipping = SHIPPING[product.conduct ?? "reliable"];
    const how = rnd();
    const late = how < shipping.late;
    const shipAt =
      paidAt + (late ? guaranteeMs + (1 + rnd() * 10) * HOUR : rnd() * 0.8 * guaranteeMs);
    this.later(shipAt, {
      type: "order.shipped",
      orderId,
      trackingNo: `YT${orderId}`,
      carrier: "YTO",
    });
    // Clicked "shipped", never handed over: a false shipment.
    if (how >= shipping.late && how < shipping.late + shipping.neverHandedOver) return;
    const pickedUpAt = shipAt + (0.5 + rnd() * 12) * HOUR;
    this.later(pickedUpAt, { type: "order.picked_up", orderId });
    this.later(pickedUpAt + (20 + rnd() * 40) * HOUR, { type: "order.delivered", orderId });
  }

  private later(at: number, event: Record<string, unknown>): void {
    this.pending.push({ ...event, at: Math.floor(at) });
  }
}

/**
 * The simulated merchants' own products, listed when the simulation starts: two reliable
 * merchants, one that leaves on an exception report, one careless.
 */
export function simulatedProducts(runId: string): SimProduct[] {
  const conducts: Conduct[] = ["reliable", "reliable", "leaves", "careless"];
  const out: SimProduct[] = [];
  conducts.forEach((conduct, i) => {
    for (let p = 1; p <= 3; p++) {
      out.push({
        productId: `${runId}-m${i + 1}-p${p}`,
        merchantId: `${runId}-m${i + 1}`,
        shippingGuaranteeHours: p === 1 ? 24 : 48,
        conduct,
      });
    }
  });
  return out;
}
