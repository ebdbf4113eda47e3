/**
 * Every merchant of the campaign for an operator: search by id or name, filter by standing
 * (eligible, exited, with violations, delisted or suspended products); each row opens the
 * merchant's own pages. The filter lives in the URL, so a dashboard figure links to its list.
 */
import { useState } from "react";
import { campaignPath, useCampaign, useCategoryName } from "../../app/campaign.js";
import { href, navigate, useLocation } from "../../app/router.js";
import { Badge } from "../../components/badge.js";
import { PagedTable } from "../../components/paged-table.js";
import { exitReasonText, type MessageKey, useI18n } from "../../i18n/index.js";
import { formatInstant } from "../../lib/format.js";
import type { MerchantListRow } from "../../lib/types.js";
import { useDebounced } from "../../lib/use-debounced.js";

export const MERCHANT_FILTERS = [
  "all",
  "eligible",
  "ineligible",
  "exited",
  "violations",
  "delisted",
  "suspended",
] as const;
type Filter = (typeof MERCHANT_FILTERS)[number];

export function MerchantsPage() {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const categoryName = useCategoryName();
  const { query } = useLocation();
  const asked = query.get("filter") as Filter | null;
  const filter: Filter = asked && MERCHANT_FILTERS.includes(asked) ? asked : "all";
  const [search, setSearch] = useState(query.get("q") ?? "");
  const q = useDebounced(search.trim(), 300);
  const page = (id: string, rest: string) => href(`/merchants/${encodeURIComponent(id)}/${rest}`);
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav.merchants")}</h1>
      </header>
      <section className="card">
        <div className="toolbar">
          <select
            aria-label={t("merchants.filter")}
            value={filter}
            onChange={(e) => navigate(`/merchants?filter=${e.target.value}`)}
            data-testid="merchant-filter"
          >
            {MERCHANT_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`merchants.filter.${f}` as MessageKey)}
              </option>
            ))}
          </select>
          <input
            type="search"
            aria-label={t("merchants.search")}
            placeholder={t("merchants.search")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <PagedTable<MerchantListRow>
          path={campaignPath(campaign, "/merchants")}
          query={{ filter, q }}
          rowKey={(m) => m.id}
          rowHeight={64}
          empty={t("merchants.none")}
          testId="merchants"
          columns={[
            {
              key: "merchant",
              width: "2.2fr",
              header: t("merchants.merchant"),
              render: (m) => (
                <div>
                  <a href={page(m.id, "campaign")}>{m.name ?? m.id}</a>
                  <div className="muted small">
                    <code>{m.id}</code> · {categoryName(m.mainCategory)}
                  </div>
                </div>
              ),
            },
            {
              key: "standing",
              width: "1.6fr",
              header: t("merchants.standing"),
              render: (m) =>
                m.exited ? (
                  <Badge tone="bad">
                    <span title={formatInstant(m.exited.at)}>
                      {t("merchants.exited", { reason: exitReasonText(t, m.exited.reason) })}
                    </span>
                  </Badge>
                ) : m.eligible ? (
                  <Badge tone="ok">{t("standing.eligible")}</Badge>
                ) : (
                  <Badge tone="bad">{t("merchants.failing", { n: m.failing.length })}</Badge>
                ),
            },
            {
              key: "registrations",
              width: "1.6fr",
              header: t("merchants.registrations"),
              render: (m) => (
                <a href={page(m.id, "registrations")} className="small">
                  {t("merchants.registrationCounts", {
                    approved: m.registrations.approved ?? 0,
                    pending: m.registrations.pending_review ?? 0,
                  })}
                </a>
              ),
            },
            {
              key: "orders",
              width: "0.8fr",
              header: t("merchants.orders"),
              render: (m) => <a href={page(m.id, "orders")}>{m.orders}</a>,
            },
            {
              key: "violations",
              width: "0.8fr",
              header: t("merchants.violations"),
              render: (m) => (
                <span className={m.violations > 0 ? "bad-text" : ""}>{m.violations}</span>
              ),
            },
            {
              key: "delisted",
              width: "1.2fr",
              header: t("merchants.delistedSuspended"),
              render: (m) => `${m.delisted} / ${m.suspended}`,
            },
          ]}
        />
      </section>
    </div>
  );
}
