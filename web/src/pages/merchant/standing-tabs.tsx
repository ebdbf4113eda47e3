/** What the violations cost in the venue: each violation, and each product's weight now. */
import { Badge } from "../../components/badge.js";
import { PagedTable } from "../../components/paged-table.js";
import { useI18n } from "../../i18n/index.js";
import { formatInstant } from "../../lib/format.js";
import type { ViolationView, WeightView } from "../../lib/types.js";

export function ViolationsTab({ base }: { base: string }) {
  const { t } = useI18n();
  return (
    <PagedTable<ViolationView>
      path={`${base}/violations`}
      rowKey={(v) => v.id}
      empty={t("violation.none")}
      testId="violations"
      columns={[
        {
          key: "kind",
          width: "1.4fr",
          header: t("violation.kind"),
          render: (v) => (
            <Badge tone="bad">
              {t(
                v.kind === "false_shipment"
                  ? "violation.false_shipment"
                  : "violation.late_shipment",
              )}
            </Badge>
          ),
        },
        {
          key: "order",
          width: "1.4fr",
          header: t("order.id"),
          render: (v) => <code>{v.orderId}</code>,
        },
        {
          key: "product",
          width: "1.4fr",
          header: t("product.id"),
          render: (v) => <code>{v.productId}</code>,
        },
        { key: "at", width: "1.5fr", header: t("common.at"), render: (v) => formatInstant(v.at) },
      ]}
    />
  );
}

export function WeightsTab({ base }: { base: string }) {
  const { t } = useI18n();
  return (
    <PagedTable<WeightView>
      path={`${base}/weights`}
      rowKey={(w) => w.productId}
      empty={t("weight.none")}
      testId="weights"
      columns={[
        {
          key: "product",
          width: "2fr",
          header: t("product.title"),
          render: (w) => w.title ?? w.productId,
        },
        {
          key: "id",
          width: "1.3fr",
          header: t("product.id"),
          render: (w) => <code>{w.productId}</code>,
        },
        {
          key: "weight",
          width: "1fr",
          header: t("weight.weight"),
          render: (w) => w.weight.toFixed(2),
        },
        {
          key: "violations",
          width: "1fr",
          header: t("weight.violations"),
          render: (w) => w.violations,
        },
        {
          key: "listed",
          width: "2fr",
          header: t("weight.listing"),
          render: (w) =>
            w.delistedAt ? (
              <Badge tone="bad">{t("weight.delisted", { at: formatInstant(w.delistedAt) })}</Badge>
            ) : (
              <Badge tone="ok">{t("weight.listed")}</Badge>
            ),
        },
      ]}
    />
  );
}
