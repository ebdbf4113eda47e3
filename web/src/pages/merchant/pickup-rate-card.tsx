/**
 * The merchant's 48 h pickup rate: today's value (the platform's snapshot beside ours from the
 * stored orders, and which one eligibility uses), and ours at the end of each activity day
 * against the campaign's bar.
 */
import { useMemo } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { CHART_COLORS, Chart, preloadCharts } from "../../components/chart.js";
import { chartSummary } from "../../components/chart-summary.js";
import { Empty, ErrorBox, Loading } from "../../components/states.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatPercent } from "../../lib/format.js";
import type { PickupRateDaily, PickupRateNow } from "../../lib/types.js";
import { useResource } from "../../lib/use-resource.js";

export function PickupRateCard({ merchantId }: { merchantId: string }) {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const base = campaignPath(campaign, `/merchants/${encodeURIComponent(merchantId)}/pickup-rate`);
  const res = useResource(() => {
    void preloadCharts("line");
    return Promise.all([api.get<PickupRateNow>(base), api.get<PickupRateDaily>(`${base}/daily`)]);
  }, [base]);
  const [current, daily] = res.data ?? [];
  const option = useMemo(() => {
    const points = daily?.points ?? [];
    const bar = daily?.threshold;
    return {
      color: CHART_COLORS,
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      tooltip: {
        trigger: "axis" as const,
        valueFormatter: (v: unknown) => formatPercent(v as number),
      },
      xAxis: { type: "category" as const, data: points.map((p) => p.day.slice(5)) },
      yAxis: {
        type: "value" as const,
        min: 0,
        max: 1,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      },
      series: [
        {
          name: t("pickup.rate"),
          type: "line" as const,
          connectNulls: false,
          // Early in a campaign there may be one known day: a line of one point needs its dot.
          showSymbol: true,
          symbol: "circle",
          symbolSize: 8,
          label: {
            show: true,
            position: "top" as const,
            formatter: (p: { value: unknown }) => formatPercent(p.value as number),
          },
          data: points.map((p) => p.rate),
          markLine:
            bar === null || bar === undefined
              ? undefined
              : {
                  symbol: "none",
                  label: {
                    position: "insideEndTop" as const,
                    formatter: `${t("pickup.required")} ${formatPercent(bar, 0)}`,
                  },
                  lineStyle: { type: "dashed" as const, color: "#d4380d" },
                  data: [{ yAxis: bar }],
                },
        },
      ],
    };
  }, [daily, t]);

  const known = (daily?.points ?? []).some((p) => p.rate !== null);
  return (
    <section className="card" data-testid="pickup-card">
      <div className="card-head">
        <h2>{t("pickup.title")}</h2>
        {current ? <strong data-testid="pickup-used">{formatPercent(current.used)}</strong> : null}
      </div>
      {res.error ? <ErrorBox error={res.error} onRetry={res.reload} /> : null}
      {!res.data && !res.error ? <Loading /> : null}
      {current ? (
        <dl className="pickup-facts">
          <div>
            <dt>{t("pickup.snapshot")}</dt>
            <dd>{formatPercent(current.snapshot)}</dd>
          </div>
          <div>
            <dt>{t("pickup.computed")}</dt>
            <dd>
              {formatPercent(current.computed)}{" "}
              <span className="muted small">
                {t("pickup.computedDetail", {
                  picked: current.pickedUpInTime,
                  orders: current.required,
                })}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t("pickup.used")}</dt>
            <dd>{t(`pickup.source.${current.source}` as MessageKey)}</dd>
          </div>
        </dl>
      ) : null}
      {daily && !known ? <Empty>{t("pickup.none")}</Empty> : null}
      {daily && known ? (
        <Chart
          set="line"
          option={option}
          summary={chartSummary(option, (v) => formatPercent(v))}
          height={220}
          testId="pickup-chart"
        />
      ) : null}
    </section>
  );
}
