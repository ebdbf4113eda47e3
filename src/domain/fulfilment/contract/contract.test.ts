/**
 * The contract has one definition (`schema.ts`); the hand-written readers are held to it. For
 * generated events, valid and not: `readEventFast` accepts exactly what the schema accepts and
 * reads it to the same value; `scanEvent` either declines a line or reads exactly what the schema
 * makes of `JSON.parse(line)`, and claims every plain valid line; a batch crossing threads
 * (`event-batch.ts`) rebuilds each valid event as it was; the careful validator answers the
 * schema's verdict with the first problem named.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatWithOffset } from "../../time/index.js";
import { EventBatchWriter, readEventBatch } from "./event-batch.js";
import type { ChannelEvent } from "./events.js";
import { readEventFast } from "./fast-read.js";
import { scanEvent } from "./scan-event.js";
import { ChannelEvent as ChannelEventSchema, CONTRACT_FIELDS, EVENT_TYPES } from "./schema.js";
import { validateCarefully } from "./validate.js";

const verdict = (raw: unknown): ChannelEvent | undefined => {
  const parsed = ChannelEventSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
};

const id = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes("\u0000"));
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) });
const offset = fc.constantFrom("+08:00", "Z", "-05:00", "+05:45");
const at = fc
  .tuple(instant, offset, fc.boolean())
  .map(([t, o, ms]) => formatWithOffset(ms ? t : t - (t % 1000), o === "Z" ? 0 : offsetMinutes(o)))
  .chain((text) =>
    // Also the rarer spellings the general path reads: no seconds, an offset without a colon.
    fc.constantFrom(text, text.replace(/([+-]\d\d):(\d\d)$/, "$1$2")),
  );
function offsetMinutes(o: string): number {
  const sign = o.startsWith("-") ? -1 : 1;
  return sign * (Number(o.slice(1, 3)) * 60 + Number(o.slice(4, 6)));
}
const fen = fc.nat({ max: 10_000_000 });

/** Valid events of every type, as a channel sends them (plus an id and an annotation sometimes). */
const validEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .oneof(
    fc.record({
      type: fc.constant("product.listed"),
      merchantId: id,
      productId: id,
      shippingGuaranteeHours: fc.constantFrom(24, 48, 72, null, undefined),
    }),
    fc.record({
      type: fc.constant("order.paid"),
      orderId: id,
      merchantId: id,
      productId: id,
      amountFen: fen,
      region: fc.constantFrom("CN-ZJ", "CN-GD", "CN-XZ"),
      buyer: fc.record({ id, risk: fc.constantFrom("normal", "high") }),
    }),
    fc.record({ type: fc.constant("order.shipped"), orderId: id, trackingNo: id, carrier: id }),
    fc.record({ type: fc.constantFrom("order.picked_up", "order.delivered"), orderId: id }),
    fc.record({
      type: fc.constant("refund.requested"),
      orderId: id,
      refundId: id,
      amountFen: fen,
      kind: fc.constantFrom("refund_only", "return_refund"),
    }),
    fc.record({
      type: fc.constant("merchant.exception_report"),
      merchantId: id,
      reason: fc.string({ maxLength: 40 }).filter((s) => !s.includes("\u0000")),
    }),
    fc.record({ type: fc.constant("clock") }),
  )
  .chain((e) =>
    fc
      .record({ at, extra: fc.option(fc.record({ id, note: fc.string() }), { nil: undefined }) })
      .map(({ at, extra }) => {
        const out: Record<string, unknown> = { ...e, at, ...extra };
        if (out.shippingGuaranteeHours === undefined) delete out.shippingGuaranteeHours;
        return out;
      }),
  );

/** A field's value replaced with something of another kind, or removed. */
const wrong = fc.constantFrom(
  undefined,
  null,
  "",
  "x".repeat(129),
  "a\u0000b",
  "a\ud800b",
  "\udfff",
  -1,
  1.5,
  0,
  8761,
  2 ** 53,
  "12",
  true,
  [],
  {},
  "other",
  "2024-02-10T09:00:00",
  "2024-02-30T09:00:00+08:00",
  "y".repeat(1001),
);
const breakOne = (e: Record<string, unknown>) =>
  fc
    .tuple(
      fc.constantFrom(...Object.keys(e), "buyer", "shippingGuaranteeHours"),
      wrong,
      fc.boolean(),
    )
    .map(([key, value, nested]) => {
      const out: Record<string, unknown> = { ...e };
      if (nested && typeof out.buyer === "object" && out.buyer !== null) {
        out.buyer = { ...(out.buyer as object), [key === "type" ? "risk" : "id"]: value };
      } else if (value === undefined) delete out[key];
      else out[key] = value;
      return out;
    });
const anyEvent = fc.oneof(
  validEvent,
  validEvent.chain(breakOne),
  validEvent.chain(breakOne).chain(breakOne),
  fc.jsonValue(),
);

const scalar = (v: unknown) =>
  v === null ||
  typeof v === "boolean" ||
  typeof v === "string" ||
  (Number.isInteger(v) && Math.abs(v as number) < 1e15);

/** Whether a line is one the scanner reads in place (and so must claim when it is valid). */
function scannerReads(line: string): boolean {
  const raw: unknown = JSON.parse(line);
  if (line.includes("\\") || typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return false;
  }
  return Object.entries(raw).every(([key, v]) =>
    key === "buyer" && typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.values(v).every(scalar)
      : scalar(v),
  );
}

describe("the event contract has one definition", () => {
  it("the schema accepts every valid event and derives its typed value", () => {
    fc.assert(
      fc.property(validEvent, (raw) => {
        const event = verdict(raw);
        expect(event?.type).toBe(raw.type);
        expect(Object.keys(event!)).not.toContain("extra");
        expect(Object.keys(event!)).not.toContain("note");
      }),
      { numRuns: 2_000 },
    );
  });

  it("readEventFast answers the schema's verdict on valid and invalid events", () => {
    fc.assert(
      fc.property(anyEvent, (raw) => {
        expect(readEventFast(raw)).toStrictEqual(verdict(raw));
      }),
      { numRuns: 20_000 },
    );
  });

  it("scanEvent reads a line as the schema reads its JSON, or declines it", () => {
    fc.assert(
      fc.property(anyEvent, (raw) => {
        const line = JSON.stringify(raw) ?? "null";
        const scanned = scanEvent(line);
        const expected = verdict(JSON.parse(line));
        if (scanned !== undefined) expect(scanned).toStrictEqual(expected);
        // It declines only what it does not read in place: escapes, and values other than
        // strings, integers of up to 15 digits, true, false and null (but order.paid's buyer).
        else if (expected !== undefined) expect(scannerReads(line)).toBe(false);
      }),
      { numRuns: 20_000 },
    );
  });

  it("validateCarefully accepts what the schema accepts and names a problem otherwise", () => {
    fc.assert(
      fc.property(anyEvent, (raw) => {
        const checked = validateCarefully(raw);
        const expected = verdict(raw);
        if (expected === undefined) {
          expect(checked.ok).toBe(false);
          if (!checked.ok) {
            expect(checked.error.code).toMatch(
              /^(invalid_event|unknown_type|missing_field|invalid_field|invalid_time)$/,
            );
            expect(checked.error.message).not.toMatch(/undefined$/);
          }
        } else expect(checked).toStrictEqual({ ok: true, value: expected });
      }),
      { numRuns: 10_000 },
    );
  });

  it("a batch crossing threads rebuilds every valid event as the schema read it", () => {
    fc.assert(
      fc.property(fc.array(validEvent, { minLength: 1, maxLength: 20 }), (raws) => {
        const events = raws.map((r) => verdict(r)!);
        const writer = new EventBatchWriter(events.length);
        events.forEach((e, i) => {
          writer.event(e, i + 1);
        });
        const back: ChannelEvent[] = [];
        readEventBatch(writer.take(), [], {
          event: (e) => back.push(e),
          text: () => {},
          tooLong: () => {},
        });
        expect(back).toStrictEqual(events);
      }),
      { numRuns: 1_000 },
    );
  });

  it("lists every field the contract has, which is all the server stores of an event", () => {
    expect([...CONTRACT_FIELDS].sort()).toEqual(
      [
        "type",
        "at",
        "orderId",
        "merchantId",
        "productId",
        "amountFen",
        "region",
        "buyer",
        "trackingNo",
        "carrier",
        "refundId",
        "kind",
        "reason",
        "shippingGuaranteeHours",
      ].sort(),
    );
  });

  it("names every event type the engine takes", () => {
    expect([...EVENT_TYPES].sort()).toEqual(
      [
        "clock",
        "merchant.exception_report",
        "order.delivered",
        "order.paid",
        "order.picked_up",
        "order.shipped",
        "product.listed",
        "refund.requested",
      ].sort(),
    );
  });
});
