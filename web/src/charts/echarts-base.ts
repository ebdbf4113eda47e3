/**
 * The part of ECharts every chart of the console uses: the core, the canvas renderer, axes
 * (grid) and tooltips. Each kind of chart adds its own parts (`echarts-line.ts`,
 * `echarts-dashboard.ts`), so a page loads only what it draws and no page loads all of ECharts.
 */
import { GridComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

use([GridComponent, TooltipComponent, CanvasRenderer]);

export { init };
