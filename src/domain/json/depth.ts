/**
 * How deep a JSON text nests, read from the text before it is parsed. `JSON.parse` itself copes
 * with any depth, but much that handles the parsed value afterwards recurses (`JSON.stringify`
 * of a stored body or an answer, a message showing a value, prototype-poisoning checks), and a
 * line or body nested a hundred thousand deep would overflow the stack there: a crash, or a 500,
 * for bad input. Nothing Gala reads nests deeper than a few levels, so input is refused past
 * `MAX_JSON_DEPTH` instead, with a message that says so.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when the text (from `start` to `end`) opens more than `max` arrays and objects inside one
 * another. Brackets inside strings do not count; the text need not be valid JSON (the parser
 * decides that).
 */
export function nestsDeeperThan(
  text: string,
  max = MAX_JSON_DEPTH,
  start = 0,
  end = text.length,
): boolean {
  if (!opensMoreThan(text, max, start, end)) return false;
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Skip the string: its brackets are characters, not structure.
      for (i++; i < end; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * True when the text holds more than `max` opening brackets, in strings or not. Text with no
 * more than that cannot nest deeper, whatever its strings hold; `indexOf` finds them far faster
 * than reading every character, so the common flat line is let through without the full scan.
 */
function opensMoreThan(text: string, max: number, start: number, end: number): boolean {
  let count = 0;
  for (const bracket of ["{", "["]) {
    for (
      let i = text.indexOf(bracket, start);
      i !== -1 && i < end;
      i = text.indexOf(bracket, i + 1)
    ) {
      if (++count > max) return true;
    }
  }
  return false;
}

export function tooDeepMessage(max = MAX_JSON_DEPTH): string {
  return `the JSON nests arrays and objects more than ${max} levels deep; send flat facts and events (none needs more than a few levels)`;
}
