/** Links per anchor class (branded, exact match, generic...): the shape of an anchor profile. */
import { useMemo } from 'react';
import { ANCHOR_CLASSES, type AnchorClass } from '../api/types.ts';
import { EChart } from './EChart.tsx';
import { type ChartOption, COLORS, formatValue } from './echarts.ts';

export const ANCHOR_CLASS_LABELS: Record<AnchorClass, string> = {
  branded: 'Branded',
  exact: 'Exact match',
  partial: 'Partial match',
  generic: 'Generic',
  'naked-url': 'Naked URL',
  image: 'Image',
  empty: 'Empty',
  other: 'Other',
};

export function AnchorClassChart({
  classes,
  testId,
}: {
  classes: Partial<Record<AnchorClass, number>>;
  testId: string;
}) {
  const option = useMemo<ChartOption>(() => {
    const data = ANCHOR_CLASSES.map((c, i) => ({
      name: ANCHOR_CLASS_LABELS[c],
      value: classes[c] ?? 0,
      itemStyle: { color: COLORS.series[i % COLORS.series.length] ?? COLORS.axis },
    })).filter((d) => d.value > 0);
    return {
      animation: false,
      tooltip: { trigger: 'item', valueFormatter: formatValue },
      legend: {
        orient: 'vertical',
        right: 0,
        top: 'middle',
        itemWidth: 10,
        itemHeight: 10,
        textStyle: { color: COLORS.text },
        // The count beside each class: the chart reads without hovering.
        formatter: (name: string) => `${name}  ${formatValue(data.find((d) => d.name === name)?.value ?? 0)}`,
      },
      series: [
        {
          type: 'pie',
          name: 'Links',
          radius: ['48%', '78%'],
          center: ['34%', '50%'],
          avoidLabelOverlap: true,
          label: { show: false },
          data,
        },
      ],
    };
  }, [classes]);
  return <EChart option={option} height={240} testId={testId} label="Anchor classes" />;
}
