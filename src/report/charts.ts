import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Binned, SweepPoint, TimelineBar } from './prepare.js';

/** Render a Vega-Lite specification to a static SVG (no script needed to view it). */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const WIDTH = 640;
/** Legends below the chart, every entry in full: Vega cuts labels at 160 px and lists at most 30 entries by default. */
const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: WIDTH,
  config: { font: 'sans-serif', legend: { orient: 'bottom', direction: 'vertical', columns: 2, labelLimit: 0, symbolLimit: 0 } },
} as const;

/** Delay survival per variant and class on log-log axes: the tail is where the differences are. */
export function delayChart(points: readonly { series: string; delayMs: number; exceedance: number }[]): TopLevelSpec {
  return {
    ...base,
    height: 320,
    title: 'One-way delay distribution per variant and traffic class (tail on a log scale)',
    data: { values: points as unknown as Record<string, unknown>[] },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'delayMs', type: 'quantitative', scale: { type: 'log' }, title: 'one-way delay (ms)' },
      y: { field: 'exceedance', type: 'quantitative', scale: { type: 'log' }, title: 'fraction of packets slower (1 - CDF)' },
      color: { field: 'series', type: 'nominal', title: 'variant / class' },
    },
  };
}

/** Throughput and queueing delay over time, one row per busy link, a colour per variant. */
export function linkTimeChart(points: readonly Binned[], field: 'throughputMbps' | 'queueDelayMs'): TopLevelSpec {
  const what = field === 'throughputMbps' ? 'throughput (Mbit/s)' : 'queueing delay (ms)';
  return {
    ...base,
    title: `${field === 'throughputMbps' ? 'Throughput' : 'Queueing delay'} over time on the busiest links`,
    data: { values: points as unknown as Record<string, unknown>[] },
    facet: { row: { field: 'name', type: 'nominal', title: 'link' } },
    spec: {
      width: WIDTH,
      height: 110,
      mark: 'line',
      encoding: {
        x: { field: 'time', type: 'quantitative', title: 'simulated time (s)' },
        y: { field, type: 'quantitative', title: what },
        color: { field: 'variant', type: 'nominal', title: 'variant' },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}

/** Outages (red) and route changes (ticks) per pair over the measured time (grey), one row per variant and pair. */
export function timelineChart(bars: readonly TimelineBar[]): TopLevelSpec {
  const rows = bars.map((b) => ({ ...b, row: `${b.variant}: ${b.pair}` }));
  return {
    ...base,
    title: 'Availability: outages and route changes per path (first replication)',
    data: { values: rows as unknown as Record<string, unknown>[] },
    height: { step: 18 },
    layer: [
      {
        transform: [{ filter: "datum.kind !== 'route change'" }],
        mark: { type: 'bar', height: 10 },
        encoding: {
          x: { field: 'start', type: 'quantitative', title: 'simulated time (s)' },
          x2: { field: 'end' },
          y: { field: 'row', type: 'nominal', title: null, axis: { labelLimit: 360 } },
          color: {
            field: 'kind',
            type: 'nominal',
            scale: { domain: ['measured', 'outage', 'route change'], range: ['#d9d9d9', '#d62728', '#1f77b4'] },
            title: null,
          },
        },
      },
      {
        transform: [{ filter: "datum.kind === 'route change'" }],
        mark: { type: 'tick', thickness: 2 },
        encoding: { x: { field: 'start', type: 'quantitative' }, y: { field: 'row', type: 'nominal' }, color: { field: 'kind', type: 'nominal' } },
      },
    ],
  } as TopLevelSpec;
}

/** A sweep's metric against the swept parameter: mean with its 95% CI band per variant, targets as rules. */
export function sweepChart(points: readonly SweepPoint[], metric: string, targets: readonly { label: string; value: number }[], xTitle = 'sweep point'): TopLevelSpec {
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'area', opacity: 0.25 },
      encoding: {
        x: { field: 'label', type: 'ordinal', sort: { field: 'point' }, title: xTitle, axis: { labelLimit: 240, labelAngle: -30 } },
        y: { field: 'low', type: 'quantitative', title: metric },
        y2: { field: 'high' },
        color: { field: 'variant', type: 'nominal' },
      },
    },
    {
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'label', type: 'ordinal', sort: { field: 'point' } },
        y: { field: 'mean', type: 'quantitative' },
        color: { field: 'variant', type: 'nominal', title: 'variant' },
      },
    },
  ];
  for (const t of targets) {
    layers.push({ data: { values: [t] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#444' }, encoding: { y: { datum: t.value } } });
  }
  return { ...base, height: 240, title: `${metric} against the swept parameter (mean and 95% CI)`, data: { values: points as unknown as Record<string, unknown>[] }, layer: layers } as unknown as TopLevelSpec;
}
