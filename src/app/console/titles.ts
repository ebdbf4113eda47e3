/**
 * Product titles for registration views: people recognise a product by its title, not its id.
 * Read from the current product facts, one query per page; a product without facts (or without
 * a title) keeps `title: null` and the console falls back to the id.
 */
import { getProductFacts } from "../../store/repos/facts.js";
import type { Db } from "../../store/types.js";

export async function withTitles<T extends { productId: string }>(
  db: Db,
  views: readonly T[],
): Promise<Array<T & { title: string | null }>> {
  const facts = await getProductFacts(db, [...new Set(views.map((v) => v.productId))]);
  return views.map((v) => {
    const row = facts.get(v.productId);
    const title = row ? (JSON.parse(row.body) as { title?: unknown }).title : undefined;
    return { ...v, title: typeof title === "string" ? title : null };
  });
}
