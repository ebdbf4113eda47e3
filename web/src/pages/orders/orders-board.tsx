/**
 * Orders most urgent first: the ones still to ship by time left, then the rest newest first; a
 * state filter that says how many each state holds, a search by order, product or buyer id, and a
 * refund awaiting the merchant answered in its row. The merchant's orders page and the operator's
 * orders page both show it; the filter lives in the URL (`?state=`), so a figure can link to it.
 */

import { useCallback, useState } from "react";
import { useSession } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { Deadline, useSpan } from "../../components/countdown.js";
import { ListStates } from "../../components/list-states.js";
import { OrderLink } from "../../components/order-link.js";
import { errorText } from "../../components/states.js";
import { VirtualTable } from "../../components/virtual-table.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatFen, formatInstant } from "../../lib/format.js";
import type { OrderState, TriageOrder, TriagePage } from "../../lib/types.js";
import { useDebounced } from "../../lib/use-debounced.js";
import { usePaged } from "../../lib/use-paged.js";

export const ORDER_STATES: readonly OrderState[] = [
  "all",
  "to_ship",
  "late_unshipped",
  "in_transit",
  "delivered",
  "refunded",
  "refund_pending",
  "violations",
  "claimed",
];

type Awaiting = TriageOrder["awaiting"][number];

/** Where an order stands, furthest step first. */
function statusOf(o: TriageOrder): string {
  if (o.deliveredAt) return "delivered";
  if (o.refundedAt) return "refunded";
  if (o.pickedUpAt) return "picked_up";
  if (o.shippedAt) return "shipped";
  return "awaiting_shipment";
}

function ShipBy({ order: o, now }: { order: TriageOrder; now: number }) {
  const { t } = useI18n();
  const late = o.violations.includes("late_shipment");
  if (o.shippedAt) {
    return (
      <Badge tone={late ? "bad" : "muted"}>
        {t("order.shippedAt", { at: formatInstant(o.shippedAt) })}
      </Badge>
    );
  }
  if (late) return <Badge tone="bad">{t("order.notShippedInTime")}</Badge>;
  // The status column says "refunded"; here, what it means for the deadline.
  if (o.refundedAt) return <span className="muted">{t("order.noShipmentOwed")}</span>;
  return <Deadline due={o.shipDueAt} now={now} soonMs={6 * 3600_000} />;
}

interface Props {
  /** The triage route: a merchant's, or the campaign's. */
  path: string;
  now: number;
  state: OrderState;
  onState: (state: OrderState) => void;
  showMerchant?: boolean;
  /** The refunds route of this merchant, when the viewer is the merchant and may answer. */
  refundsPath?: string;
}

export function OrdersBoard(props: Props) {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const [counts, setCounts] = useState<TriagePage["counts"]>();
  const fetchPage = useCallback(
    async (cursor: string | null) => {
      const page = await api.get<TriagePage>(props.path, {
        state: props.state,
        q,
        cursor,
        limit: 100,
      });
      if (page.counts) setCounts(page.counts);
      return { ...page, ...(page.counts ? { total: page.counts[props.state] } : {}) };
    },
    [props.path, props.state, q],
  );
  const list = usePaged(fetchPage, `${props.path}/${props.state}/${q}`);
  const answered = (orderId: string, refundId: string, response: Awaiting["response"]) =>
    list.update((o) =>
      o.orderId === orderId
        ? {
            ...o,
            awaiting: o.awaiting.map((r) => (r.refundId === refundId ? { ...r, response } : r)),
          }
        : o,
    );
  return (
    <div>
      <fieldset className="state-chips">
        <legend className="visually-hidden">{t("orders.stateFilter")}</legend>
        {ORDER_STATES.map((s) => (
          <button
            key={s}
            type="button"
            className={`chip${props.state === s ? " active" : ""}`}
            aria-pressed={props.state === s}
            data-state={s}
            onClick={() => props.onState(s)}
          >
            {t(`orders.state.${s}` as MessageKey)}
            {counts ? <span className="chip-count">{counts[s]}</span> : null}
          </button>
        ))}
      </fieldset>
      <div className="toolbar">
        <input
          type="search"
          aria-label={t("orders.search")}
          placeholder={t("orders.search")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted" data-testid="orders-count">
          {t("list.count", { shown: list.rows.length, total: list.total ?? list.rows.length })}
        </span>
      </div>
      <ListStates list={list} empty={t(q ? "orders.noMatch" : "order.none")} />
      {list.rows.length > 0 ? (
        <VirtualTable<TriageOrder>
          rows={list.rows}
          rowKey={(o) => o.orderId}
          rowHeight={60}
          onEndReached={list.loadMore}
          testId="orders"
          columns={[
            {
              key: "id",
              width: "1.3fr",
              header: t("order.id"),
              render: (o) => (
                <div>
                  <OrderLink merchantId={o.merchantId} orderId={o.orderId} />
                  {props.showMerchant ? (
                    <div className="muted small">
                      <code>{o.merchantId}</code>
                    </div>
                  ) : null}
                </div>
              ),
            },
            {
              key: "product",
              width: "1.8fr",
              header: t("product.title"),
              render: (o) => (
                <div>
                  <div>{o.title ?? o.productId}</div>
                  {o.title ? <code className="muted small">{o.productId}</code> : null}
                </div>
              ),
            },
            {
              key: "amount",
              width: "0.9fr",
              header: t("order.amount"),
              render: (o) => formatFen(o.amountFen),
            },
            {
              key: "paid",
              width: "1.4fr",
              header: t("order.paidAt"),
              render: (o) => formatInstant(o.paidAt),
            },
            {
              key: "status",
              width: "0.9fr",
              header: t("order.status"),
              render: (o) => t(`order.status.${statusOf(o)}` as MessageKey),
            },
            {
              key: "shipBy",
              width: "2fr",
              header: t("order.shipBy"),
              render: (o) => <ShipBy order={o} now={props.now} />,
            },
            {
              key: "violations",
              width: "1.1fr",
              header: t("order.violations"),
              render: (o) =>
                o.violations.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  o.violations.map((v) => (
                    <Badge key={v} tone="bad">
                      {t(`violation.${v}` as MessageKey)}
                    </Badge>
                  ))
                ),
            },
            {
              key: "refund",
              width: "2.4fr",
              header: t("orders.refund"),
              render: (o) =>
                o.awaiting.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  o.awaiting.map((r) => (
                    <RefundCell
                      key={r.refundId}
                      order={o}
                      refund={r}
                      now={props.now}
                      {...(props.refundsPath ? { refundsPath: props.refundsPath } : {})}
                      onAnswered={(response) => answered(o.orderId, r.refundId, response)}
                    />
                  ))
                ),
            },
          ]}
        />
      ) : null}
    </div>
  );
}

/** A refund left to the merchant: its answer, or (for the merchant) approve / refuse with a note. */
function RefundCell(props: {
  order: TriageOrder;
  refund: Awaiting;
  now: number;
  refundsPath?: string;
  onAnswered: (response: Awaiting["response"]) => void;
}) {
  const { t, pick } = useI18n();
  const span = useSpan();
  const { me } = useSession();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const r = props.refund;
  if (r.response) {
    return (
      <Badge tone={r.response.decision === "approve" ? "ok" : "muted"}>
        {t(r.response.decision === "approve" ? "orders.refundApproved" : "orders.refundRefused")}
        {r.response.note ? ` · ${r.response.note}` : ""}
      </Badge>
    );
  }
  const waited = span(Math.max(0, props.now - Date.parse(r.requestedAt)));
  const reason = r.reason ? t(`refund.reason.${r.reason}` as MessageKey) : "";
  if (!props.refundsPath || me?.role !== "merchant") {
    return (
      <span className="small">
        <Badge tone="warn">{t("refund.awaitingMerchant")}</Badge>{" "}
        {t("orders.waited", { span: waited })}
      </span>
    );
  }
  async function answer(decision: "approve" | "refuse") {
    if (decision === "refuse" && !note.trim()) {
      setError(t("orders.refuseNeedsNote"));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const path = `${props.refundsPath}/${encodeURIComponent(props.order.orderId)}/${encodeURIComponent(r.refundId)}/response`;
      const out = await api.post<{
        decision: "approve" | "refuse";
        note: string | null;
        decidedAt: string;
      }>(path, { decision, ...(note.trim() ? { note: note.trim() } : {}) });
      props.onAnswered({ decision: out.decision, note: out.note, at: out.decidedAt });
    } catch (cause) {
      setError(errorText(cause, { t, pick }));
      setBusy(false);
    }
  }
  return (
    <div className="refund-answer" data-refund={r.refundId}>
      <div className="small">
        <Badge tone="warn">{t("refund.awaitingMerchant")}</Badge> {reason} ·{" "}
        {t("orders.waited", { span: waited })}
      </div>
      <div className="refund-answer-row">
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={busy}
          data-testid={`refund-approve-${r.refundId}`}
          onClick={() => answer("approve")}
        >
          {t("orders.approveRefund")}
        </button>
        <input
          className="refund-note"
          aria-label={t("orders.refuseNote")}
          placeholder={t("orders.refuseNote")}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid={`refund-note-${r.refundId}`}
        />
        <button
          type="button"
          className="btn btn-small btn-danger"
          disabled={busy}
          data-testid={`refund-refuse-${r.refundId}`}
          onClick={() => answer("refuse")}
        >
          {t("orders.refuseRefund")}
        </button>
      </div>
      {error ? (
        <span className="form-error small" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
