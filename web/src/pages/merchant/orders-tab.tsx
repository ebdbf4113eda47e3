/** Orders with their ship-by countdown: the 24/48 h guarantee runs from payment. */
import { useState } from "react";
import { Deadline, useNow } from "../../components/countdown.js";
import { PagedTable } from "../../components/paged-table.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { formatFen, formatInstant } from "../../lib/format.js";
import type { OrderView } from "../../lib/types.js";

const STATUSES = ["awaiting_shipment", "shipped", "picked_up", "delivered", "refunded"] as const;

export function OrdersTab({ base }: { base: string }) {
  const { t } = useI18n();
  const now = useNow();
  const [status, setStatus] = useState("");
  const statusText = (s: string) => {
    const key = `order.status.${s}` as MessageKey;
    const text = t(key);
    return text === key ? s : text;
  };
  return (
    <>
      <div className="toolbar">
        <select
          aria-label={t("order.status")}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        >
          <option value="">{t("filter.allStates")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusText(s)}
            </option>
          ))}
        </select>
      </div>
      <PagedTable<OrderView>
        path={`${base}/orders`}
        query={{ status }}
        rowKey={(o) => o.orderId}
        empty={t("order.none")}
        testId="orders"
        columns={[
          {
            key: "id",
            width: "1.3fr",
            header: t("order.id"),
            render: (o) => <code>{o.orderId}</code>,
          },
          {
            key: "product",
            width: "1.6fr",
            header: t("product.title"),
            render: (o) => o.title ?? o.productId,
          },
          {
            key: "amount",
            width: "1fr",
            header: t("order.amount"),
            render: (o) => formatFen(o.amountFen),
          },
          {
            key: "paid",
            width: "1.5fr",
            header: t("order.paidAt"),
            render: (o) => formatInstant(o.paidAt),
          },
          {
            key: "status",
            width: "1fr",
            header: t("order.status"),
            render: (o) => statusText(o.status),
          },
          {
            key: "shipBy",
            width: "2fr",
            header: t("order.shipBy"),
            render: (o) => (
              <Deadline
                due={o.shipBy}
                now={now}
                soonMs={6 * 3600_000}
                doneLabel={
                  o.shippedAt
                    ? t("order.shippedAt", { at: formatInstant(o.shippedAt) })
                    : o.refundedAt
                      ? t("order.status.refunded")
                      : undefined
                }
              />
            ),
          },
        ]}
      />
    </>
  );
}
