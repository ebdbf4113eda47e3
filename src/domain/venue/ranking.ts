/**
 * A campaign venue's ranking as plain data: its live listings sorted by traffic weight (heavier
 * first), then registration time (earlier first), then product id, which makes the order total.
 * Paging is a binary search for the first listing after a cursor's key, so any page costs what
 * the first does; a change is a patch (drop the changed products, merge their new rows in), not
 * a re-sort.
 *
 * Product ids compare by Unicode code point, which is the order of their UTF-8 bytes: SQLite's
 * BINARY collation, and PostgreSQL's under a C collation (the SQL venue query orders by the
 * database's collation, so on PostgreSQL with a language collation ties between listings of the
 * same weight and registration instant may order differently there).
 */

/** Where a listing sits in the venue's order; a cursor carries the last one of its page. */
export interface VenueKey {
  weight: number;
  registeredAt: number;
  productId: string;
}

/** Code point order (UTF-16 code units order surrogates below U+E000–U+FFFF; this does not). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

/** Moves surrogates above U+E000–U+FFFF, keeping order within each group. */
function fixup(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** Negative when `a` comes first in the venue. */
export function venueOrder(a: VenueKey, b: VenueKey): number {
  if (a.weight !== b.weight) return a.weight > b.weight ? -1 : 1;
  if (a.registeredAt !== b.registeredAt) return a.registeredAt < b.registeredAt ? -1 : 1;
  return compareCodePoints(a.productId, b.productId);
}

export class Ranking<T extends VenueKey> {
  private constructor(private readonly entries: readonly T[]) {}

  /** The ranking of these listings (one per product). */
  static of<T extends VenueKey>(listings: readonly T[]): Ranking<T> {
    return new Ranking([...listings].sort(venueOrder));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Where the page after `key` starts: the first listing ordered after it (0 for no key). */
  startAfter(key: VenueKey | undefined): number {
    if (!key) return 0;
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (venueOrder(this.entries[mid]!, key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Up to `limit` listings from `start`, and whether more follow. */
  slice(start: number, limit: number): { items: T[]; more: boolean } {
    const items = this.entries.slice(start, start + limit);
    return { items, more: start + limit < this.entries.length };
  }

  /**
   * The ranking after the listings of `changed` products were re-read: each of them drops out,
   * and `live` (those of them the venue shows now) merge in at their place.
   */
  patched(changed: Iterable<string>, live: readonly T[]): Ranking<T> {
    const gone = new Set(changed);
    if (gone.size === 0) return this;
    const kept = this.entries.filter((e) => !gone.has(e.productId));
    const added = live.filter((e) => gone.has(e.productId)).sort(venueOrder);
    if (added.length === 0) return new Ranking(kept);
    const merged: T[] = new Array(kept.length + added.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < added.length) {
      merged[k++] = venueOrder(kept[i]!, added[j]!) <= 0 ? kept[i++]! : added[j++]!;
    }
    while (i < kept.length) merged[k++] = kept[i++]!;
    while (j < added.length) merged[k++] = added[j++]!;
    return new Ranking(merged);
  }

  /** Every listing in order (tests). */
  all(): readonly T[] {
    return this.entries;
  }
}
