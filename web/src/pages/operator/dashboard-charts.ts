/** ECharts options for the campaign dashboard, one function per chart; labels come translated. */
import type { EChartsOption } from "echarts";
import { CHART_COLORS } from "../../components/chart.js";
import type { Dashboard } from "../../lib/types.js";

const base = {
  color: CHART_COLORS,
  grid: { left: 48, right: 16, top: 36, bottom: 32 },
  tooltip: { trigger: "axis" },
} as const;

/** Colours that carry meaning, so bad news is never drawn in a good colour by palette order. */
const NEUTRAL = "#1677ff";
const GOOD = "#52c41a";
const BAD = "#f5222d";
/** Violations are all bad news: red tones, darkest first, distinct enough to tell kinds apart. */
const VIOLATION_REDS = ["#a8071a", "#f5222d", "#ff7875", "#cf1322", "#ff4d4f", "#ffa39e"];

/** One bar series of a by-day chart; `color` pins it instead of taking the palette's next. */
const bar = (name: string, data: number[], color?: string) => ({
  name,
  type: "bar" as const,
  barMaxWidth: 28,
  data,
  ...(color ? { itemStyle: { color } } : {}),
});

export function funnelOption(
  d: Dashboard,
  label: (k: keyof Dashboard["funnel"] | "eligible") => string,
): EChartsOption {
  // Each step a subset of the one before (pending review is a state, not a step: leaving it
  // out keeps the funnel from pinching to zero while reviews are open).
  const f = d.funnel;
  const steps = [
    { name: label("submitted"), value: f.submitted },
    { name: label("eligible"), value: f.submitted - f.ineligible },
    { name: label("approved"), value: f.approved },
    { name: label("listed"), value: f.listed },
  ];
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
      // Bars: a campaign has few review days, and a line of one or two points says little.
      bar(
        names.approved,
        d.approvalsByDay.map((p) => p.approved),
        GOOD,
      ),
      bar(
        names.rejected,
        d.approvalsByDay.map((p) => p.rejected),
        BAD,
      ),
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
      bar(
        names.orders,
        d.ordersByDay.map((p) => p.orders),
        NEUTRAL,
      ),
      bar(
        names.onTime,
        d.ordersByDay.map((p) => p.shippedOnTime),
        GOOD,
      ),
      bar(
        names.late,
        d.ordersByDay.map((p) => p.shippedLate),
        BAD,
      ),
    ],
  };
}

export function violationsOption(d: Dashboard, kindLabel: (kind: string) => string): EChartsOption {
  return {
    color: VIOLATION_REDS,
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["35%", "58%"],
        center: ["50%", "45%"],
        // Labels on two lines at the card's edges: long names ("虚假发货", "False shipment")
        // were cut off beside a larger ring.
        label: { formatter: "{b}\n{c}", alignTo: "edge", edgeDistance: 8, lineHeight: 16 },
        data: d.violationsByKind.map((v) => ({ name: kindLabel(v.kind), value: v.count })),
      },
    ],
  };
}
