/**
 * A seeded, time-ordered stream of channel events for the replay benchmark: listings first,
 * then orders arriving through the activity window, each followed (hours later) by its click,
 * carrier scan, delivery or refund request. A few per cent ship late or are never scanned, some
 * buyers are high-risk, a handful of merchants file exception reports, and hourly clocks tick.
 * Follow-up events wait in a small heap, so memory follows the orders in flight. With
 * `lateShare`, that share of the follow-ups (clicks, scans, deliveries, refund requests) reach the
 * stream late, as a channel with many producers and late carriers sends them: most within an
 * hour of their own time (beyond the reference campaign's 10 minutes of lateness), a fifth up
 * to a day and a half, after deadlines they meet have fired (docs/interfaces.md, "Time, lateness and corrections").
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { prng } from "../../src/app/fulfilment/simulation.js";
import { formatWithOffset } from "../../src/domain/time/index.js";

const HOUR = 3_600_000;
const START = Date.parse("2024-02-09T00:00:00+08:00");
const END = Date.parse("2024-02-16T23:59:59+08:00");

type Pending = { t: number; seq: number; text: (at: string) => string; late?: boolean };

class Queue {
  private heap: Pending[] = [];
  get size(): number {
    return this.heap.length;
  }
  peek(): Pending | undefined {
    return this.heap[0];
  }
  push(p: Pending): void {
    const h = this.heap;
    h.push(p);
    for (let i = h.length - 1; i > 0; ) {
      const j = (i - 1) >> 1;
      if (!less(h[i]!, h[j]!)) break;
      [h[i], h[j]] = [h[j]!, h[i]!];
      i = j;
    }
  }
  pop(): Pending | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    h[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && less(h[l]!, h[m]!)) m = l;
      if (r < h.length && less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
    return top;
  }
}
const less = (a: Pending, b: Pending) => a.t < b.t || (a.t === b.t && a.seq < b.seq);

export async function generateEvents(
  path: string,
  total: number,
  seed: number,
  options: { lateShare?: number } = {},
): Promise<void> {
  const rnd = prng(seed);
  // Its own generator: the stream's content is the same with or without late arrivals.
  const lateRnd = prng(seed ^ 0x5eed);
  const lateShare = options.lateShare ?? 0;
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let written = 0;
  let buffer = "";
  const emit = async (line: string) => {
    buffer += `${line}\n`;
    written++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  };
  const at = (t: number) => formatWithOffset(t, 480);
  const merchants = Math.max(10, Math.round(total / 500));
  const products = merchants * 10;
  for (let p = 0; p < products; p++) {
    const hours = rnd() < 0.3 ? 24 : 48;
    await emit(
      `{"type":"product.listed","at":"${at(START - HOUR)}","merchantId":"m${p % merchants}","productId":"p${p}","shippingGuaranteeHours":${hours}}`,
    );
  }
  const queue = new Queue();
  let seq = 0;
  const later = (t: number, text: (a: string) => string) => queue.push({ t, seq: seq++, text });
  // Orders arrive evenly over the window; ~3.6 events per order on average.
  const orders = Math.ceil((total - products) / 3.6);
  const gap = (END - START) / orders;
  const lastClock = END + 72 * HOUR;
  let nextClock = START + HOUR;
  /** Emits queued follow-ups and hourly clocks, merged in time order, up to `limit`. */
  const flushUntil = async (limit: number) => {
    while (written < total) {
      const q = queue.peek()?.t ?? Number.POSITIVE_INFINITY;
      const c = nextClock <= lastClock ? nextClock : Number.POSITIVE_INFINITY;
      if (Math.min(q, c) > limit || Math.min(q, c) === Number.POSITIVE_INFINITY) return;
      if (c <= q) {
        await emit(`{"type":"clock","at":"${at(c)}"}`);
        nextClock += HOUR;
      } else {
        const p = queue.pop()!;
        if (!p.late && lateShare > 0 && lateRnd() < lateShare) {
          // Sent later than it happened: keeps its own time, arrives up to an hour after it, or
          // (one in five) up to a day and a half after, past deadlines already fired.
          const span = lateRnd() < 0.8 ? HOUR : 36 * HOUR;
          const delay = 1_000 + Math.floor(lateRnd() * span);
          const original = at(p.t);
          queue.push({ t: p.t + delay, seq: seq++, text: () => p.text(original), late: true });
          continue;
        }
        await emit(p.text(at(p.t)));
      }
    }
  };
  for (let o = 0; o < orders && written < total; o++) {
    const paidAt = Math.floor(START + o * gap + rnd() * gap);
    await flushUntil(paidAt);
    if (written >= total) break;
    const product = Math.floor(rnd() * products);
    const merchant = product % merchants;
    const id = `o${o}`;
    const amount = 500 + Math.floor(rnd() * rnd() * 60_000);
    const risk = rnd() < 0.05 ? "high" : "normal";
    await emit(
      `{"type":"order.paid","at":"${at(paidAt)}","orderId":"${id}","merchantId":"m${merchant}","productId":"p${product}","amountFen":${amount},"region":"CN-ZJ","buyer":{"id":"b${Math.floor(rnd() * 1e6)}","risk":"${risk}"}}`,
    );
    plan(rnd, later, id, paidAt, amount, merchant);
  }
  await flushUntil(Number.POSITIVE_INFINITY);
  if (buffer !== "") out.write(buffer);
  out.end();
  await once(out, "finish");
}

type Later = (t: number, text: (at: string) => string) => void;

function plan(
  rnd: () => number,
  later: Later,
  id: string,
  paidAt: number,
  amount: number,
  merchant: number,
): void {
  const roll = rnd();
  if (roll < 0.06) {
    const refundAt = paidAt + Math.floor(rnd() * 30 * HOUR);
    const fen = rnd() < 0.8 ? amount : amount + 1;
    later(
      refundAt,
      (a) =>
        `{"type":"refund.requested","at":"${a}","orderId":"${id}","refundId":"r-${id}","amountFen":${fen},"kind":"refund_only"}`,
    );
    return;
  }
  if (roll < 0.065 && merchant % 97 === 0) {
    later(
      paidAt + HOUR,
      (a) =>
        `{"type":"merchant.exception_report","at":"${a}","merchantId":"m${merchant}","reason":"停工"}`,
    );
  }
  // 4 % are clicked after 50 h (late under either guarantee); the rest within 20 h.
  const shipAt = paidAt + Math.floor((rnd() < 0.04 ? 50 + rnd() * 20 : rnd() * 20) * HOUR);
  later(
    shipAt,
    (a) =>
      `{"type":"order.shipped","at":"${a}","orderId":"${id}","trackingNo":"YT${id}","carrier":"YTO"}`,
  );
  if (rnd() < 0.03) return; // never scanned: a false shipment
  const pickupAt = shipAt + Math.floor(rnd() * 20 * HOUR);
  later(pickupAt, (a) => `{"type":"order.picked_up","at":"${a}","orderId":"${id}"}`);
  const deliveredAt = pickupAt + Math.floor((24 + rnd() * 48) * HOUR);
  later(deliveredAt, (a) => `{"type":"order.delivered","at":"${a}","orderId":"${id}"}`);
}
