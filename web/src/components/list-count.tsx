/** "N of M" for a paged list: the rows loaded so far, and the server's total when it gave one. */
import { useI18n } from "../i18n/index.js";
import type { PagedState } from "../lib/use-paged.js";

export function ListCount({ list, className = "muted" }: { list: PagedState; className?: string }) {
  const { t } = useI18n();
  return (
    <span className={className}>
      {t("list.count", { shown: list.rows.length, total: list.total ?? list.rows.length })}
    </span>
  );
}
