/**
 * A chart's figures in words, from the same option the chart draws: every series with its value
 * at each category ("Orders: 02-09 12, 02-10 30"), or every slice of a pie or funnel
 * ("Submitted 40, Approved 31"). Screen readers read it; the canvas itself says nothing.
 */
import type { EChartsOption } from "echarts";

type Value = number | null | undefined;

interface SeriesLike {
  name?: unknown;
  type?: unknown;
  data?: unknown;
}

const numberIn = (v: unknown): Value =>
  typeof v === "number"
    ? v
    : v && typeof v === "object" && "value" in v && typeof v.value === "number"
      ? v.value
      : null;

export function chartSummary(
  option: EChartsOption,
  format: (v: number) => string = String,
  none = "—",
): string {
  const series = (Array.isArray(option.series) ? option.series : [option.series]).filter(
    Boolean,
  ) as SeriesLike[];
  const axis = Array.isArray(option.xAxis) ? option.xAxis[0] : option.xAxis;
  const categories =
    axis && "data" in axis && Array.isArray(axis.data) ? axis.data.map(String) : undefined;
  const text = (v: Value) => (v === null || v === undefined ? none : format(v));
  return series
    .map((s) => {
      const data = Array.isArray(s.data) ? s.data : [];
      if (s.type === "pie" || s.type === "funnel") {
        return data
          .map((d) => `${(d as { name?: unknown }).name ?? ""} ${text(numberIn(d))}`.trim())
          .join(", ");
      }
      const points = data.map((d, i) => `${categories?.[i] ?? i + 1} ${text(numberIn(d))}`);
      const name = typeof s.name === "string" && s.name ? `${s.name}: ` : "";
      return `${name}${points.join(", ")}`;
    })
    .filter(Boolean)
    .join("; ");
}
