/** What the violations cost in the venue: each violation, and each product's weight now. */
import { Badge } from "../../components/badge.js";
import { OrderLink } from "../../components/order-link.js";
import { PagedTable } from "../../components/paged-table.js";
import { Empty, ErrorBox, Loading } from "../../components/states.js";
import { VirtualTable } from "../../components/virtual-table.js";
import { exitReasonText, type MessageKey, useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatInstant } from "../../lib/format.js";
import type { MerchantWeights, ViolationDecision } from "../../lib/types.js";
import { useResource } from "../../lib/use-resource.js";

export function ViolationsTab({ base }: { base: string }) {
  const { t } = useI18n();
  return (
    <PagedTable<ViolationDecision>
      path={`${base}/decisions`}
      query={{ group: "violations" }}
      rowKey={(v) => `${v.type}/${v.orderId}/${v.kind}/${v.at}`}
      empty={t("violation.none")}
      testId="violations"
      columns={[
        {
          key: "kind",
          width: "1.4fr",
          header: t("violation.kind"),
          render: (v) =>
            v.type === "violation.revoked" ? (
              <Badge tone="ok">
                {t(`violation.${v.kind}` as MessageKey)} · {t("violation.revoked")}
                {v.reason ? ` (${t(`violation.revokedBy.${v.reason}` as MessageKey)})` : ""}
              </Badge>
            ) : (
              <Badge tone="bad">{t(`violation.${v.kind}` as MessageKey)}</Badge>
            ),
        },
        {
          key: "order",
          width: "1.4fr",
          header: t("order.id"),
          render: (v) => <OrderLink merchantId={v.merchantId} orderId={v.orderId} />,
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

type Listing = MerchantWeights["listings"][number];

/** One merchant's listings are a few hundred at most: one read, no paging, still virtualised. */
export function WeightsTab({ base }: { base: string }) {
  const { t } = useI18n();
  const res = useResource(() => api.get<MerchantWeights>(`${base}/weights`), [base]);
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  const w = res.data;
  if (!w) return <Loading />;
  return (
    <div>
      <div className="toolbar" data-testid="merchant-standing">
        {w.status === "exited" ? (
          <Badge tone="bad">
            {t("weight.exited", {
              at: formatInstant(w.exitedAt),
              reason: exitReasonText(t, w.exitReason),
            })}
          </Badge>
        ) : (
          <Badge tone="ok">{t("weight.active")}</Badge>
        )}
        <span className="muted small">{t("weight.totalViolations", { n: w.violations })}</span>
      </div>
      {w.listings.length === 0 ? <Empty>{t("weight.none")}</Empty> : null}
      {w.listings.length > 0 ? (
        <VirtualTable<Listing>
          rows={w.listings}
          rowKey={(l) => l.productId}
          rowHeight={56}
          testId="weights"
          columns={[
            {
              key: "product",
              width: "2fr",
              header: t("product.title"),
              render: (l) => (
                <div>
                  <div>{l.title ?? l.productId}</div>
                  {l.title ? <code className="muted small">{l.productId}</code> : null}
                </div>
              ),
            },
            {
              key: "weight",
              width: "1fr",
              header: t("weight.weight"),
              render: (l) => (
                <span className={l.weight < 1 ? "bad-text" : ""}>{l.weight.toFixed(2)}</span>
              ),
            },
            {
              key: "violations",
              width: "1fr",
              header: t("weight.violations"),
              render: (l) => l.violations,
            },
            {
              key: "listed",
              width: "1.5fr",
              header: t("weight.listedAt"),
              render: (l) => formatInstant(l.listedAt),
            },
            {
              key: "venue",
              width: "2.2fr",
              header: t("weight.listing"),
              render: (l) =>
                l.delistedAt ? (
                  <Badge tone="bad">
                    {t("weight.delisted", { at: formatInstant(l.delistedAt) })}
                  </Badge>
                ) : l.inVenue ? (
                  <Badge tone="ok">{t("weight.listed")}</Badge>
                ) : (
                  <Badge tone="muted">{t("weight.notInVenue")}</Badge>
                ),
            },
          ]}
        />
      ) : null}
    </div>
  );
}
