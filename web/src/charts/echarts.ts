/**
 * ECharts, modular: only the chart types and components the dashboard draws are bundled (the full
 * package is several times larger). SVG rendering keeps text crisp at any zoom and in screenshots.
 */
import {
  BarChart,
  type BarSeriesOption,
  LineChart,
  type LineSeriesOption,
  PieChart,
  type PieSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

export { echarts };

/** The palette, shared with styles.css. */
export const COLORS = {
  refdomains: '#e8710a',
  links: '#1f6feb',
  gained: '#2da44e',
  lost: '#cf222e',
  axis: '#8c959f',
  grid: '#eaeef2',
  text: '#57606a',
  series: ['#1f6feb', '#e8710a', '#2da44e', '#8250df', '#bf3989', '#0598bc', '#9a6700', '#6e7781'],
} as const;

const thousands = new Intl.NumberFormat('en-US');
export const formatValue = (value: unknown): string =>
  typeof value === 'number' ? thousands.format(Math.abs(value)) : String(value ?? '');
