/**
 * A server-paginated, virtualised list with its loading, empty and error states: the common body
 * of most console lists. A 404 from a route this server does not have yet reads as "not available".
 */
import { useCallback } from "react";
import { useI18n } from "../i18n/index.js";
import { ApiError, api, type Query } from "../lib/api.js";
import { type Page, usePaged } from "../lib/use-paged.js";
import { Empty, ErrorBox, Loading } from "./states.js";
import { type Column, VirtualTable } from "./virtual-table.js";

interface PagedTableProps<T> {
  path: string;
  query?: Query;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  empty: string;
  rowHeight?: number;
  testId?: string;
  /** The query parameter that carries the cursor (`cursor`, or `after` for the audit log). */
  cursorParam?: string;
}

export function PagedTable<T>({
  path,
  query,
  columns,
  rowKey,
  empty,
  rowHeight,
  testId,
  cursorParam = "cursor",
}: PagedTableProps<T>) {
  const { t } = useI18n();
  const key = `${path}?${JSON.stringify(query ?? {})}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` captures path and query.
  const fetchPage = useCallback(
    (cursor: string | null) =>
      api.get<Page<T>>(path, { ...query, [cursorParam]: cursor, limit: 200 }),
    [key],
  );
  const list = usePaged(fetchPage, key);
  const missing = list.error instanceof ApiError && list.error.status === 404;
  return (
    <div>
      <div className="muted small list-count">
        {t("list.count", { shown: list.rows.length, total: list.total ?? list.rows.length })}
      </div>
      {missing ? <Empty>{t("state.notAvailable")}</Empty> : null}
      {list.error && !missing && list.rows.length === 0 ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : null}
      {list.loading && list.rows.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.rows.length === 0 ? <Empty>{empty}</Empty> : null}
      {list.rows.length > 0 ? (
        <VirtualTable
          columns={columns}
          rows={list.rows}
          rowKey={rowKey}
          onEndReached={list.loadMore}
          {...(rowHeight ? { rowHeight } : {})}
          {...(testId ? { testId } : {})}
        />
      ) : null}
    </div>
  );
}
