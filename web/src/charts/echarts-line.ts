/** ECharts with what a line chart with a threshold line needs (the pickup-rate card). */
import { LineChart } from "echarts/charts";
import { MarkLineComponent } from "echarts/components";
import { use } from "echarts/core";
import { init } from "./echarts-base.js";

use([LineChart, MarkLineComponent]);

export { init };
