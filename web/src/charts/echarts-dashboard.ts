/** ECharts with what the dashboard draws: bars by day, the registration funnel, a ring of kinds. */
import { BarChart, FunnelChart, PieChart } from "echarts/charts";
import { LegendComponent } from "echarts/components";
import { use } from "echarts/core";
import { init } from "./echarts-base.js";

use([BarChart, FunnelChart, PieChart, LegendComponent]);

export { init };
