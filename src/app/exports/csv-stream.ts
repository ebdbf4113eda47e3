/**
 * An export as a stream of CSV text: the byte order mark and the header, then one chunk per
 * keyset page. Pull-driven (an async generator under `Readable.from`): the next page is read
 * only when the client has taken the last, so a slow download holds one page, whatever the
 * export's size.
 */
import { BOM, csvRecord } from "../../domain/csv/csv.js";
import type { ExportScope } from "../../store/repos/downstream/export-pages.js";
import { getProductFacts } from "../../store/repos/facts.js";
import type { Db } from "../../store/types.js";
import type { AnyExporter, CellContext } from "./exporter.js";

export const EXPORT_PAGE_ROWS = 1_000;
/** Titles kept across pages; past this the cache starts over (memory stays bounded). */
const TITLE_CACHE_LIMIT = 20_000;

export interface CsvOptions {
  /** Chinese headers (`zh`) or the machine keys (`en`, the default). */
  lang: "zh" | "en";
  iso(t: number): string;
  pageRows?: number;
}

export async function* csvChunks(
  db: Db,
  exporter: AnyExporter,
  scope: ExportScope,
  options: CsvOptions,
): AsyncGenerator<string> {
  const pageRows = options.pageRows ?? EXPORT_PAGE_ROWS;
  yield BOM + csvRecord(exporter.columns.map((c) => (options.lang === "zh" ? c.zh : c.key)));
  const titles = new Map<string, string | null>();
  const context: CellContext = {
    campaignId: scope.campaignId,
    iso: options.iso,
    title: (productId) => titles.get(productId) ?? null,
  };
  let after: unknown;
  for (;;) {
    const rows = await exporter.page(db, scope, after, pageRows);
    if (rows.length === 0) return;
    if (exporter.productOf) await lookUpTitles(db, rows.map(exporter.productOf), titles);
    let chunk = "";
    for (const row of rows) chunk += csvRecord(exporter.columns.map((c) => c.value(row, context)));
    yield chunk;
    if (rows.length < pageRows) return;
    after = exporter.keyOf(rows[rows.length - 1]);
  }
}

async function lookUpTitles(
  db: Db,
  productIds: ReadonlyArray<string | null>,
  titles: Map<string, string | null>,
): Promise<void> {
  const page = [...new Set(productIds)].filter((id): id is string => id !== null);
  let missing = page.filter((id) => !titles.has(id));
  if (missing.length === 0) return;
  if (titles.size + missing.length > TITLE_CACHE_LIMIT) {
    titles.clear();
    missing = page;
  }
  const facts = await getProductFacts(db, missing);
  for (const id of missing) {
    const row = facts.get(id);
    const title = row ? (JSON.parse(row.body) as { title?: unknown }).title : undefined;
    titles.set(id, typeof title === "string" ? title : null);
  }
}
