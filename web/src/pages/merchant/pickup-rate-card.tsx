/** The merchant's 48 h pickup rate by day, against the campaign's 85% bar. */
import { useMemo } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { CHART_COLORS, Chart } from "../../components/chart.js";
import { Empty, ErrorBox, Loading } from "../../components/states.js";
import { useI18n } from "../../i18n/index.js";
import { ApiError, api } from "../../lib/api.js";
import { formatPercent } from "../../lib/format.js";
import { useResource } from "../../lib/use-resource.js";

interface PickupRate {
  current: number | null;
  required: number;
  points: { day: string; rate: number | null; orders: number }[];
}

export function PickupRateCard({ merchantId }: { merchantId: string }) {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const res = useResource(
    () =>
      api.get<PickupRate>(
        campaignPath(campaign, `/merchants/${encodeURIComponent(merchantId)}/pickup-rate`),
      ),
    [campaign.id, merchantId],
  );
  const option = useMemo(() => {
    const points = res.data?.points ?? [];
    return {
      color: CHART_COLORS,
      grid: { left: 48, right: 16, top: 24, bottom: 32 },
      tooltip: { trigger: "axis" as const },
      xAxis: { type: "category" as const, data: points.map((p) => p.day) },
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
          data: points.map((p) => p.rate),
          markLine: {
            symbol: "none",
            data: [{ yAxis: res.data?.required ?? 0.85, name: t("pickup.required") }],
          },
        },
      ],
    };
  }, [res.data, t]);

  return (
    <section className="card">
      <div className="card-head">
        <h2>{t("pickup.title")}</h2>
        {res.data ? <strong>{formatPercent(res.data.current)}</strong> : null}
      </div>
      {res.error instanceof ApiError && res.error.status === 404 ? (
        <Empty>{t("state.notAvailable")}</Empty>
      ) : res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : null}
      {!res.data && !res.error ? <Loading /> : null}
      {res.data && res.data.points.length === 0 ? <Empty>{t("pickup.none")}</Empty> : null}
      {res.data && res.data.points.length > 0 ? (
        <Chart option={option} height={220} testId="pickup-chart" />
      ) : null}
    </section>
  );
}
