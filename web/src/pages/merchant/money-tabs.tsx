/** Money that moved because of the campaign's promises: claims paid to buyers, instant refunds. */
import { Badge } from "../../components/badge.js";
import { PagedTable } from "../../components/paged-table.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { formatFen, formatInstant } from "../../lib/format.js";
import type { ClaimDecision, RefundDecision } from "../../lib/types.js";

export function ClaimsTab({ base }: { base: string }) {
  const { t } = useI18n();
  return (
    <PagedTable<ClaimDecision>
      path={`${base}/decisions`}
      query={{ group: "claims" }}
      // A held claim and its resolution share order and kind.
      rowKey={(c) => `${c.orderId}/${c.kind}/${c.type}/${c.at}`}
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
          render: (c) => t(`violation.${c.kind}` as MessageKey),
        },
        {
          key: "buyer",
          width: "1.2fr",
          header: t("claim.buyer"),
          render: (c) => <code>{c.buyerId}</code>,
        },
        {
          key: "amount",
          width: "1fr",
          header: t("claim.amount"),
          render: (c) =>
            c.type === "claim.paid"
              ? formatFen(c.amountFen)
              : c.type === "claim.reversed"
                ? `−${formatFen(c.amountFen)}`
                : "—",
        },
        {
          key: "status",
          width: "1.8fr",
          header: t("claim.status"),
          render: (c) => <ClaimStatus claim={c} />,
        },
        { key: "at", width: "1.5fr", header: t("common.at"), render: (c) => formatInstant(c.at) },
      ]}
    />
  );
}

/** Paid (automatically or by a person), held for a person and why, or declined and why. */
export function ClaimStatus({ claim: c }: { claim: ClaimDecision }) {
  const { t } = useI18n();
  if (c.type === "claim.paid") {
    return (
      <Badge tone="ok">
        {t("claim.paid")}
        {c.resolvedFrom ? ` · ${t("claim.byPerson")}` : ""}
      </Badge>
    );
  }
  if (c.type === "claim.reversed" || c.type === "claim.withdrawn") {
    return (
      <Badge tone="info">
        {t(c.type === "claim.reversed" ? "claim.reversed" : "claim.withdrawn")}
      </Badge>
    );
  }
  if (c.type === "claim.declined") {
    return (
      <Badge tone="bad">
        {t("claim.declined")} · {c.reason}
      </Badge>
    );
  }
  const reason = t(`claim.reason.${c.reason}` as MessageKey);
  return (
    <Badge tone="warn">
      {t("claim.held")} · {reason}
    </Badge>
  );
}

export function RefundsTab({ base }: { base: string }) {
  const { t } = useI18n();
  return (
    <PagedTable<RefundDecision>
      path={`${base}/decisions`}
      query={{ group: "refunds" }}
      rowKey={(r) => `${r.orderId}/${r.refundId}`}
      empty={t("refund.none")}
      testId="refunds"
      columns={[
        {
          key: "refund",
          width: "1.3fr",
          header: t("refund.id"),
          render: (r) => <code>{r.refundId}</code>,
        },
        {
          key: "order",
          width: "1.3fr",
          header: t("order.id"),
          render: (r) => <code>{r.orderId}</code>,
        },
        {
          key: "amount",
          width: "1fr",
          header: t("refund.amount"),
          render: (r) => (r.type === "refund.approved" ? formatFen(r.amountFen) : "—"),
        },
        {
          key: "instant",
          width: "2fr",
          header: t("refund.kind"),
          render: (r) =>
            r.type === "refund.approved" ? (
              <Badge tone="info">{t("refund.instant")}</Badge>
            ) : (
              <span>
                {t("refund.awaitingMerchant")}
                <span className="muted small">
                  {" "}
                  · {t(`refund.reason.${r.reason}` as MessageKey)}
                </span>
              </span>
            ),
        },
        { key: "at", width: "1.5fr", header: t("common.at"), render: (r) => formatInstant(r.at) },
      ]}
    />
  );
}
