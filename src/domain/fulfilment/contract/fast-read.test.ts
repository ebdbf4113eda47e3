import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readEventFast } from "./fast-read.js";
import { validateCarefully } from "./validate.js";

/** The fast reader must accept exactly what the careful one accepts, and read it the same. */
const value = fc.oneof(
  fc.constantFrom(
    "o1",
    "",
    "normal",
    "high",
    "refund_only",
    "return_refund",
    null,
    0,
    -1,
    24,
    48,
    1.5,
    30_000,
    true,
  ),
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.double(),
);
const fields = [
  "orderId",
  "merchantId",
  "productId",
  "amountFen",
  "region",
  "trackingNo",
  "carrier",
  "refundId",
  "kind",
  "reason",
  "shippingGuaranteeHours",
];
const type = fc.constantFrom(
  "product.listed",
  "order.paid",
  "order.shipped",
  "order.picked_up",
  "order.delivered",
  "refund.requested",
  "merchant.exception_report",
  "clock",
  "other",
);
const at = fc.constantFrom(
  "2024-02-10T09:00:00+08:00",
  "2024-02-10T09:00:00",
  "2024-02-10T09:00+08:00",
  "x",
  5,
);
const buyer = fc.oneof(fc.record({ id: value, risk: value }, { requiredKeys: [] }), value);
const raw = fc
  .tuple(type, at, fc.dictionary(fc.constantFrom(...fields), value), fc.option(buyer))
  .map(([t, a, rest, b]) =>
    b === null ? { type: t, at: a, ...rest } : { type: t, at: a, ...rest, buyer: b },
  );

describe("readEventFast", () => {
  it("agrees with validateCarefully on every input", () => {
    fc.assert(
      fc.property(raw, (r) => {
        const careful = validateCarefully(r);
        const fast = readEventFast(r);
        if (fast === undefined) expect(careful.ok).toBe(false);
        else expect(careful).toEqual({ ok: true, value: fast });
      }),
      { numRuns: 5_000 },
    );
  });

  it("reads every well-formed event (no fallback on the hot path)", () => {
    const good = {
      type: "order.paid",
      at: "2024-02-10T09:00:00+08:00",
      orderId: "o1",
      merchantId: "m1",
      productId: "p1",
      amountFen: 100,
      region: "CN-ZJ",
      buyer: { id: "b", risk: "high" },
    };
    expect(readEventFast(good)).toBeDefined();
    expect(readEventFast({ type: "clock", at: good.at })).toBeDefined();
  });
});
