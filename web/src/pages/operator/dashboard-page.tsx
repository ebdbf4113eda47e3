/** The campaign at a glance: funnel, approvals, orders and on-time shipping, violations, money. */
import { useMemo } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { Chart, preloadCharts } from "../../components/chart.js";
import { chartSummary } from "../../components/chart-summary.js";
import { ErrorBox, Loading } from "../../components/states.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatFen } from "../../lib/format.js";
import type { Dashboard } from "../../lib/types.js";
import { useResource } from "../../lib/use-resource.js";
import {
  approvalsOption,
  funnelOption,
  ordersOption,
  violationsOption,
} from "./dashboard-charts.js";

function Stat(props: {
  label: string;
  value: string | number;
  testId: string;
  href?: string;
  tone?: "warn" | "bad" | undefined;
}) {
  const body = (
    <>
      <div className={`stat-value${props.tone ? ` stat-${props.tone}` : ""}`}>{props.value}</div>
      <div className="stat-label">{props.label}</div>
    </>
  );
  return props.href ? (
    <a className="stat stat-link" data-testid={props.testId} href={props.href}>
      {body}
    </a>
  ) : (
    <div className="stat" data-testid={props.testId}>
      {body}
    </div>
  );
}

export function DashboardPage() {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const res = useResource(() => {
    // The charts' code downloads while the figures are read, not after them.
    void preloadCharts("dashboard");
    return api.get<Dashboard>(campaignPath(campaign, "/dashboard"));
  }, [campaign.id]);
  const d = res.data;
  const options = useMemo(() => {
    if (!d) return undefined;
    const kind = (k: string) => t(`violation.${k}` as MessageKey);
    return {
      funnel: funnelOption(d, (k) => t(`dashboard.funnel.${k}` as MessageKey)),
      approvals: approvalsOption(d, {
        approved: t("state.approved"),
        rejected: t("state.rejected_at_review"),
      }),
      orders: ordersOption(d, {
        orders: t("dashboard.orders"),
        onTime: t("dashboard.onTime"),
        late: t("dashboard.late"),
      }),
      violations: violationsOption(d, kind),
    };
  }, [d, t]);

  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!d || !options) return <Loading />;
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav.dashboard")}</h1>
        <button type="button" className="btn btn-small" onClick={res.reload}>
          {t("action.refresh")}
        </button>
      </header>
      <h2 className="section-title">{t("dashboard.review")}</h2>
      <div className="stats" data-testid="review-sla">
        <Stat
          testId="stat-pending"
          label={t("dashboard.pending")}
          value={d.reviewSla.pending}
          href="#/review"
        />
        <Stat
          testId="stat-due-soon"
          label={t("sla.dueSoon")}
          value={d.reviewSla.dueSoon}
          href="#/review?due=due_soon"
          tone={d.reviewSla.dueSoon > 0 ? "warn" : undefined}
        />
        <Stat
          testId="stat-overdue"
          label={t("sla.overdue")}
          value={d.reviewSla.overdue}
          href="#/review?due=overdue"
          tone={d.reviewSla.overdue > 0 ? "bad" : undefined}
        />
        <Stat
          testId="stat-listed"
          label={t("dashboard.funnel.listed")}
          value={d.funnel.listed}
          href="#/venue"
        />
      </div>
      <h2 className="section-title">{t("dashboard.fulfilment")}</h2>
      <div className="stats">
        <Stat
          testId="stat-claims"
          label={t("dashboard.claimsPaid", { n: d.claimsPaid.count })}
          value={formatFen(d.claimsPaid.amountFen)}
          href="#/orders?state=claimed"
        />
        <Stat
          testId="stat-refunds"
          label={t("dashboard.instantRefunds", { n: d.instantRefunds.count })}
          value={formatFen(d.instantRefunds.amountFen)}
          href="#/orders?state=refunded"
        />
        <Stat
          testId="stat-claims-waiting"
          label={t("dashboard.claimsWaiting")}
          value={d.claimsWaiting ?? 0}
          href="#/claims"
        />
        <Stat
          testId="stat-violations"
          label={t("dashboard.violationsTotal")}
          value={d.violationsByKind.reduce((n, v) => n + v.count, 0)}
          href="#/merchants?filter=violations"
        />
        <Stat
          testId="stat-delisted"
          label={t("dashboard.delisted")}
          value={d.delistedProducts}
          href="#/merchants?filter=delisted"
        />
        <Stat
          testId="stat-exited"
          label={t("dashboard.exited")}
          value={d.exitedMerchants}
          href="#/merchants?filter=exited"
        />
      </div>
      <div className="grid-2">
        <section className="card">
          <h2>{t("dashboard.funnel")}</h2>
          <Chart
            set="dashboard"
            option={options.funnel}
            summary={chartSummary(options.funnel)}
            testId="chart-funnel"
          />
        </section>
        <section className="card">
          <h2>{t("dashboard.approvals")}</h2>
          <Chart
            set="dashboard"
            option={options.approvals}
            summary={chartSummary(options.approvals)}
            testId="chart-approvals"
          />
        </section>
        <section className="card">
          <h2>{t("dashboard.ordersByDay")}</h2>
          <Chart
            set="dashboard"
            option={options.orders}
            summary={chartSummary(options.orders)}
            testId="chart-orders"
          />
        </section>
        <section className="card">
          <h2>{t("dashboard.violations")}</h2>
          <Chart
            set="dashboard"
            option={options.violations}
            summary={chartSummary(options.violations)}
            testId="chart-violations"
          />
        </section>
      </div>
    </div>
  );
}
