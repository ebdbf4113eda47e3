/**
 * The venue as resellers browse it in the console: the same live listings as the channel's
 * venue route (heaviest first, then earliest registration), plus a category filter and a
 * search over titles. Keyset-paged, so page 500 costs what page 1 does. `undefined` for a cursor
 * this server did not give.
 */

import type { Store } from "../../store/index.js";
import { venuePage } from "../../store/repos/listings.js";
import { decodeCursor, encodeCursor } from "../cursor.js";

type Key = [weight: number, registeredAt: number, productId: string];
const isKey = (v: unknown): v is Key =>
  Array.isArray(v) &&
  typeof v[0] === "number" &&
  typeof v[1] === "number" &&
  typeof v[2] === "string";

interface Query {
  category?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export async function browseVenue(
  store: Pick<Store, "db" | "dialect">,
  campaignId: string,
  query: Query,
) {
  const key = query.cursor ? decodeCursor(query.cursor, isKey) : undefined;
  if (query.cursor && !key) return undefined;
  const after = key ? { weight: key[0], registeredAt: key[1], productId: key[2] } : undefined;
  const rows = await venuePage(store.db, campaignId, after, query.limit + 1, {
    category: query.category,
    search: query.q,
    dialect: store.dialect,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const facts = JSON.parse(r.facts) as Record<string, unknown>;
      return {
        productId: r.productId,
        merchantId: r.merchantId,
        title: typeof facts.title === "string" ? facts.title : r.productId,
        category: r.category,
        priceFen: typeof facts.priceFen === "number" ? facts.priceFen : null,
        weight: r.weight,
      };
    }),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([last.weight, last.registeredAt, last.productId] satisfies Key)
        : null,
  };
}
