import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareCodePoints, Ranking, type VenueKey, venueOrder } from "./ranking.js";

type Listing = VenueKey & { tag: number };

const listing = (productId: string, weight: number, registeredAt: number, tag = 0): Listing => ({
  productId,
  weight,
  registeredAt,
  tag,
});

/** Every listing, page by page, as a reader following nextCursor would see them. */
function pages<T extends VenueKey>(ranking: Ranking<T>, limit: number): T[] {
  const out: T[] = [];
  let after: VenueKey | undefined;
  for (;;) {
    const { items, more } = ranking.slice(ranking.startAfter(after), limit);
    out.push(...items);
    if (!more) return out;
    after = items.at(-1);
  }
}

describe("the venue's ranking", () => {
  it("orders by weight (heavier first), then registration (earlier first), then product id", () => {
    const r = Ranking.of([
      listing("b", 1, 10),
      listing("a", 0.5, 1),
      listing("c", 1, 5),
      listing("a2", 1, 10),
    ]);
    expect(r.all().map((l) => l.productId)).toEqual(["c", "a2", "b", "a"]);
  });

  it("starts a page after a cursor's key even when that listing has left", () => {
    const r = Ranking.of([listing("a", 1, 1), listing("b", 1, 2), listing("c", 0.5, 1)]);
    expect(r.startAfter({ weight: 1, registeredAt: 1, productId: "a" })).toBe(1);
    // "b2" is not in the venue: the page starts at the next listing in order.
    expect(r.startAfter({ weight: 1, registeredAt: 2, productId: "b2" })).toBe(2);
    expect(r.startAfter({ weight: 0.1, registeredAt: 0, productId: "" })).toBe(3);
    expect(r.slice(2, 5)).toEqual({ items: [listing("c", 0.5, 1)], more: false });
  });

  it("compares product ids by code point, as UTF-8 bytes compare", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        const bytes = Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(Math.sign(compareCodePoints(a, b))).toBe(bytes);
      }),
      { numRuns: 2_000 },
    );
    // U+FF21 (BMP, above the surrogates) comes before U+1F600 (a surrogate pair) in code points.
    expect(compareCodePoints("\uff21", "\u{1f600}")).toBeLessThan(0);
  });

  it("patched equals ranking the changed set from scratch, and pages cover it once (property)", () => {
    const id: fc.Arbitrary<string> = fc.constantFrom(
      "a",
      "b",
      "c",
      "d",
      "e",
      "f",
      "g",
      "h",
      "\u{1f600}",
      "\uff21",
    );
    const row = fc.record({
      productId: id,
      weight: fc.constantFrom(0.25, 0.5, 1),
      registeredAt: fc.integer({ min: 0, max: 3 }),
      tag: fc.integer(),
    });
    // A step: listings re-read (each now live with new values, or gone).
    const step = fc.array(
      fc.oneof(
        row,
        id.map((productId) => ({ gone: productId })),
      ),
      {
        maxLength: 6,
      },
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(row, { selector: (l) => l.productId }),
        fc.array(step, { maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        (initial, steps, limit) => {
          const model = new Map(initial.map((l) => [l.productId, l]));
          let ranking = Ranking.of<Listing>(initial);
          for (const changes of steps) {
            const changed: string[] = [];
            const live = new Map<string, Listing>();
            for (const c of changes) {
              if ("gone" in c) {
                changed.push(c.gone);
                live.delete(c.gone);
                model.delete(c.gone);
              } else {
                changed.push(c.productId);
                live.set(c.productId, c);
                model.set(c.productId, c);
              }
            }
            ranking = ranking.patched(changed, [...live.values()]);
            const expected = [...model.values()].sort(venueOrder);
            expect(ranking.all()).toEqual(expected);
            expect(pages(ranking, limit)).toEqual(expected);
          }
        },
      ),
    );
  });
});
