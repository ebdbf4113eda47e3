/** The review queue: pending registrations soonest-due first, with SLA badges and bulk decisions. */
import { useCallback, useState } from "react";
import { campaignPath, useCampaign, useCategoryName } from "../../app/campaign.js";
import { href } from "../../app/router.js";
import { Deadline } from "../../components/countdown.js";
import { ListCount } from "../../components/list-count.js";
import { ListStates } from "../../components/list-states.js";
import { ProductCell } from "../../components/product-cell.js";
import { selectColumn } from "../../components/select-column.js";
import { type Column, VirtualTable } from "../../components/virtual-table.js";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatInstant } from "../../lib/format.js";
import type { Registration } from "../../lib/types.js";
import { type Page, usePaged } from "../../lib/use-paged.js";
import { useServerNow } from "../../lib/use-server-now.js";
import { BulkReviewBar } from "./bulk-review-bar.js";
import { type QueueFilter, QueueFilters } from "./queue-filters.js";

export function QueuePage() {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const { campaign } = useCampaign();
  // The server's clock may run faster than real time (the demo runs at 60×): re-read it.
  const now = useServerNow(campaign.id);
  const [filter, setFilter] = useState<QueueFilter>({ due: "", category: "", merchantId: "" });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string>();

  const fetchPage = useCallback(
    (cursor: string | null) =>
      api.get<Page<Registration>>(campaignPath(campaign, "/review-queue"), {
        ...filter,
        cursor,
        limit: 200,
      }),
    [campaign, filter],
  );
  const list = usePaged(fetchPage, `${campaign.id}/${JSON.stringify(filter)}`);

  async function decide(decision: "approve" | "reject", reason: string) {
    const ids = [...selected];
    await api.post(campaignPath(campaign, "/reviews"), {
      decisions: ids.map((registrationId) => ({
        registrationId,
        decision,
        ...(reason ? { reason } : {}),
      })),
    });
    setNotice(t(decision === "approve" ? "queue.approvedN" : "queue.rejectedN", { n: ids.length }));
    setSelected(new Set());
    list.reload();
  }

  const columns: Column<Registration>[] = [
    selectColumn({
      rows: list.rows,
      selected,
      setSelected,
      id: (r) => r.id,
      label: (r) => r.productId,
      allLabel: t("register.selectAll"),
      data: (r) => ({ "data-registration": r.id, "data-product": r.productId }),
    }),
    {
      key: "sla",
      width: "1.8fr",
      header: t("registration.reviewSla"),
      render: (r) => <Deadline due={r.reviewDueAt} now={now} />,
    },
    {
      key: "product",
      width: "2.2fr",
      header: t("product.title"),
      render: (r) => <ProductCell title={r.title} productId={r.productId} />,
    },
    {
      key: "category",
      width: "1fr",
      header: t("product.category"),
      render: (r) => categoryName(r.category),
    },
    {
      key: "merchant",
      width: "1.2fr",
      header: t("queue.merchant"),
      render: (r) => (
        <a href={href(`/merchants/${encodeURIComponent(r.merchantId)}/campaign`)}>{r.merchantId}</a>
      ),
    },
    {
      key: "at",
      width: "1.5fr",
      header: t("registration.registeredAt"),
      render: (r) => formatInstant(r.registeredAt),
    },
  ];

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav.review")}</h1>
        <span className="muted">{t("queue.sortedBySla")}</span>
      </header>
      <section className="card">
        <div className="toolbar">
          <QueueFilters
            value={filter}
            onChange={(f) => {
              setFilter(f);
              setSelected(new Set());
            }}
          />
          <ListCount list={list} />
        </div>
        <BulkReviewBar count={selected.size} onDecide={decide} />
        {notice ? (
          <div className="banner banner-ok" role="status">
            {notice}
          </div>
        ) : null}
        <ListStates
          list={list}
          empty={Object.values(filter).some(Boolean) ? t("queue.noMatch") : t("queue.empty")}
        />
        {list.rows.length > 0 ? (
          <VirtualTable
            columns={columns}
            rows={list.rows}
            rowKey={(r) => r.id}
            rowHeight={56}
            onEndReached={list.loadMore}
            testId="queue"
          />
        ) : null}
      </section>
    </div>
  );
}
