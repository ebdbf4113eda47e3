/**
 * An Apache ECharts chart. Only the parts of ECharts a page draws are loaded, on first use
 * (`charts/`), and a page asks for them as it mounts (`preloadCharts`), so the library downloads
 * while the page's data does rather than after it. The chart follows its container's width and
 * carries its figures in words (`summary`) for screen readers: a canvas says nothing.
 */
import type { EChartsOption } from "echarts";
import { useEffect, useRef } from "react";

type Init = typeof import("echarts/core").init;
export type ChartSet = "line" | "dashboard";

const loaders: Record<ChartSet, () => Promise<{ init: Init }>> = {
  line: () => import("../charts/echarts-line.js"),
  dashboard: () => import("../charts/echarts-dashboard.js"),
};
const loading = new Map<ChartSet, Promise<{ init: Init }>>();

/** Starts loading a set of charts (once); a page calls it when it mounts, beside its data. */
export function preloadCharts(set: ChartSet): Promise<{ init: Init }> {
  let p = loading.get(set);
  if (!p) {
    p = loaders[set]();
    loading.set(set, p);
  }
  return p;
}

export function Chart({
  option,
  set,
  summary,
  height = 280,
  testId,
}: {
  option: EChartsOption;
  set: ChartSet;
  /** The chart's figures in words: its text alternative. */
  summary: string;
  height?: number;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<Init>>(undefined);
  // The first render's option is applied when ECharts has loaded; later ones by the effect below.
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    preloadCharts(set).then(({ init }) => {
      if (disposed || !el.current) return;
      chart.current = init(el.current);
      chart.current.setOption(latest.current);
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(el.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, [set]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return (
    <div className="chart-frame">
      <div
        ref={el}
        className="chart"
        style={{ height }}
        data-testid={testId}
        role="img"
        aria-label={summary}
      />
    </div>
  );
}

export const CHART_COLORS = ["#d4380d", "#1677ff", "#52c41a", "#faad14", "#722ed1", "#13c2c2"];
