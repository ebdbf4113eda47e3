import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChannelEvent } from "./events.js";
import { readEventFast } from "./fast-read.js";
import { scanEvent } from "./scan-event.js";

/**
 * The scanner must be exact: whenever it returns an event, that event is what the ordinary path
 * (`JSON.parse` then `readEventFast`) returns for the line; otherwise it returns `undefined`.
 */
function ordinary(line: string): ChannelEvent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  return readEventFast(raw);
}

/** The scanner on `line` alone and inside a chunk of other lines (as the replay reader calls it). */
function scanBoth(line: string, before: string, after: string): ChannelEvent | undefined {
  const alone = scanEvent(line);
  const chunk = `${before}${line}\n${after}`;
  const within = scanEvent(chunk, before.length, before.length + line.length);
  expect(within).toStrictEqual(alone);
  return alone;
}

/** Holds for every line: the scanner declines, or agrees with the ordinary path exactly. */
function expectExact(line: string, before = "", after = ""): ChannelEvent | undefined {
  const scanned = scanBoth(line, before, after);
  if (scanned !== undefined) expect(scanned).toStrictEqual(ordinary(line));
  return scanned;
}

const id = fc.oneof(
  fc.stringMatching(/^[a-z][0-9]{1,7}$/),
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.string({ minLength: 1, maxLength: 20, unit: "binary" }), // any code point, CJK included
  fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }),
);
const fen = fc.oneof(fc.nat(), fc.integer({ min: 0, max: 999_999_999_999_999 }));
const at = fc.oneof(
  fc
    .date({ min: new Date("1990-01-01"), max: new Date("2090-01-01"), noInvalidDate: true })
    .chain((d) =>
      fc.constantFrom(
        d.toISOString(), // .sssZ
        d.toISOString().replace(/\.\d+Z$/, "Z"),
        d.toISOString().replace(/Z$/, "+08:00"),
        d.toISOString().replace(/\.(\d)\d\dZ$/, ".$1-05:30"),
        d.toISOString().replace(/\.(\d\d)\dZ$/, ".$1+00:00"),
        d.toISOString().replace(/Z$/, "123456-01:00"), // more than milliseconds
        d.toISOString().replace(/:\d\d\.\d+Z$/, "+08:00"), // no seconds: luxon
        d.toISOString().replace(/Z$/, "+0800"),
        d.toISOString().replace(/Z$/, ""), // no offset: refused
      ),
    ),
  fc.constantFrom(
    "2024-02-29T23:59:59.999+08:00",
    "2023-02-29T10:00:00+08:00", // no such day
    "2024-13-01T10:00:00+08:00",
    "2024-02-10T24:00:00+08:00",
    "2024-02-10T09:60:00+08:00",
    "2024-02-10T09:00:00+24:00",
    "2024-02-10T09:00:00.+08:00",
    "2024-02-10t09:00:00z",
    "x",
  ),
);
const paid = fc.record({
  type: fc.constant("order.paid"),
  at,
  orderId: id,
  merchantId: id,
  productId: id,
  amountFen: fen,
  region: id,
  buyer: fc.record({ id, risk: fc.constantFrom("normal", "high") }),
});
const events = fc.oneof(
  paid,
  fc.record({
    type: fc.constant("order.shipped"),
    at,
    orderId: id,
    trackingNo: id,
    carrier: id,
  }),
  fc.record({ type: fc.constantFrom("order.picked_up", "order.delivered"), at, orderId: id }),
  fc.record({
    type: fc.constant("refund.requested"),
    at,
    orderId: id,
    refundId: id,
    amountFen: fen,
    kind: fc.constantFrom("refund_only", "return_refund"),
  }),
  fc.record(
    {
      type: fc.constant("product.listed"),
      at,
      merchantId: id,
      productId: id,
      shippingGuaranteeHours: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 8760 })),
    },
    { requiredKeys: ["type", "at", "merchantId", "productId"] },
  ),
  fc.record({
    type: fc.constant("merchant.exception_report"),
    at,
    merchantId: id,
    reason: fc.string({ maxLength: 30, unit: "binary" }),
  }),
  fc.record({ type: fc.constant("clock"), at }),
);
/** Extra keys an event may carry (an `id`, annotations), with plain values. */
const extras = fc.dictionary(
  fc.oneof(fc.constantFrom("id", "source", "note", "", "__proto__"), fc.string({ maxLength: 8 })),
  fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null)),
  { maxKeys: 3 },
);
const space = fc.stringMatching(/^[ \t\r\n]{0,2}$/);

/** JSON text of `value` with its keys (and the buyer's) in a shuffled order and optional spaces. */
function serialize(value: unknown, order: number[], spaces: string[]): string {
  let n = 0;
  const gap = () => spaces[n++ % spaces.length] ?? "";
  const write = (v: unknown): string => {
    if (v === null || typeof v !== "object") return JSON.stringify(v);
    const keys = Object.keys(v);
    const shuffled = keys
      .map((k, i) => ({ k, o: order[i % order.length] ?? 0 }))
      .sort((a, b) => a.o - b.o)
      .map(({ k }) => k);
    const fields = shuffled.map(
      (k) =>
        `${gap()}${JSON.stringify(k)}${gap()}:${gap()}${write((v as Record<string, unknown>)[k])}${gap()}`,
    );
    return `{${fields.join(",")}${fields.length === 0 ? gap() : ""}}`;
  };
  return `${gap()}${write(value)}${gap()}`;
}

const validLine = fc
  .tuple(
    events,
    extras,
    fc.array(fc.nat(50), { minLength: 1, maxLength: 12 }),
    fc.array(space, { minLength: 1, maxLength: 6 }),
  )
  .map(([event, extra, order, spaces]) => {
    // Extra keys first, so the event's own fields win where the names collide.
    return serialize({ ...extra, ...event }, order, spaces);
  });

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("insert"), at: fc.nat(), text: fc.string({ maxLength: 4 }) }),
  fc.record({
    kind: fc.constant("insert"),
    at: fc.nat(),
    text: fc.constantFrom(
      "\\",
      '\\"',
      "\\u0041",
      "\t",
      "\u0000",
      "\u001f",
      "1e3",
      "1.0",
      "-0",
      "01",
      "-",
      "[1]",
      '{"a":{}}',
      "{}",
      '"orderId":"o1",',
      '"buyer":{"id":"b","risk":"high"},',
      '"at":"2024-02-10T09:00:00+08:00",',
      '"type":"clock",',
      '"amountFen":12,',
      "9999999999999999",
      "null",
      "true",
      "x",
      ",",
      "}",
      " ",
      "\ufeff",
      "\ud800",
    ),
  }),
  fc.record({ kind: fc.constant("delete"), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("replace"), at: fc.nat(), text: fc.string({ maxLength: 1 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(line: string, edits: Mutation[]): string {
  let out = line;
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % (out.length + 1);
    if (edit.kind === "insert") out = out.slice(0, at) + edit.text + out.slice(at);
    else if (edit.kind === "delete") out = out.slice(0, at) + out.slice(at + edit.count);
    else out = out.slice(0, at) + edit.text + out.slice(at + 1);
  }
  return out.replaceAll("\n", " "); // one line: the reader splits on line feeds
}

const neighbour = fc.constantFrom("", '{"type":"clock","at":"2024-02-10T09:00:00+08:00"}\n', "x\n");

describe("scanEvent", () => {
  it("reads every valid event line exactly as JSON.parse and readEventFast do", () => {
    fc.assert(
      fc.property(validLine, neighbour, neighbour, (line, before, after) => {
        const scanned = scanBoth(line, before, after);
        const expected = ordinary(line);
        if (scanned !== undefined) expect(scanned).toStrictEqual(expected);
        // It declines only for what it does not read: escapes (JSON.stringify writes them for
        // quotes, backslashes, control characters and lone surrogates) and the spellings of `at`
        // that readEventFast refuses.
        else if (!line.includes("\\")) expect(expected).toBeUndefined();
      }),
      { numRuns: 5_000 },
    );
  });

  it("declines or agrees on mutated lines, and never throws", () => {
    fc.assert(
      fc.property(
        validLine,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        neighbour,
        neighbour,
        (line, edits, before, after) => {
          expectExact(mutate(line, edits), before, after);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it("declines or agrees on arbitrary text", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(text, neighbour, (line, before) => {
        expectExact(line.replaceAll("\n", " "), before, "");
      }),
      { numRuns: 5_000 },
    );
  });

  const good =
    '{"type":"order.paid","at":"2024-02-10T09:00:00+08:00","orderId":"o1","merchantId":"m1","productId":"p1","amountFen":4990,"region":"CN-ZJ","buyer":{"id":"b1","risk":"normal"}}';

  it("reads a plain event line, with whitespace, a carriage return and extra keys", () => {
    const expected = {
      type: "order.paid",
      at: Date.parse("2024-02-10T01:00:00Z"),
      orderId: "o1",
      merchantId: "m1",
      productId: "p1",
      amountFen: 4990,
      region: "CN-ZJ",
      buyer: { id: "b1", risk: "normal" },
    };
    expect(scanEvent(good)).toStrictEqual(expected);
    expect(scanEvent(`${good}\r`)).toStrictEqual(expected);
    expect(
      scanEvent(` \t${good.replaceAll(",", " ,\t").replaceAll('":', '"\r\n: ')}`),
    ).toStrictEqual(expected);
    expect(scanEvent(good.replace("{", '{"id":"e1","n":-12,"ok":true,"x":null,'))).toStrictEqual(
      expected,
    );
    expect(scanEvent(good.replace('"risk"', '"note":false,"risk"'))).toStrictEqual(expected);
    expect(scanEvent(good.replace('"o1"', '"o\ud83d\ude00"'))).toStrictEqual({
      ...expected,
      orderId: "o\ud83d\ude00",
    });
  });

  it.each([
    ["an escape in a string", good.replace('"o1"', '"o\\u0031"')],
    ["an escaped quote", good.replace('"CN-ZJ"', '"CN\\"ZJ"')],
    ["a tab inside a string", good.replace('"CN-ZJ"', '"CN\tZJ"')],
    ["a duplicate field", good.replace('"orderId":"o1"', '"orderId":"o0","orderId":"o1"')],
    ["a duplicate buyer field", good.replace('"risk":"normal"', '"risk":"high","risk":"normal"')],
    ["an exponent", good.replace("4990", "4.99e3")],
    ["a fraction", good.replace("4990", "4990.0")],
    ["minus zero", good.replace("4990", "-0")],
    ["a leading zero", good.replace("4990", "04990")],
    ["sixteen digits", good.replace("4990", "1000000000000000")],
    ["a nested unknown value", good.replace("{", '{"meta":{"a":1},')],
    ["an array", good.replace("{", '{"tags":["a"],')],
    ["trailing garbage", `${good}x`],
    ["a second object", `${good}{}`],
    ["a trailing comma", good.replace("}}", "},}")],
    ["an empty order id", good.replace('"o1"', '""')],
    ["an unknown risk", good.replace('"normal"', '"low"')],
    ["a buyer that is not an object", good.replace(/\{"id".*\}\}$/, '"b1"}')],
    ["a time without offset", good.replace("+08:00", "")],
    ["a byte-order mark", `\ufeff${good}`],
    ["a non-breaking space", `\u00a0${good}`],
    ["a lone high surrogate", good.replace('"o1"', '"o\ud800"')],
    ["a lone low surrogate", good.replace('"b1"', '"\udc00b1"')],
    ["a high surrogate closing a string", good.replace('"o1"', '"o1\ud83d"')],
  ])("declines %s", (_what, line) => {
    expect(scanEvent(line)).toBeUndefined();
  });

  it("reads the guarantee hours as readEventFast does", () => {
    const listed = (hours: string) =>
      `{"type":"product.listed","at":"2024-02-09T08:00:00Z","merchantId":"m","productId":"p"${hours}}`;
    expect(scanEvent(listed(""))).toMatchObject({ shippingGuaranteeHours: null });
    expect(scanEvent(listed(',"shippingGuaranteeHours":null'))).toMatchObject({
      shippingGuaranteeHours: null,
    });
    expect(scanEvent(listed(',"shippingGuaranteeHours":8760'))).toMatchObject({
      shippingGuaranteeHours: 8760,
    });
    for (const bad of ["0", "8761", "-1", '"48"', "true"])
      expect(scanEvent(listed(`,"shippingGuaranteeHours":${bad}`))).toBeUndefined();
  });

  it("reads ids of any length (long ones are copied out of the line)", () => {
    const long = "o".repeat(40);
    const event = scanEvent(good.replace('"o1"', `"${long}"`));
    expect(event).toMatchObject({ orderId: long });
  });
});
