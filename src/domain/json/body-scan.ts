/**
 * What `JSON.parse` takes but Gala refuses, found in one pass over the text before it is parsed:
 * nesting deeper than `MAX_JSON_DEPTH` (see depth.ts for why), and a key twice in one object.
 * `JSON.parse` keeps the last of two equal keys without a word, so `{"amountFen": -5,
 * "amountFen": 100}` would pass as 100 while a proxy, a log or another parser in between may
 * read -5; a payment service takes neither.
 *
 * One pass, because a request body is read on every call: strings are skipped with `indexOf`,
 * keys are compared only within their own object, and the path to a duplicate is known when it
 * is found. The text need not be valid JSON (the parser decides that): garbage ends the scan
 * without an answer, never a throw.
 */
import { MAX_JSON_DEPTH } from "./depth.js";

export type ScanFinding =
  | { kind: "too_deep" }
  | { kind: "duplicate_key"; key: string; path: Array<string | number> };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
/**
 * An object's keys are kept as places in the text (no string made per key) and compared only
 * with keys of the same length and ends; past this many keys, or once a key is written with an
 * escape, they go into a Set of strings instead (so a body of one huge object stays linear).
 */
const PLACES_UP_TO = 32;

interface Frame {
  object: boolean;
  /** Objects: the next string is a key (after `{` or `,`). */
  expectKey: boolean;
  /** Where each key starts and ends in the text, while `set` is undefined. */
  starts: number[];
  ends: number[];
  /** One bit per (length, first, last character) seen: most new keys miss it. */
  bloom: number;
  set: Set<string> | undefined;
  /** Objects: where the key being read starts and ends; arrays: the element's index. */
  at: number;
  atEnd: number;
}

export function scanJsonBody(text: string, maxDepth = MAX_JSON_DEPTH): ScanFinding | undefined {
  const frames: Frame[] = [];
  const slashes = new BackslashFinder(text);
  // After a duplicate the scan goes on for depth only: a text too deep is refused as such.
  let duplicate: ScanFinding | undefined;
  let depth = 0;
  const end = text.length;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const close = closingQuote(text, i + 1);
      if (close === -1) break;
      const top = depth > 0 ? frames[depth - 1]! : undefined;
      if (duplicate === undefined && top?.object && top.expectKey) {
        top.expectKey = false;
        const again = seen(text, top, i + 1, close, slashes);
        if (again === undefined) break;
        if (again) {
          const key = keyText(text, i + 1, close)!;
          duplicate = {
            kind: "duplicate_key",
            key,
            path: [...pathOf(text, frames, depth - 1), key],
          };
        }
        top.at = i + 1;
        top.atEnd = close;
      }
      i = close;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > maxDepth) return { kind: "too_deep" };
      if (duplicate === undefined) open(frames, depth - 1, c === OPEN_OBJECT);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth > 0) depth--;
    } else if (c === COMMA && depth > 0 && duplicate === undefined) {
      const top = frames[depth - 1]!;
      if (top.object) top.expectKey = true;
      else top.at += 1;
    }
  }
  return duplicate;
}

/** The index of the quote that closes the string whose first character is at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  let q = text.indexOf('"', from);
  while (q !== -1) {
    let slashes = 0;
    for (let j = q - 1; j >= from && text.charCodeAt(j) === BACKSLASH; j--) slashes++;
    if (slashes % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return -1;
}

/** The key as `JSON.parse` reads it: `"\u0061"` and `"a"` are the same key. */
function keyText(text: string, start: number, close: number): string | undefined {
  const raw = text.slice(start, close);
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined; // not JSON: the parser will say so
  }
}

/**
 * Records the key at `start..close` in its object: true if it was there already, undefined if
 * the key is not valid JSON (the scan stops; the parser will say why).
 */
function seen(
  text: string,
  frame: Frame,
  start: number,
  close: number,
  slashes: BackslashFinder,
): boolean | undefined {
  if (frame.set === undefined) {
    if (frame.starts.length < PLACES_UP_TO && !slashes.within(start, close)) {
      const length = close - start;
      const bit =
        1 << ((length * 7 + text.charCodeAt(start) * 3 + text.charCodeAt(close - 1)) & 31);
      if ((frame.bloom & bit) !== 0 && samePlace(text, frame, start, length)) return true;
      frame.bloom |= bit;
      frame.starts.push(start);
      frame.ends.push(close);
      return false;
    }
    // Many keys, or escapes: compare the keys as JSON.parse will read them.
    frame.set = new Set();
    for (let k = 0; k < frame.starts.length; k++) {
      frame.set.add(text.slice(frame.starts[k], frame.ends[k]));
    }
  }
  const key = keyText(text, start, close);
  if (key === undefined) return undefined;
  if (frame.set.has(key)) return true;
  frame.set.add(key);
  return false;
}

/**
 * Whether a stretch of the text holds a backslash, asked for stretches further and further on:
 * the next backslash is looked for once and kept until the scan passes it, so the text is
 * searched once in all (an `indexOf` per key would search to the end each time).
 */
class BackslashFinder {
  private next = -2;
  constructor(private readonly text: string) {}
  within(start: number, end: number): boolean {
    if (this.next !== -1 && this.next < start) this.next = this.text.indexOf("\\", start);
    return this.next !== -1 && this.next < end;
  }
}

function samePlace(text: string, frame: Frame, start: number, length: number): boolean {
  for (let k = 0; k < frame.starts.length; k++) {
    const other = frame.starts[k]!;
    if (frame.ends[k]! - other !== length) continue;
    let j = 0;
    while (j < length && text.charCodeAt(other + j) === text.charCodeAt(start + j)) j++;
    if (j === length) return true;
  }
  return false;
}

function open(frames: Frame[], index: number, object: boolean): void {
  const frame = frames[index];
  if (frame === undefined) {
    frames[index] = {
      object,
      expectKey: object,
      starts: [],
      ends: [],
      bloom: 0,
      set: undefined,
      at: 0,
      atEnd: 0,
    };
    return;
  }
  frame.object = object;
  frame.expectKey = object;
  frame.starts.length = 0;
  frame.ends.length = 0;
  frame.bloom = 0;
  frame.set = undefined;
  frame.at = 0;
  frame.atEnd = 0;
}

/** The keys and indices that lead from the outermost value to the frame at `upTo`. */
function pathOf(text: string, frames: readonly Frame[], upTo: number): Array<string | number> {
  return frames.slice(0, upTo).map((f) => (f.object ? (keyText(text, f.at, f.atEnd) ?? "") : f.at));
}
