/** ECharts options for the campaign dashboard, one function per chart; labels come translated. */
import type { EChartsOption } from "echarts";
import { CHART_COLORS } from "../../components/chart.js";
import type { Dashboard } from "../../lib/types.js";

const base = {
  color: CHART_COLORS,
  grid: { left: 48, right: 16, top: 36, bottom: 32 },
  tooltip: { trigger: "axis" },
} as const;

export function funnelOption(
  d: Dashboard,
  label: (k: keyof Dashboard["funnel"]) => string,
): EChartsOption {
  const steps = (["submitted", "pendingReview", "approved", "listed"] as const).map((k) => ({
    name: label(k),
    value: d.funnel[k],
  }));
  return {
    color: CHART_COLORS,
    tooltip: { trigger: "item" },
    series: [
      {
        type: "funnel",
        sort: "none",
        minSize: "20%",
        left: "10%",
        width: "80%",
        label: { position: "inside", formatter: "{b}: {c}", color: "#fff" },
        data: steps,
      },
    ],
  };
}

export function approvalsOption(
  d: Dashboard,
  names: { approved: string; rejected: string },
): EChartsOption {
  return {
    ...base,
    legend: { top: 0 },
    xAxis: { type: "category", data: d.approvalsByDay.map((p) => p.day) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: names.approved, type: "line", data: d.approvalsByDay.map((p) => p.approved) },
      { name: names.rejected, type: "line", data: d.approvalsByDay.map((p) => p.rejected) },
    ],
  };
}

export function ordersOption(
  d: Dashboard,
  names: { orders: string; onTime: string; late: string },
): EChartsOption {
  return {
    ...base,
    legend: { top: 0 },
    xAxis: { type: "category", data: d.ordersByDay.map((p) => p.day) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: names.orders, type: "bar", data: d.ordersByDay.map((p) => p.orders) },
      { name: names.onTime, type: "line", data: d.ordersByDay.map((p) => p.shippedOnTime) },
      { name: names.late, type: "line", data: d.ordersByDay.map((p) => p.shippedLate) },
    ],
  };
}

export function violationsOption(d: Dashboard, kindLabel: (kind: string) => string): EChartsOption {
  return {
    color: CHART_COLORS,
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["40%", "70%"],
        data: d.violationsByKind.map((v) => ({ name: kindLabel(v.kind), value: v.count })),
      },
    ],
  };
}
