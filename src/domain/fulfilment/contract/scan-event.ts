import type { Instant } from "../../campaign/model.js";
import { commonFormEnd, parseInstant, readCommonForm } from "../../time/parse.js";
import type { BuyerRisk, ChannelEvent, RefundKind } from "./events.js";
import { MAX_ID_LENGTH, MAX_TEXT_LENGTH } from "./limits.js";

/**
 * The replay hot path: one input line read straight into its typed event, without `JSON.parse`
 * building an object that `readEventFast` then takes apart. `JSON.parse` dominated a replay's
 * CPU profile (it runs beside a large live heap), and event lines are small flat objects.
 *
 * Exactness is the contract: whenever this returns an event, it deep-equals
 * `readEventFast(JSON.parse(line))`. It only claims lines it fully understands; on anything else
 * it answers `undefined`, and the caller takes the ordinary path (`JSON.parse`, `readEventFast`,
 * the careful validator), so refusals and their messages are exactly what they were. It declines
 * a backslash (any escape) or a control character in a string, a duplicate field, a number that
 * is not `-?(0|[1-9][0-9]*)` of at most 15 digits, a negative number where the event needs one,
 * any nesting but `order.paid`'s buyer, an unknown key whose value is not a string, number,
 * true, false or null, anything after the object but JSON whitespace, a field of the wrong
 * type, and every value `readEventFast` refuses. `scan-event.test.ts` holds the two paths
 * together with property tests on generated, mutated and arbitrary lines.
 *
 * The line is `line` from `start` to `end`, so a reader can scan it inside its input chunk
 * without slicing it out first. The character at `end` must be a line feed or past the string's
 * end. Comparisons that run past the line (a key or an event type matched as a whole, a
 * timestamp read in place, a structural character or a literal) then fail there, since none of
 * what they look for contains a line feed (and past the string `charCodeAt` is NaN).
 *
 * Pure: the only module state is scratch space reused per call and (in `readCommonForm`) a memo
 * of the last timestamp's date and hour; no result depends on either.
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
    // A known field's name is matched with its closing quote in one go; any other key is
    // walked to its end (and checked) and then skipped with its value.
    const field = knownKey(line, i + 1);
    if (field >= 0) i += KEY_LENGTHS[field]! + 2;
    else {
      const keyEnd = stringEnd(line, i + 1, n);
      if (keyEnd < 0) return undefined;
      i = keyEnd + 1;
    }
    if (line.charCodeAt(i) !== COLON) {
      i = skipSpace(line, i, n);
      if (line.charCodeAt(i) !== COLON) return undefined;
    }
    i++;
    let c = line.charCodeAt(i);
    if (c <= 0x20) {
      i = skipSpace(line, i, n);
      c = line.charCodeAt(i);
    }
    if (field >= 0) {
      if ((seen & (1 << field)) !== 0) return undefined;
      seen |= 1 << field;
    }
    if (c === OPEN) {
      // The one nesting an event has. Any other object (or an array) goes the ordinary way.
      if (field !== BUYER) return undefined;
      i = scanBuyer(line, i + 1, n);
      if (i < 0) return undefined;
      kinds[BUYER] = OBJECT;
    } else {
      if (c === QUOTE && field === TYPE) i = scanType(line, i + 1, n);
      else if (c === QUOTE && field === AT) i = scanAt(line, i + 1, n);
      else i = scanValue(line, i, n, field);
      if (i < 0) return undefined;
    }
    let d = line.charCodeAt(i);
    if (d <= 0x20) {
      i = skipSpace(line, i, n);
      d = line.charCodeAt(i);
    }
    if (d === COMMA) {
      i++;
      if (line.charCodeAt(i) <= 0x20) i = skipSpace(line, i, n);
    } else if (d === CLOSE) break;
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
/** `type` matched against the event types: `numbers[TYPE]` is its index in TYPES. */
const TYPED = 6;
/** `at` read in place in its common form: `numbers[AT]` is the instant. */
const INSTANT = 7;

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
 * rather than decoded (events have none), and so are raw control characters, which JSON forbids,
 * and lone surrogates, which the contract refuses (`storable-text.ts`): the careful path names
 * them. Anything else JSON.parse keeps as it is, and so does a slice.
 */
function stringEnd(s: string, i: number, n: number): number {
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 0x20) return -1;
    if ((c & 0xf800) === 0xd800) {
      // A surrogate: only a high one followed by a low one (a pair) is text.
      if (c >= 0xdc00 || (s.charCodeAt(i + 1) & 0xfc00) !== 0xdc00) return -1;
      i++;
    }
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

/** Each known field's name, by index: its length tells how far a matched key reaches. */
const KEY_LENGTHS = [
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
].map((name) => name.length);

/**
 * The known field whose name, followed by the closing quote, starts at `i`; or -1. A match is
 * exactly that key (its characters need no checking); -1 means the key is not a known field.
 */
function knownKey(s: string, i: number): number {
  switch (s.charCodeAt(i)) {
    case 0x74: // t
      return matches(s, i, 'type"') ? TYPE : matches(s, i, 'trackingNo"') ? TRACKING_NO : -1;
    case 0x61: // a
      return matches(s, i, 'at"') ? AT : matches(s, i, 'amountFen"') ? AMOUNT_FEN : -1;
    case 0x6f: // o
      return matches(s, i, 'orderId"') ? ORDER_ID : -1;
    case 0x6d: // m
      return matches(s, i, 'merchantId"') ? MERCHANT_ID : -1;
    case 0x70: // p
      return matches(s, i, 'productId"') ? PRODUCT_ID : -1;
    case 0x72: // r
      return matches(s, i, 'region"')
        ? REGION
        : matches(s, i, 'refundId"')
          ? REFUND_ID
          : matches(s, i, 'reason"')
            ? REASON
            : -1;
    case 0x62: // b
      return matches(s, i, 'buyer"') ? BUYER : -1;
    case 0x63: // c
      return matches(s, i, 'carrier"') ? CARRIER : -1;
    case 0x6b: // k
      return matches(s, i, 'kind"') ? KIND : -1;
    case 0x73: // s
      return matches(s, i, 'shippingGuaranteeHours"') ? HOURS : -1;
    default:
      return -1;
  }
}

const TYPES: readonly EventType[] = [
  "order.paid",
  "order.shipped",
  "order.picked_up",
  "order.delivered",
  "refund.requested",
  "product.listed",
  "merchant.exception_report",
  "clock",
];
/** Each type with its closing quote. Literals, so flat strings (a `${type}"` would be a cons). */
const QUOTED_TYPES: readonly string[] = [
  'order.paid"',
  'order.shipped"',
  'order.picked_up"',
  'order.delivered"',
  'refund.requested"',
  'product.listed"',
  'merchant.exception_report"',
  'clock"',
];

/**
 * `type`'s value, `i` just past its opening quote: an event type with its closing quote is
 * recorded as TYPED (no characters to check); anything else as a plain string.
 */
function scanType(s: string, i: number, n: number): number {
  // Guess from one or two characters, then compare the whole name.
  let t = -1;
  switch (s.charCodeAt(i)) {
    case 0x6f: // order.*
      switch (s.charCodeAt(i + 6)) {
        case 0x70: // p
          t = s.charCodeAt(i + 7) === 0x61 ? 0 : 2; // paid, picked_up
          break;
        case 0x73: // s
          t = 1;
          break;
        case 0x64: // d
          t = 3;
          break;
      }
      break;
    case 0x72: // r
      t = 4;
      break;
    case 0x70: // p
      t = 5;
      break;
    case 0x6d: // m
      t = 6;
      break;
    case 0x63: // c
      t = 7;
      break;
  }
  if (t >= 0) {
    const quoted = QUOTED_TYPES[t]!;
    if (matches(s, i, quoted)) {
      kinds[TYPE] = TYPED;
      numbers[TYPE] = t;
      return i + quoted.length;
    }
  }
  return scanValue(s, i - 1, n, TYPE);
}

/**
 * Whether `s` has `text` at `i`. A hand loop: `startsWith` with a position showed up in profiles
 * as a call per key. Past the end of `s` it reads NaN, which matches nothing.
 */
function matches(s: string, i: number, text: string): boolean {
  for (let j = 0; j < text.length; j++)
    if (s.charCodeAt(i + j) !== text.charCodeAt(j)) return false;
  return true;
}

/**
 * `at`'s value, `i` just past its opening quote. Its common form is read where it stands by the
 * one timestamp reader (`readCommonForm`) and must be followed by the closing quote: every
 * character of it is then a digit or a separator the form names, so the string needs no other
 * check. Anything else (and an impossible time) is recorded as a plain string, for
 * `parseInstant`, so the answer is always `parseInstant`'s.
 */
function scanAt(s: string, i: number, n: number): number {
  const at = readCommonForm(s, i);
  // Finite: the form, and a time that exists (NaN and IMPOSSIBLE both fail this).
  if (at - at === 0) {
    const end = commonFormEnd();
    if (end < n && s.charCodeAt(end) === QUOTE) {
      kinds[AT] = INSTANT;
      numbers[AT] = at;
      return end + 1;
    }
  }
  return scanValue(s, i - 1, n, AT);
}

/** The typed event from the fields read, exactly as `readEventFast` builds it; or `undefined`. */
function build(s: string, seen: number): ChannelEvent | undefined {
  if ((seen & (1 << TYPE)) === 0 || (seen & (1 << AT)) === 0) return undefined;
  let type: EventType | undefined;
  if (kinds[TYPE] === TYPED) type = TYPES[numbers[TYPE]!];
  else if (kinds[TYPE] === STRING) type = eventType(s, starts[TYPE]!, ends[TYPE]! - starts[TYPE]!);
  if (type === undefined) return undefined;
  let at: Instant | null;
  if (kinds[AT] === INSTANT) at = numbers[AT]!;
  else if (kinds[AT] === STRING) at = parseInstant(s.slice(starts[AT], ends[AT]));
  else return undefined;
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
      if (buyerId === "" || buyerId.length > MAX_ID_LENGTH) return undefined;
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
      const reason = text(s, REASON);
      return reason.length > MAX_TEXT_LENGTH ? undefined : { type, at, merchantId, reason };
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

/**
 * A non-empty string field of at most MAX_ID_LENGTH characters (readEventFast's `isId`), or
 * `undefined`. Its characters are its length: a string with an escape never gets here.
 */
function id(s: string, seen: number, field: number): string | undefined {
  if ((seen & (1 << field)) === 0 || kinds[field] !== STRING) return undefined;
  const length = ends[field]! - starts[field]!;
  if (length === 0 || length > MAX_ID_LENGTH) return undefined;
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
