/**
 * Referring domains or backlinks over time: the live total at the end of each period (line, left axis)
 * and what was gained and lost in it (bars up and down, right axis), as the history endpoint reports.
 */
import { useMemo } from 'react';
import type { HistoryRow } from '../api/types.ts';
import { formatMonth } from '../format.ts';
import { EChart } from './EChart.tsx';
import { type ChartOption, COLORS, formatValue } from './echarts.ts';

interface Props {
  rows: readonly HistoryRow[];
  measure: 'refdomains' | 'links';
  testId: string;
}

const LABELS = {
  refdomains: { live: 'Referring domains', gained: 'New domains', lost: 'Lost domains' },
  links: { live: 'Backlinks', gained: 'New links', lost: 'Lost links' },
} as const;

export function HistoryChart({ rows, measure, testId }: Props) {
  const option = useMemo<ChartOption>(() => {
    const names = LABELS[measure];
    const live = rows.map((r) => (measure === 'refdomains' ? r.liveRefdomains : r.liveLinks));
    const gained = rows.map((r) => (measure === 'refdomains' ? r.newRefdomains : r.newLinks));
    const lost = rows.map((r) => -(measure === 'refdomains' ? r.lostRefdomains : r.lostLinks));
    const color = measure === 'refdomains' ? COLORS.refdomains : COLORS.links;
    const axisLabel = { color: COLORS.text, formatter: (v: number) => formatValue(v) };
    return {
      animation: false,
      grid: {
        left: 8,
        right: 8,
        top: 36,
        bottom: 4,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: COLORS.text } },
      tooltip: { trigger: 'axis', valueFormatter: formatValue },
      xAxis: {
        type: 'category',
        data: rows.map((r) => formatMonth(r.period)),
        axisLine: { lineStyle: { color: COLORS.axis } },
        axisLabel: { color: COLORS.text },
      },
      yAxis: [
        { type: 'value', min: 0, splitLine: { lineStyle: { color: COLORS.grid } }, axisLabel },
        { type: 'value', splitLine: { show: false }, axisLabel },
      ],
      series: [
        {
          type: 'line',
          name: names.live,
          data: live,
          showSymbol: rows.length < 24,
          lineStyle: { width: 2, color },
          itemStyle: { color },
          areaStyle: { color, opacity: 0.08 },
          z: 3,
        },
        {
          type: 'bar',
          name: names.gained,
          yAxisIndex: 1,
          stack: 'change',
          data: gained,
          itemStyle: { color: COLORS.gained },
          barMaxWidth: 14,
        },
        {
          type: 'bar',
          name: names.lost,
          yAxisIndex: 1,
          stack: 'change',
          data: lost,
          itemStyle: { color: COLORS.lost },
          barMaxWidth: 14,
        },
      ],
    };
  }, [rows, measure]);
  return <EChart option={option} height={260} testId={testId} label={`${LABELS[measure].live} over time`} />;
}
