import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type EventBatch,
  EventBatchWriter,
  readEventBatch,
  type SymbolTexts,
} from "./event-batch.js";
import type { ChannelEvent } from "./events.js";

/** What a line became on the reader thread: an event, a text for the ordinary path, or too long. */
type Item =
  | { kind: "event"; event: ChannelEvent; line: number }
  | { kind: "text"; text: string; line: number }
  | { kind: "tooLong"; line: number };

const id = fc.oneof(
  fc.constantFrom("o1", "o2", "m1", "p1", "CN-ZJ", "SF"), // recurring: symbols used again
  fc.string({ minLength: 1, maxLength: 12, unit: "binary" }),
);
const at = fc.integer({ min: 0, max: 4_102_444_800_000 });
const fen = fc.integer({ min: 0, max: 999_999_999_999_999 });
const event: fc.Arbitrary<ChannelEvent> = fc.oneof(
  fc.record({
    type: fc.constant("order.paid" as const),
    at,
    orderId: id,
    merchantId: id,
    productId: id,
    amountFen: fen,
    region: id,
    buyer: fc.record({ id, risk: fc.constantFrom("normal" as const, "high" as const) }),
  }),
  fc.record({
    type: fc.constant("order.shipped" as const),
    at,
    orderId: id,
    trackingNo: id,
    carrier: id,
  }),
  fc.record({ type: fc.constant("order.picked_up" as const), at, orderId: id }),
  fc.record({ type: fc.constant("order.delivered" as const), at, orderId: id }),
  fc.record({
    type: fc.constant("refund.requested" as const),
    at,
    orderId: id,
    refundId: id,
    amountFen: fen,
    kind: fc.constantFrom("refund_only" as const, "return_refund" as const),
  }),
  fc.record({
    type: fc.constant("product.listed" as const),
    at,
    merchantId: id,
    productId: id,
    shippingGuaranteeHours: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 8760 })),
  }),
  fc.record({
    type: fc.constant("merchant.exception_report" as const),
    at,
    merchantId: id,
    reason: fc.string({ maxLength: 20, unit: "binary" }),
  }),
  fc.record({ type: fc.constant("clock" as const), at }),
);
const items: fc.Arbitrary<Item[]> = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: event.map((e) => ({ kind: "event" as const, event: e })) },
      {
        weight: 1,
        arbitrary: fc.string({ unit: "binary" }).map((t) => ({ kind: "text" as const, text: t })),
      },
      { weight: 1, arbitrary: fc.constant({ kind: "tooLong" as const }) },
    ),
    { maxLength: 40 },
  )
  // Plain objects, as the scanner builds (fast-check's records have no prototype).
  .map((list) => list.map((item, i) => structuredClone({ ...item, line: i * 2 + 1 }) as Item));

/** Writes the items in batches of `capacity`, reads every batch back with one symbol table. */
function roundTrip(list: readonly Item[], capacity: number): Item[] {
  const writer = new EventBatchWriter(capacity);
  const batches: EventBatch[] = [];
  for (const item of list) {
    if (item.kind === "event") writer.event(item.event, item.line);
    else if (item.kind === "text") writer.text(item.text, item.line);
    else writer.tooLong(item.line);
    if (writer.full) batches.push(writer.take());
  }
  if (writer.size > 0) batches.push(writer.take());
  const texts: SymbolTexts = [];
  const out: Item[] = [];
  for (const batch of batches) {
    // As a message would carry it: the numbers are copied into a new buffer.
    const received = structuredClone(batch);
    readEventBatch(received, texts, {
      event: (e, line) => out.push({ kind: "event", event: e, line }),
      text: (text, line) => out.push({ kind: "text", text, line }),
      tooLong: (line) => out.push({ kind: "tooLong", line }),
    });
  }
  return out;
}

describe("event batches between the reader thread and the replay", () => {
  it("rebuild every record in order: same events, field for field and in field order", () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 7 }), (list, capacity) => {
        const back = roundTrip(list, capacity);
        expect(back).toStrictEqual(list);
        // Same key order too, so the engine sees the shapes the scanner builds.
        expect(JSON.stringify(back)).toBe(JSON.stringify(list));
      }),
      { numRuns: 300 },
    );
  });

  it("send a recurring id's text once, in the batch where it first appears", () => {
    const writer = new EventBatchWriter(2);
    const listed: ChannelEvent = {
      type: "product.listed",
      at: 1,
      merchantId: "m1",
      productId: "p1",
      shippingGuaranteeHours: 24,
    };
    writer.event(listed, 1);
    writer.event({ ...listed, productId: "p2" }, 2);
    const first = writer.take();
    writer.event({ ...listed, at: 2 }, 3);
    const second = writer.take();
    expect(first.symbols).toEqual(["m1", "p1", "p2"]);
    expect(second.symbols).toEqual([]);
    const texts: SymbolTexts = [];
    const seen: ChannelEvent[] = [];
    const reader = { event: (e: ChannelEvent) => seen.push(e), text() {}, tooLong() {} };
    readEventBatch(first, texts, reader);
    readEventBatch(second, texts, reader);
    expect(seen.map((e) => ("productId" in e ? e.productId : ""))).toEqual(["p1", "p2", "p1"]);
  });
});
