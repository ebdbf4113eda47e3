/**
 * The merchant's catalogue for bulk registration: its products (by id, keyset-paged, optionally
 * searched by id or title) with the state of each one's registration in the campaign.
 */

import type { Db } from "../../store/types.js";
import { decodeCursor, encodeCursor } from "../cursor.js";

const isId = (v: unknown): v is [string] => Array.isArray(v) && typeof v[0] === "string";

interface Query {
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** `undefined` for a cursor this server did not give. */
export async function catalogue(db: Db, campaignId: string, merchantId: string, query: Query) {
  const after = query.cursor ? decodeCursor(query.cursor, isId) : undefined;
  if (query.cursor && after === undefined) return undefined;
  let q = db
    .selectFrom("products")
    .select(["id", "category", "facts"])
    .where("merchant_id", "=", merchantId);
  if (after !== undefined) q = q.where("id", ">", after[0]);
  const term = query.q?.trim();
  if (term) {
    // Facts are JSON text: a LIKE over it finds the title (and the id) in both dialects.
    const like = `%${term.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb("id", "like", like), eb("facts", "like", like)]));
  }
  const rows = await q
    .orderBy("id")
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const ids = page.map((r) => r.id);
  const states = new Map<string, string>();
  if (ids.length > 0) {
    const regs = await db
      .selectFrom("registrations")
      .select(["product_id", "state"])
      .where("campaign_id", "=", campaignId)
      .where("product_id", "in", ids)
      .execute();
    for (const r of regs) states.set(r.product_id, r.state);
  }
  return {
    items: page.map((r) => {
      const facts = JSON.parse(r.facts) as Record<string, unknown>;
      const state = states.get(r.id);
      return {
        id: r.id,
        title: typeof facts.title === "string" ? facts.title : r.id,
        category: r.category,
        priceFen: typeof facts.priceFen === "number" ? facts.priceFen : null,
        registration: state ? { state } : null,
      };
    }),
    nextCursor: rows.length > query.limit ? encodeCursor([page.at(-1)!.id]) : null,
  };
}
