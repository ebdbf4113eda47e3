/** Money that moved because of the campaign's promises: claims paid to buyers, instant refunds. */
import { Badge } from "../../components/badge.js";
import { PagedTable } from "../../components/paged-table.js";
import { useI18n } from "../../i18n/index.js";
import { formatFen, formatInstant } from "../../lib/format.js";
import type { ClaimView, RefundView } from "../../lib/types.js";

export function ClaimsTab({ base }: { base: string }) {
  const { t } = useI18n();
  return (
    <PagedTable<ClaimView>
      path={`${base}/claims`}
      rowKey={(c) => `${c.orderId}/${c.kind}`}
      empty={t("claim.none")}
      testId="claims"
      columns={[
        {
          key: "order",
          width: "1.4fr",
          header: t("order.id"),
          render: (c) => <code>{c.orderId}</code>,
        },
        {
          key: "kind",
          width: "1.2fr",
          header: t("violation.kind"),
          render: (c) =>
            t(c.kind === "false_shipment" ? "violation.false_shipment" : "violation.late_shipment"),
        },
        {
          key: "amount",
          width: "1fr",
          header: t("claim.amount"),
          render: (c) => (c.amountFen === null ? "—" : formatFen(c.amountFen)),
        },
        {
          key: "status",
          width: "1.4fr",
          header: t("claim.status"),
          render: (c) =>
            c.status === "paid" ? (
              <Badge tone="ok">{t("claim.paid")}</Badge>
            ) : (
              <Badge tone="warn">{t("claim.held")}</Badge>
            ),
        },
        { key: "at", width: "1.5fr", header: t("common.at"), render: (c) => formatInstant(c.at) },
      ]}
    />
  );
}

export function RefundsTab({ base }: { base: string }) {
  const { t } = useI18n();
  return (
    <PagedTable<RefundView>
      path={`${base}/refunds`}
      rowKey={(r) => r.refundId}
      empty={t("refund.none")}
      testId="refunds"
      columns={[
        {
          key: "refund",
          width: "1.4fr",
          header: t("refund.id"),
          render: (r) => <code>{r.refundId}</code>,
        },
        {
          key: "order",
          width: "1.4fr",
          header: t("order.id"),
          render: (r) => <code>{r.orderId}</code>,
        },
        {
          key: "amount",
          width: "1fr",
          header: t("refund.amount"),
          render: (r) => formatFen(r.amountFen),
        },
        {
          key: "instant",
          width: "1.2fr",
          header: t("refund.kind"),
          render: (r) =>
            r.instant ? (
              <Badge tone="info">{t("refund.instant")}</Badge>
            ) : (
              t("refund.awaitingMerchant")
            ),
        },
        { key: "at", width: "1.5fr", header: t("common.at"), render: (r) => formatInstant(r.at) },
      ]}
    />
  );
}
