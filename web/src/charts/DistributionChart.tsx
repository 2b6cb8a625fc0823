/** A horizontal bar per name (link kinds, placements, TLDs), largest first, with the count at the bar's end. */
import { useMemo } from 'react';
import type { NamedCount } from '../api/types.ts';
import { EChart } from './EChart.tsx';
import { type ChartOption, COLORS, formatValue } from './echarts.ts';

interface Props {
  rows: readonly NamedCount[];
  testId: string;
  label: string;
  /** Bars shown; the rest are summed into "other". */
  max?: number;
  /** Put before each name, e.g. `.` for TLDs. */
  prefix?: string;
}

const ROW_HEIGHT = 26;
/** The name of the summed row; its `refdomains` holds how many names it sums. */
const OTHERS = '\u0000others';

export function DistributionChart({ rows, testId, label, max = 8, prefix = '' }: Props) {
  const shown = useMemo(() => {
    const sorted = [...rows].sort((a, b) => b.links - a.links);
    if (sorted.length <= max) return sorted;
    const rest = sorted.slice(max - 1);
    return [
      ...sorted.slice(0, max - 1),
      { name: OTHERS, links: rest.reduce((s, r) => s + r.links, 0), refdomains: rest.length },
    ];
  }, [rows, max]);
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: {
        left: 4,
        right: 56,
        top: 4,
        bottom: 4,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: formatValue },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        inverse: true,
        data: shown.map((r) => (r.name === OTHERS ? `${r.refdomains} more` : `${prefix}${r.name}`)),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: COLORS.text },
      },
      series: [
        {
          type: 'bar',
          name: 'Links',
          data: shown.map((r) => r.links),
          barMaxWidth: 16,
          itemStyle: { color: COLORS.links, borderRadius: [0, 3, 3, 0] },
          label: {
            show: true,
            position: 'right',
            color: COLORS.text,
            formatter: (p) => formatValue(p.value),
          },
        },
      ],
    }),
    [shown, prefix],
  );
  return (
    <EChart
      option={option}
      height={Math.max(shown.length, 1) * ROW_HEIGHT + 12}
      testId={testId}
      label={label}
    />
  );
}
