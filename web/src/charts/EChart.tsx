/**
 * One ECharts instance bound to a div: created on mount, disposed on unmount, resized with its box, and
 * given each new option whole (notMerge), so a chart never keeps series of an earlier target.
 */
import { useEffect, useRef } from 'react';
import { type ChartOption, echarts } from './echarts.ts';

interface Props {
  option: ChartOption;
  /** Fixed height keeps the layout still while data loads. */
  height: number;
  testId: string;
  label: string;
}

export function EChart({ option, height, testId, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'svg' });
    chart.current = instance;
    let frame = 0;
    // Resizing inside the observer callback can itself resize the box; a frame later avoids the loop.
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => instance.resize());
    });
    observer.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div ref={box} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />
  );
}
