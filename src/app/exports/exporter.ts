/**
 * What one CSV export is: its columns (a machine key for the header, a Chinese header for
 * `?lang=zh`, and how to read the cell from a row) and how to read its rows in keyset pages.
 * `csv-stream.ts` turns any exporter into a stream; `exporters.ts` lists them.
 */
import type { Cell } from "../../domain/csv/csv.js";
import type { ExportScope } from "../../store/repos/downstream/export-pages.js";
import type { Db } from "../../store/types.js";

export type { ExportScope } from "../../store/repos/downstream/export-pages.js";

export interface CellContext {
  campaignId: string;
  /** An instant as ISO-8601 in the campaign's zone. */
  iso(t: number): string;
  /** The product's current title, when its facts have one. */
  title(productId: string): string | null;
}

export interface Column<R> {
  key: string;
  zh: string;
  value(row: R, c: CellContext): Cell;
}

export interface Exporter<R, K> {
  /** The file's name without `.csv`, and the URL's last segment. */
  name: string;
  label: { zh: string; en: string };
  columns: readonly Column<R>[];
  page(db: Db, scope: ExportScope, after: K | undefined, limit: number): Promise<R[]>;
  keyOf(row: R): K;
  /** The product each row is about, for the title column (looked up once per page). */
  productOf?(row: R): string | null;
  /** Whether this database has what the export reads (a table another feature adds). */
  available?(db: Db): Promise<boolean>;
}

/** An exporter with its row and key types hidden, for the list. */
export type AnyExporter = Exporter<unknown, unknown>;

export function defineExporter<R, K>(e: Exporter<R, K>): AnyExporter {
  return e as unknown as AnyExporter;
}

/** A nullable instant as ISO text, empty when null. */
export const when = (c: CellContext, t: number | null) => (t === null ? null : c.iso(Number(t)));
