/**
 * Facts as they are read back: a merchant's current facts, its products' page by page, and any
 * stored snapshot by hash (the facts a registration was judged on). Every body is checked to be
 * the JSON object Gala stored.
 */
import { storedObject } from "../../store/corrupt.js";
import { getMerchantFacts, getSnapshot, listMerchantProducts } from "../../store/repos/facts.js";
import type { AppContext } from "../context.js";

export type FactsBody = Record<string, unknown>;

export interface FactsRead {
  snapshotHash: string;
  facts: FactsBody;
}

export async function readMerchantFacts(
  ctx: AppContext,
  merchantId: string,
): Promise<FactsRead | undefined> {
  const row = await getMerchantFacts(ctx.store.db, merchantId);
  if (!row) return undefined;
  const at = { table: "merchants", column: "facts", key: merchantId };
  return { snapshotHash: row.hash, facts: storedObject(at, row.body) };
}

export async function readMerchantProducts(
  ctx: AppContext,
  merchantId: string,
  page: { limit: number; after?: string | undefined },
): Promise<{ items: FactsRead[]; nextCursor: string | null }> {
  const rows = await listMerchantProducts(ctx.store.db, merchantId, page.after, page.limit + 1);
  const items = rows.slice(0, page.limit);
  return {
    items: items.map((r) => ({
      snapshotHash: r.hash,
      facts: storedObject({ table: "products", column: "facts", key: r.id }, r.body),
    })),
    nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null,
  };
}

export interface SnapshotRead {
  kind: "merchant" | "product";
  subjectId: string;
  /** The merchant the facts belong to: the subject, or a product's `merchantId`. */
  owner: unknown;
  facts: FactsBody;
}

export async function readSnapshot(
  ctx: AppContext,
  hash: string,
): Promise<SnapshotRead | undefined> {
  const snapshot = await getSnapshot(ctx.store.db, hash);
  if (!snapshot) return undefined;
  const at = { table: "fact_snapshots", column: "body", key: hash };
  const facts = storedObject(at, snapshot.body);
  return {
    kind: snapshot.kind,
    subjectId: snapshot.subjectId,
    owner: snapshot.kind === "merchant" ? snapshot.subjectId : facts.merchantId,
    facts,
  };
}
