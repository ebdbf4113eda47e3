/**
 * Product titles for registration views: people recognise a product by its title, not its id.
 * Read from the current product facts, one query per page; a product without facts (or without
 * a title) keeps `title: null` and the console falls back to the id.
 */
import { getProductFacts } from "../../store/repos/facts.js";
import type { Db } from "../../store/types.js";

/** The titles of these products, by product id (`null`: no facts, or no title in them). */
export async function productTitles(
  db: Db,
  productIds: readonly string[],
): Promise<Map<string, string | null>> {
  const ids = [...new Set(productIds)];
  const facts = await getProductFacts(db, ids);
  const titles = new Map<string, string | null>();
  for (const id of ids) titles.set(id, titleIn(facts.get(id)?.body));
  return titles;
}

/** The title a product's stored facts give it (`null`: no facts, or no title in them). */
export function titleIn(facts: string | null | undefined): string | null {
  if (facts === null || facts === undefined) return null;
  const title = (JSON.parse(facts) as { title?: unknown }).title;
  return typeof title === "string" ? title : null;
}

export async function withTitles<T extends { productId: string }>(
  db: Db,
  views: readonly T[],
): Promise<Array<T & { title: string | null }>> {
  const titles = await productTitles(
    db,
    views.map((v) => v.productId),
  );
  return views.map((v) => ({ ...v, title: titles.get(v.productId) ?? null }));
}
