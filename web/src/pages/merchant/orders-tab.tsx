/**
 * Orders with their ship-by countdown: the 24/48 h guarantee runs from payment, and the server
 * says when (`shipDueAt`, open until shipped online, missed or refunded). A missed deadline shows
 * as the violation it became; the countdown reads the server's clock, not the browser's.
 */
import { Badge } from "../../components/badge.js";
import { Deadline } from "../../components/countdown.js";
import { PagedTable } from "../../components/paged-table.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { formatFen, formatInstant } from "../../lib/format.js";
import type { OrderView } from "../../lib/types.js";

/** Where an order stands, furthest step first. */
function statusOf(o: OrderView): string {
  if (o.deliveredAt) return "delivered";
  if (o.refundedAt) return "refunded";
  if (o.pickedUpAt) return "picked_up";
  if (o.shippedAt) return "shipped";
  return "awaiting_shipment";
}

function ShipBy({ order: o, now }: { order: OrderView; now: number }) {
  const { t } = useI18n();
  const late = o.violations.includes("late_shipment");
  if (o.shippedAt) {
    return (
      <Badge tone={late ? "bad" : "muted"}>
        {t("order.shippedAt", { at: formatInstant(o.shippedAt) })}
      </Badge>
    );
  }
  if (late) {
    return <Badge tone="bad">{t("order.notShippedInTime")}</Badge>;
  }
  // The status column says "refunded"; here, what it means for the deadline.
  if (o.refundedAt) return <span className="muted">{t("order.noShipmentOwed")}</span>;
  return <Deadline due={o.shipDueAt} now={now} soonMs={6 * 3600_000} />;
}

export function OrdersTab({ base, now }: { base: string; now: number }) {
  const { t } = useI18n();
  return (
    <PagedTable<OrderView>
      path={`${base}/orders`}
      rowKey={(o) => o.orderId}
      rowHeight={56}
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
          render: (o) => t(`order.status.${statusOf(o)}` as MessageKey),
        },
        {
          key: "shipBy",
          width: "2.2fr",
          header: t("order.shipBy"),
          render: (o) => <ShipBy order={o} now={now} />,
        },
        {
          key: "violations",
          width: "1.2fr",
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
      ]}
    />
  );
}
