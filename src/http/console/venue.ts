/**
 * The venue as resellers browse it in the console: the same live listings as the channel's
 * venue route (heaviest first, then earliest registration), plus a category filter and a
 * search over titles. Keyset-paged, so page 500 costs what page 1 does.
 */
import { decodeCursor, encodeCursor } from "../../app/cursor.js";
import type { Db } from "../../store/types.js";

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

export async function browseVenue(db: Db, campaignId: string, query: Query) {
  let q = db
    .selectFrom("listings as l")
    .innerJoin("products as p", "p.id", "l.product_id")
    .select([
      "l.product_id",
      "l.merchant_id",
      "l.weight",
      "l.registered_at",
      "p.category",
      "p.facts",
    ])
    .where("l.campaign_id", "=", campaignId)
    .where("l.delisted_at", "is", null)
    .where("l.weight", ">", 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("campaign_merchants as cm")
            .select("cm.merchant_id")
            .whereRef("cm.campaign_id", "=", "l.campaign_id")
            .whereRef("cm.merchant_id", "=", "l.merchant_id")
            .where("cm.exited_at", "is not", null),
        ),
      ),
    );
  if (query.category) q = q.where("p.category", "=", query.category);
  const term = query.q?.trim();
  if (term) q = q.where("p.facts", "like", `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const after = query.cursor ? decodeCursor(query.cursor, isKey) : undefined;
  if (after) {
    const [w, r, id] = after;
    q = q.where((eb) =>
      eb.or([
        eb("l.weight", "<", w),
        eb.and([eb("l.weight", "=", w), eb("l.registered_at", ">", r)]),
        eb.and([
          eb("l.weight", "=", w),
          eb("l.registered_at", "=", r),
          eb("l.product_id", ">", id),
        ]),
      ]),
    );
  }
  const rows = await q
    .orderBy("l.weight", "desc")
    .orderBy("l.registered_at")
    .orderBy("l.product_id")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const facts = JSON.parse(r.facts) as Record<string, unknown>;
      return {
        productId: r.product_id,
        merchantId: r.merchant_id,
        title: typeof facts.title === "string" ? facts.title : r.product_id,
        category: r.category,
        priceFen: typeof facts.priceFen === "number" ? facts.priceFen : null,
        weight: r.weight,
      };
    }),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([last.weight, last.registered_at, last.product_id] satisfies Key)
        : null,
  };
}
