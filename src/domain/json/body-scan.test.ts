import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanJsonBody } from "./body-scan.js";
import { nestsDeeperThan } from "./depth.js";

/**
 * A JSON value whose objects are lists of entries, so a key may repeat: what a client can send,
 * unlike a JS object.
 */
type Doc = null | boolean | number | string | Doc[] | { entries: Array<[string, Doc]> };

const key = fc.oneof(
  fc.constantFrom("a", "b", "amountFen", "id", "é", "\u0000", '"', "\\", "a\\u0061"),
  fc.string({ maxLength: 4 }),
);
const doc: fc.Arbitrary<Doc> = fc.letrec<{ doc: Doc }>((tie) => ({
  doc: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -5, 1.5e300),
    fc.string({ maxLength: 6 }),
    fc.array(tie("doc"), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie("doc")), { maxLength: 5 }).map((entries) => ({ entries })),
  ),
})).doc;

/** Writes the document, a key with its escapes spelled one of two ways. */
function write(d: Doc, escapeAll: boolean, space: string): string {
  if (Array.isArray(d)) return `[${d.map((x) => write(x, escapeAll, space)).join(`,${space}`)}]`;
  if (d !== null && typeof d === "object") {
    const members = d.entries.map(
      ([k, v]) => `${spell(k, escapeAll)}${space}:${space}${write(v, escapeAll, space)}`,
    );
    return `{${space}${members.join(`,${space}`)}${space}}`;
  }
  return JSON.stringify(d);
}

/** `"ab"`, or with every character escaped: `"\u0061\u0062"` (the same key to JSON.parse). */
function spell(k: string, escapeAll: boolean): string {
  if (!escapeAll) return JSON.stringify(k);
  const units = [...k].flatMap((ch) => [...ch].map((u) => u.charCodeAt(0)));
  return `"${units.map((u) => `\\u${u.toString(16).padStart(4, "0")}`).join("")}"`;
}

/** The first key met twice in one object, in the order the text is written, with its path. */
function firstDuplicate(d: Doc, path: Array<string | number> = []): unknown {
  if (Array.isArray(d)) {
    for (let i = 0; i < d.length; i++) {
      const found = firstDuplicate(d[i]!, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (d === null || typeof d !== "object") return undefined;
  const seen = new Set<string>();
  for (const [k, v] of d.entries) {
    if (seen.has(k)) return { kind: "duplicate_key", key: k, path: [...path, k] };
    seen.add(k);
    const found = firstDuplicate(v, [...path, k]);
    if (found) return found;
  }
  return undefined;
}

describe("scanJsonBody", () => {
  it("finds the first key written twice in one object, with its path, as a model does", () => {
    fc.assert(
      fc.property(doc, fc.boolean(), fc.constantFrom("", " ", "\n\t"), (d, escapeAll, space) => {
        const text = write(d, escapeAll, space);
        JSON.parse(text); // the writer makes JSON
        expect(scanJsonBody(text, 1000)).toEqual(firstDuplicate(d));
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses nesting past the limit exactly where the depth check does", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, max) => {
        const text = JSON.stringify(value);
        const tooDeep = scanJsonBody(text, max)?.kind === "too_deep";
        expect(tooDeep).toBe(nestsDeeperThan(text, max));
      }),
      { numRuns: 2000 },
    );
    // A duplicate early on does not hide depth further on.
    expect(scanJsonBody(`[{"a":1,"a":2},${"[".repeat(100)}${"]".repeat(100)}]`)).toEqual({
      kind: "too_deep",
    });
  });

  it("names the place: the amount sent twice in the fourth event", () => {
    const events = [{}, {}, {}, null].map((_, i) =>
      i === 3 ? '{"type":"refund.requested","amountFen":-5,"amountFen":100}' : '{"type":"clock"}',
    );
    expect(scanJsonBody(`[${events.join(",")}]`)).toEqual({
      kind: "duplicate_key",
      key: "amountFen",
      path: [3, "amountFen"],
    });
    expect(scanJsonBody('{"products":[{"productId":"p","productId":"q"}]}')).toEqual({
      kind: "duplicate_key",
      key: "productId",
      path: ["products", 0, "productId"],
    });
  });

  it("sees a key spelled with escapes as the same key", () => {
    expect(scanJsonBody('{"amountFen":-5,"\\u0061mountFen":100}')).toMatchObject({
      key: "amountFen",
    });
  });

  it("stays linear on one object with a hundred thousand keys", () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `"k${i}":${i}`);
    expect(scanJsonBody(`{${keys.join(",")}}`)).toBeUndefined();
    expect(scanJsonBody(`{${keys.join(",")},"k99999":0}`)).toMatchObject({ key: "k99999" });
  });

  it("never throws on text that is not JSON", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'{}[]",:\\ab u0') }), (text) => {
        scanJsonBody(text);
      }),
      { numRuns: 3000 },
    );
  });
});
