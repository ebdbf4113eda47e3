/**
 * The review queue: pending registrations soonest-due first, with SLA badges, a decision per row
 * or in bulk, and a detail drawer with everything the decision needs. The keyboard works the
 * queue: j/k (or ↓/↑) move, Enter opens, x selects, a approves, r rejects, Esc closes.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { campaignPath, useCampaign, useCategoryName } from "../../app/campaign.js";
import { href, useLocation } from "../../app/router.js";
import { Deadline } from "../../components/countdown.js";
import { ListCount } from "../../components/list-count.js";
import { ListStates } from "../../components/list-states.js";
import { ProductCell } from "../../components/product-cell.js";
import { selectColumn } from "../../components/select-column.js";
import { errorText } from "../../components/states.js";
import { type Column, VirtualTable } from "../../components/virtual-table.js";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatInstant } from "../../lib/format.js";
import type { Registration } from "../../lib/types.js";
import { type Page, usePaged } from "../../lib/use-paged.js";
import { useServerNow } from "../../lib/use-server-now.js";
import { BulkReviewBar } from "./bulk-review-bar.js";
import { type QueueFilter, QueueFilters } from "./queue-filters.js";
import { RegistrationDrawer } from "./registration-drawer.js";

/** Keys typed into a field are the field's, not the queue's. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.closest("input, textarea, select, [contenteditable=true]") !== null ||
    target.closest("[role=dialog]") !== null);

export function QueuePage() {
  const { t, pick } = useI18n();
  const categoryName = useCategoryName();
  const { campaign } = useCampaign();
  // The server's clock may run faster than real time (the demo runs at 60×): re-read it.
  const now = useServerNow(campaign.id);
  // A dashboard figure links here with its filter (`#/review?due=overdue`).
  const { query } = useLocation();
  const [filter, setFilter] = useState<QueueFilter>(() => {
    const due = query.get("due");
    return {
      due: due === "overdue" || due === "due_soon" ? due : "",
      category: "",
      merchantId: query.get("merchantId") ?? "",
    };
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string>();
  const [rowError, setRowError] = useState<string>();
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState<{ id: string; rejecting: boolean }>();

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
  const rows = list.rows;
  const title = (r: Registration) => r.title ?? r.productId;

  async function decideSelected(decision: "approve" | "reject", reason: string) {
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

  /** A decision taken on one row (its button, the drawer, a key): the row leaves the queue. */
  const decided = useCallback(
    (id: string, decision: "approve" | "reject") => {
      const row = rows.find((r) => r.id === id);
      setNotice(
        t(decision === "approve" ? "queue.approvedOne" : "queue.rejectedOne", {
          product: row ? (row.title ?? row.productId) : id,
        }),
      );
      const index = rows.findIndex((r) => r.id === id);
      const next = rows[index + 1] ?? rows[index - 1];
      list.remove((r) => r.id === id);
      setSelected((s) => {
        if (!s.has(id)) return s;
        const copy = new Set(s);
        copy.delete(id);
        return copy;
      });
      // The drawer goes on to the next registration; the list keeps its place.
      setOpen((o) => (o?.id === id ? (next ? { id: next.id, rejecting: false } : undefined) : o));
    },
    [rows, list, t],
  );

  const approveOne = useCallback(
    async (r: Registration) => {
      setRowError(undefined);
      try {
        await api.post(`/api/v1/registrations/${encodeURIComponent(r.id)}/review`, {
          decision: "approve",
        });
        decided(r.id, "approve");
      } catch (cause) {
        setRowError(errorText(cause, { t, pick }));
      }
    },
    [decided, t, pick],
  );

  // The queue's keys, on the page (not in a field, not in the drawer, which has its own).
  const keys = useRef<(e: KeyboardEvent) => void>(() => {});
  keys.current = (e: KeyboardEvent) => {
    if (e.metaKey || e.ctrlKey || e.altKey || typing(e.target)) return;
    const row = rows[active];
    const move = (to: number) => {
      const i = Math.max(0, Math.min(rows.length - 1, to));
      setActive(i);
      document.querySelector(`[data-testid=queue] [data-index="${i}"]`)?.scrollIntoView({
        block: "nearest",
      });
    };
    if (e.key === "j" || e.key === "ArrowDown") move(active + 1);
    else if (e.key === "k" || e.key === "ArrowUp") move(active - 1);
    else if (!row) return;
    else if (e.key === "Enter" || e.key === "o") setOpen({ id: row.id, rejecting: false });
    else if (e.key === "r") setOpen({ id: row.id, rejecting: true });
    else if (e.key === "a") void approveOne(row);
    else if (e.key === "x") {
      setSelected((s) => {
        const copy = new Set(s);
        if (copy.has(row.id)) copy.delete(row.id);
        else copy.add(row.id);
        return copy;
      });
    } else return;
    e.preventDefault();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => keys.current(e);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    if (active > 0 && active >= rows.length) setActive(Math.max(0, rows.length - 1));
  }, [active, rows.length]);

  const columns: Column<Registration>[] = [
    selectColumn({
      rows,
      selected,
      setSelected,
      id: (r) => r.id,
      label: (r) => r.productId,
      allLabel: t("register.selectAll"),
      data: (r) => ({ "data-registration": r.id, "data-product": r.productId }),
    }),
    {
      key: "sla",
      width: "1.7fr",
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
      width: "1.1fr",
      header: t("queue.merchant"),
      render: (r) => (
        <a href={href(`/merchants/${encodeURIComponent(r.merchantId)}/campaign`)}>{r.merchantId}</a>
      ),
    },
    {
      key: "at",
      width: "1.4fr",
      header: t("registration.registeredAt"),
      render: (r) => formatInstant(r.registeredAt),
    },
    {
      key: "actions",
      width: "2.1fr",
      header: t("queue.rowActions"),
      render: (r, i) => (
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-small"
            data-open-detail={r.id}
            aria-label={`${t("detail.open")} ${title(r)}`}
            onClick={() => {
              setActive(i);
              setOpen({ id: r.id, rejecting: false });
            }}
          >
            {t("detail.open")}
          </button>
          <button
            type="button"
            className="btn btn-small btn-primary"
            data-approve={r.id}
            aria-label={`${t("queue.approveOne")} ${title(r)}`}
            onClick={() => approveOne(r)}
          >
            {t("queue.approveOne")}
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger"
            data-reject={r.id}
            aria-label={`${t("queue.rejectOne")} ${title(r)}`}
            onClick={() => {
              setActive(i);
              setOpen({ id: r.id, rejecting: true });
            }}
          >
            {t("queue.rejectOne")}
          </button>
        </div>
      ),
    },
  ];

  const openIndex = open ? rows.findIndex((r) => r.id === open.id) : -1;
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t("nav.review")}</h1>
          <p className="muted small">{t("queue.sortedBySla")}</p>
        </div>
        <p className="muted small shortcuts">{t("queue.shortcuts")}</p>
      </header>
      <section className="card">
        <div className="toolbar">
          <QueueFilters
            value={filter}
            onChange={(f) => {
              setFilter(f);
              setSelected(new Set());
              setActive(0);
            }}
          />
          <ListCount list={list} />
        </div>
        <BulkReviewBar count={selected.size} onDecide={decideSelected} />
        {notice ? (
          <div className="banner banner-ok" role="status">
            {notice}
          </div>
        ) : null}
        {rowError ? (
          <div className="form-error" role="alert">
            {rowError}
          </div>
        ) : null}
        <ListStates
          list={list}
          empty={Object.values(filter).some(Boolean) ? t("queue.noMatch") : t("queue.empty")}
        />
        {rows.length > 0 ? (
          <VirtualTable
            columns={columns}
            rows={rows}
            rowKey={(r) => r.id}
            rowHeight={56}
            onEndReached={list.loadMore}
            testId="queue"
            rowProps={(_, i) => ({ "data-active": i === active ? "true" : undefined })}
          />
        ) : null}
      </section>
      {open && openIndex >= 0 ? (
        <RegistrationDrawer
          registrationId={open.id}
          rejecting={open.rejecting}
          now={now}
          position={{ index: openIndex, count: list.total ?? rows.length }}
          onClose={() => setOpen(undefined)}
          onStep={(delta) => {
            const next = rows[openIndex + delta];
            if (next) {
              setActive(openIndex + delta);
              setOpen({ id: next.id, rejecting: false });
            }
          }}
          onDecided={decided}
        />
      ) : null}
    </div>
  );
}
