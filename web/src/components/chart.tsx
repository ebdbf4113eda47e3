/**
 * An Apache ECharts chart. ECharts is loaded on first use (dynamic import), so pages without
 * charts never download it; the chart follows its container's width.
 */
import type { EChartsOption } from "echarts";
import { useEffect, useRef } from "react";

type ECharts = typeof import("echarts");
let loading: Promise<ECharts> | undefined;
const loadECharts = () => {
  loading ??= import("echarts");
  return loading;
};

export function Chart({
  option,
  height = 280,
  testId,
}: {
  option: EChartsOption;
  height?: number;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<ECharts["init"]>>(undefined);
  // The first render's option is applied when ECharts has loaded; later ones by the effect below.
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    loadECharts().then((echarts) => {
      if (disposed || !el.current) return;
      chart.current = echarts.init(el.current);
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
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} className="chart" style={{ height }} data-testid={testId} />;
}

export const CHART_COLORS = ["#d4380d", "#1677ff", "#52c41a", "#faad14", "#722ed1", "#13c2c2"];
