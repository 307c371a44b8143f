import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the console draws: the JavaScript budget counts every chart type and component registered.
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/**
 * An ECharts chart on a canvas. A canvas says nothing to a screen reader, so `figures` says in words
 * what it shows (every figure), and each page also shows the figures in a table.
 */
export function Chart({
  option,
  figures,
  height = 280,
}: {
  option: ChartOption;
  figures: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init>>(undefined);
  useEffect(() => {
    const drawn = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = drawn;
    const resized = new ResizeObserver(() => drawn.resize());
    resized.observe(box.current!);
    return () => {
      resized.disconnect();
      drawn.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={box} role="img" aria-label={figures} style={{ width: '100%', height }} />;
}
