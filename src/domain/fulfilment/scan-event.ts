import type { Instant } from "../campaign/model.js";
import { daysFromCivil, daysInMonth } from "../time/civil.js";
import { parseInstant } from "../time/index.js";
import type { BuyerRisk, ChannelEvent, RefundKind } from "./events.js";

/**
 * The replay hot path: one input line read straight into its typed event, without `JSON.parse`
 * building an object that `readEventFast` then takes apart. `JSON.parse` dominated a replay's
 * CPU profile (it runs beside a large live heap), and event lines are small flat objects.
 *
 * Exactness is the contract: whenever this returns an event, it deep-equals
 * `readEventFast(JSON.parse(line))`. It only claims lines it fully understands; on anything else
 * (a backslash or control character in a string, a duplicate field, a number with a fraction,
 * exponent, sign or more than 15 digits, nesting other than `order.paid`'s buyer, trailing
 * garbage, a field of the wrong type, a value `readEventFast` would refuse) it answers
 * `undefined`, and the caller takes the ordinary path (`JSON.parse`, `readEventFast`, the careful
 * validator), so refusals and their messages are exactly what they were. `scan-event.test.ts`
 * holds the two paths together with property tests on generated and mutated lines.
 *
 * The line is `line` from `start` to `end`, so a reader can scan it inside its input chunk
 * without slicing it out first. The character at `end` must be a line feed or past the string's
 * end: the checks for a single structural character or a literal (`{`, `"`, `null`, ...) that may
 * look one character past the line then fail on it, as they would at the end of a string.
 *
 * Pure: the only module state is scratch space reused per call and a memo of the last timestamp's
 * date and hour; no result depends on either.
 */
export function scanEvent(line: string, start = 0, end = line.length): ChannelEvent | undefined {
  const n = end;
  let i = skipSpace(line, start, n);
  if (line.charCodeAt(i) !== OPEN) return undefined;
  i = skipSpace(line, i + 1, n);
  if (line.charCodeAt(i) === CLOSE) return undefined; // `{}` has no type: never an event
  /** Bit per known field seen: JSON.parse keeps the last of duplicate keys, we refuse them. */
  let seen = 0;
  for (;;) {
    if (line.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = stringEnd(line, i + 1, n);
    if (keyEnd < 0) return undefined;
    const field = topField(line, i + 1, keyEnd - i - 1);
    i = skipSpace(line, keyEnd + 1, n);
    if (line.charCodeAt(i) !== COLON) return undefined;
    i = skipSpace(line, i + 1, n);
    if (field >= 0) {
      if ((seen & (1 << field)) !== 0) return undefined;
      seen |= 1 << field;
    }
    const c = line.charCodeAt(i);
    if (c === OPEN) {
      // The one nesting an event has. Any other object (or an array) goes the ordinary way.
      if (field !== BUYER) return undefined;
      i = scanBuyer(line, i + 1, n);
      if (i < 0) return undefined;
      kinds[BUYER] = OBJECT;
    } else {
      i = scanValue(line, i, n, field);
      if (i < 0) return undefined;
    }
    i = skipSpace(line, i, n);
    const d = line.charCodeAt(i);
    if (d === COMMA) i = skipSpace(line, i + 1, n);
    else if (d === CLOSE) break;
    else return undefined;
  }
  if (skipSpace(line, i + 1, n) !== n) return undefined;
  return build(line, seen);
}

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;

// Fields `readEventFast` reads, by index into the scratch arrays. Unknown keys are skipped (their
// value must be a plain string, number, true, false or null); a duplicate of one of them changes
// nothing `readEventFast` returns, so only known fields are checked for duplicates.
const TYPE = 0;
const AT = 1;
const ORDER_ID = 2;
const MERCHANT_ID = 3;
const PRODUCT_ID = 4;
const AMOUNT_FEN = 5;
const REGION = 6;
const BUYER = 7;
const TRACKING_NO = 8;
const CARRIER = 9;
const REFUND_ID = 10;
const KIND = 11;
const REASON = 12;
const HOURS = 13;
const BUYER_ID = 14;
const BUYER_RISK = 15;

// What a field's value was. Anything `readEventFast` could not use (true, false, a negative
// number) is OTHER: a field it needs with that value makes the scanner bail out.
const STRING = 1;
const NUMBER = 2;
const NULL = 3;
const OTHER = 4;
const OBJECT = 5;

/** Scratch for the line being read (reused: no allocation per line beyond the event). */
const kinds = new Uint8Array(16);
const starts = new Int32Array(16);
const ends = new Int32Array(16);
const numbers = new Float64Array(16);

/** JSON whitespace is exactly space, tab, line feed and carriage return. */
function skipSpace(s: string, i: number, n: number): number {
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}

/**
 * `i` is just past an opening quote: the index of the closing one, or -1. Escapes are refused
 * rather than decoded (events have none), and so are raw control characters, which JSON forbids.
 * Anything else, lone surrogates included, JSON.parse keeps as it is, and so does a slice.
 */
function stringEnd(s: string, i: number, n: number): number {
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 0x20) return -1;
  }
  return -1;
}

/**
 * A scalar value at `i` (not an object): its end, or -1. Records it in the scratch arrays when
 * `field` is known. Numbers: only `-?(0|[1-9][0-9]*)` up to 15 digits, so the value read digit by
 * digit is exact; a fraction or exponent stops the number and the caller then finds no `,`/`}`.
 */
function scanValue(s: string, i: number, n: number, field: number): number {
  const c = s.charCodeAt(i);
  if (c === QUOTE) {
    const end = stringEnd(s, i + 1, n);
    if (end < 0) return -1;
    if (field >= 0) {
      kinds[field] = STRING;
      starts[field] = i + 1;
      ends[field] = end;
    }
    return end + 1;
  }
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
    const negative = c === 0x2d;
    let j = negative ? i + 1 : i;
    const first = j;
    let value = 0;
    for (; j < n; j++) {
      const d = s.charCodeAt(j) - 0x30;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    const count = j - first;
    if (count === 0 || count > 15) return -1;
    if (count > 1 && s.charCodeAt(first) === 0x30) return -1; // 01: not JSON
    if (field >= 0) {
      // A negative is never a valid amount or guarantee (-0 would read as an amount: refuse it).
      kinds[field] = negative ? OTHER : NUMBER;
      numbers[field] = value;
    }
    return j;
  }
  if (c === 0x6e && s.startsWith("null", i)) {
    if (field >= 0) kinds[field] = NULL;
    return i + 4;
  }
  if (c === 0x74 && s.startsWith("true", i)) {
    if (field >= 0) kinds[field] = OTHER;
    return i + 4;
  }
  if (c === 0x66 && s.startsWith("false", i)) {
    if (field >= 0) kinds[field] = OTHER;
    return i + 5;
  }
  return -1;
}

/** `i` is just past the buyer's `{`: the index after its `}`, or -1. Only scalars inside. */
function scanBuyer(s: string, i: number, n: number): number {
  kinds[BUYER_ID] = 0;
  kinds[BUYER_RISK] = 0;
  i = skipSpace(s, i, n);
  if (s.charCodeAt(i) === CLOSE) return i + 1;
  for (;;) {
    if (s.charCodeAt(i) !== QUOTE) return -1;
    const keyEnd = stringEnd(s, i + 1, n);
    if (keyEnd < 0) return -1;
    const length = keyEnd - i - 1;
    let field = -1;
    if (length === 2 && s.startsWith("id", i + 1)) field = BUYER_ID;
    else if (length === 4 && s.startsWith("risk", i + 1)) field = BUYER_RISK;
    if (field >= 0 && kinds[field] !== 0) return -1; // duplicate
    i = skipSpace(s, keyEnd + 1, n);
    if (s.charCodeAt(i) !== COLON) return -1;
    i = scanValue(s, skipSpace(s, i + 1, n), n, field);
    if (i < 0) return -1;
    i = skipSpace(s, i, n);
    const d = s.charCodeAt(i);
    if (d === COMMA) i = skipSpace(s, i + 1, n);
    else if (d === CLOSE) return i + 1;
    else return -1;
  }
}

/** The known field a key names (by length, then its text), or -1. */
function topField(s: string, at: number, length: number): number {
  switch (length) {
    case 2:
      return s.startsWith("at", at) ? AT : -1;
    case 4:
      return s.startsWith("type", at) ? TYPE : s.startsWith("kind", at) ? KIND : -1;
    case 5:
      return s.startsWith("buyer", at) ? BUYER : -1;
    case 6:
      return s.startsWith("region", at) ? REGION : s.startsWith("reason", at) ? REASON : -1;
    case 7:
      return s.startsWith("orderId", at) ? ORDER_ID : s.startsWith("carrier", at) ? CARRIER : -1;
    case 8:
      return s.startsWith("refundId", at) ? REFUND_ID : -1;
    case 9:
      return s.startsWith("productId", at)
        ? PRODUCT_ID
        : s.startsWith("amountFen", at)
          ? AMOUNT_FEN
          : -1;
    case 10:
      return s.startsWith("merchantId", at)
        ? MERCHANT_ID
        : s.startsWith("trackingNo", at)
          ? TRACKING_NO
          : -1;
    case 22:
      return s.startsWith("shippingGuaranteeHours", at) ? HOURS : -1;
    default:
      return -1;
  }
}

/** The typed event from the fields read, exactly as `readEventFast` builds it; or `undefined`. */
function build(s: string, seen: number): ChannelEvent | undefined {
  if ((seen & (1 << TYPE)) === 0 || kinds[TYPE] !== STRING) return undefined;
  if ((seen & (1 << AT)) === 0 || kinds[AT] !== STRING) return undefined;
  const type = eventType(s, starts[TYPE]!, ends[TYPE]! - starts[TYPE]!);
  if (type === undefined) return undefined;
  const atStart = starts[AT]!;
  const atEnd = ends[AT]!;
  const at = commonInstant(s, atStart, atEnd) ?? parseInstant(s.slice(atStart, atEnd));
  if (at === null) return undefined;
  switch (type) {
    case "order.paid": {
      const orderId = id(s, seen, ORDER_ID);
      const merchantId = id(s, seen, MERCHANT_ID);
      const productId = id(s, seen, PRODUCT_ID);
      const amountFen = fen(seen, AMOUNT_FEN);
      const region = id(s, seen, REGION);
      if (
        orderId === undefined ||
        merchantId === undefined ||
        productId === undefined ||
        amountFen === undefined ||
        region === undefined
      )
        return undefined;
      if ((seen & (1 << BUYER)) === 0 || kinds[BUYER] !== OBJECT) return undefined;
      const buyerId = kinds[BUYER_ID] === STRING ? text(s, BUYER_ID) : "";
      if (buyerId === "") return undefined;
      const risk = buyerRisk(s);
      if (risk === undefined) return undefined;
      return {
        type,
        at,
        orderId,
        merchantId,
        productId,
        amountFen,
        region,
        buyer: { id: buyerId, risk },
      };
    }
    case "order.shipped": {
      const orderId = id(s, seen, ORDER_ID);
      const trackingNo = id(s, seen, TRACKING_NO);
      const carrier = id(s, seen, CARRIER);
      if (orderId === undefined || trackingNo === undefined || carrier === undefined)
        return undefined;
      return { type, at, orderId, trackingNo, carrier };
    }
    case "order.picked_up":
    case "order.delivered": {
      const orderId = id(s, seen, ORDER_ID);
      return orderId === undefined ? undefined : { type, at, orderId };
    }
    case "refund.requested": {
      const orderId = id(s, seen, ORDER_ID);
      const refundId = id(s, seen, REFUND_ID);
      const amountFen = fen(seen, AMOUNT_FEN);
      const kind = refundKind(s, seen);
      if (
        orderId === undefined ||
        refundId === undefined ||
        amountFen === undefined ||
        kind === undefined
      )
        return undefined;
      return { type, at, orderId, refundId, amountFen, kind };
    }
    case "product.listed": {
      const merchantId = id(s, seen, MERCHANT_ID);
      const productId = id(s, seen, PRODUCT_ID);
      if (merchantId === undefined || productId === undefined) return undefined;
      let hours: number | null = null; // absent or null: no guarantee recorded
      if ((seen & (1 << HOURS)) !== 0 && kinds[HOURS] !== NULL) {
        if (kinds[HOURS] !== NUMBER) return undefined;
        hours = numbers[HOURS]!;
        if (!(hours > 0 && hours <= 8760)) return undefined;
      }
      return { type, at, merchantId, productId, shippingGuaranteeHours: hours };
    }
    case "merchant.exception_report": {
      const merchantId = id(s, seen, MERCHANT_ID);
      if (merchantId === undefined) return undefined;
      if ((seen & (1 << REASON)) === 0 || kinds[REASON] !== STRING) return undefined;
      return { type, at, merchantId, reason: text(s, REASON) };
    }
    case "clock":
      return { type, at };
  }
}

type EventType = ChannelEvent["type"];

/** The event type named at `at` (a shared constant string, not a slice), or `undefined`. */
function eventType(s: string, at: number, length: number): EventType | undefined {
  switch (length) {
    case 5:
      return s.startsWith("clock", at) ? "clock" : undefined;
    case 10:
      return s.startsWith("order.paid", at) ? "order.paid" : undefined;
    case 13:
      return s.startsWith("order.shipped", at) ? "order.shipped" : undefined;
    case 14:
      return s.startsWith("product.listed", at) ? "product.listed" : undefined;
    case 15:
      return s.startsWith("order.picked_up", at)
        ? "order.picked_up"
        : s.startsWith("order.delivered", at)
          ? "order.delivered"
          : undefined;
    case 16:
      return s.startsWith("refund.requested", at) ? "refund.requested" : undefined;
    case 25:
      return s.startsWith("merchant.exception_report", at)
        ? "merchant.exception_report"
        : undefined;
    default:
      return undefined;
  }
}

/**
 * A string field's text. V8 makes a slice of 13 or more characters a view into its parent (here
 * the whole input chunk, ~1 MiB), so a long id kept in the engine's state would keep the chunk
 * alive; such slices are copied. Shorter slices are already copies.
 */
function text(s: string, field: number): string {
  const slice = s.slice(starts[field], ends[field]);
  return slice.length < 13 ? slice : detach(slice);
}

/** A copy of `slice` that does not share its parent: flattening the concatenation copies it. */
function detach(slice: string): string {
  return ` ${slice}`.slice(1);
}

/** A non-empty string field (readEventFast's `isId`), or `undefined`. */
function id(s: string, seen: number, field: number): string | undefined {
  if ((seen & (1 << field)) === 0 || kinds[field] !== STRING) return undefined;
  if (ends[field] === starts[field]) return undefined;
  return text(s, field);
}

/** A non-negative safe integer: any NUMBER read here (at most 15 digits, no sign). */
function fen(seen: number, field: number): number | undefined {
  if ((seen & (1 << field)) === 0 || kinds[field] !== NUMBER) return undefined;
  return numbers[field];
}

function buyerRisk(s: string): BuyerRisk | undefined {
  if (kinds[BUYER_RISK] !== STRING) return undefined;
  const at = starts[BUYER_RISK]!;
  const length = ends[BUYER_RISK]! - at;
  if (length === 6 && s.startsWith("normal", at)) return "normal";
  if (length === 4 && s.startsWith("high", at)) return "high";
  return undefined;
}

function refundKind(s: string, seen: number): RefundKind | undefined {
  if ((seen & (1 << KIND)) === 0 || kinds[KIND] !== STRING) return undefined;
  const at = starts[KIND]!;
  const length = ends[KIND]! - at;
  if (length === 11 && s.startsWith("refund_only", at)) return "refund_only";
  if (length === 13 && s.startsWith("return_refund", at)) return "return_refund";
  return undefined;
}

function digit(s: string, at: number): number {
  const c = s.charCodeAt(at) - 0x30;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

function digits2(s: string, at: number): number {
  return digit(s, at) * 10 + digit(s, at + 1);
}

/**
 * Memo of the last `YYYY-MM-DDTHH` read: as a number (NaN never matches) and its hours since
 * the epoch. Events come in time order, so most share the previous one's date and hour.
 */
let lastDateHour = Number.NaN;
let lastHours = 0;

/**
 * `at` read in place when it has the common form `YYYY-MM-DDTHH:MM:SS(.f{1,3})?(Z|±HH:MM)` with
 * every field in range, by the same arithmetic as `parseInstant`; `undefined` for anything else,
 * which the caller hands to `parseInstant` itself, so the answer is always `parseInstant`'s.
 */
function commonInstant(s: string, start: number, end: number): Instant | undefined {
  if (end - start < 20) return undefined;
  if (s.charCodeAt(start + 4) !== 0x2d || s.charCodeAt(start + 7) !== 0x2d) return undefined;
  if (s.charCodeAt(start + 10) !== 0x54) return undefined; // T
  if (s.charCodeAt(start + 13) !== COLON || s.charCodeAt(start + 16) !== COLON) return undefined;
  const minute = digits2(s, start + 14);
  const second = digits2(s, start + 17);
  if (!(minute <= 59 && second <= 59)) return undefined;
  let i = start + 19;
  let ms = 0;
  if (s.charCodeAt(i) === 0x2e) {
    // One to three digits, scaled as parseInstant scales them; more go to parseInstant.
    let scale = 100;
    i++;
    const first = i;
    for (; i < end && i - first < 3; i++) {
      const d = digit(s, i);
      if (!(d >= 0)) break;
      ms += d * scale;
      scale /= 10;
    }
    if (i === first || (i < end && digit(s, i) >= 0)) return undefined;
  }
  let offsetMinutes: number;
  const sign = s.charCodeAt(i);
  if (sign === 0x5a && i + 1 === end)
    offsetMinutes = 0; // Z
  else if ((sign === 0x2b || sign === 0x2d) && i + 6 === end && s.charCodeAt(i + 3) === COLON) {
    const oh = digits2(s, i + 1);
    const om = digits2(s, i + 4);
    if (!(oh <= 23 && om <= 59)) return undefined;
    offsetMinutes = (sign === 0x2b ? 1 : -1) * (oh * 60 + om);
  } else return undefined;
  const year = digits2(s, start) * 100 + digits2(s, start + 2);
  const month = digits2(s, start + 5);
  const day = digits2(s, start + 8);
  const hour = digits2(s, start + 11);
  const dateHour = ((year * 100 + month) * 100 + day) * 100 + hour;
  let hours: number;
  if (dateHour === lastDateHour) hours = lastHours;
  else {
    if (!(year >= 0 && month >= 1 && month <= 12 && hour >= 0 && hour <= 23)) return undefined;
    if (!(day >= 1 && day <= daysInMonth(year, month))) return undefined;
    hours = daysFromCivil(year, month, day) * 24 + hour;
    lastDateHour = dateHour;
    lastHours = hours;
  }
  return (hours * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + ms;
}
