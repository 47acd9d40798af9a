import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/report/build-report.js';
import { availabilityTimeline, binTimeSeries, busiestLinks, delaySurvival, linkSamplesOfTable, downtime, flowHeadline, sweepAxisTitle, sweepSeries } from '../../src/report/prepare.js';
import { parseTable } from '../../src/report/result-tables.js';

describe('report data preparation', () => {
  it('parses CSV cells: numbers as numbers, empty as NaN, text as text', async () => {
    const rows = await parseTable('a,b,c,d\n1.5,,x,-2e-3\n');
    expect(rows).toEqual([{ a: 1.5, b: NaN, c: 'x', d: -0.002 }]);
  });

  it('delay survival: each quantile the mean over replications, P[delay > x] = 1 - p, zero delays dropped', () => {
    const delays = [
      { variant: 'a', replication: 0, class: 'voice', probability: 0.5, delay_ms: 10 },
      { variant: 'a', replication: 1, class: 'voice', probability: 0.5, delay_ms: 14 },
      { variant: 'a', replication: 0, class: 'voice', probability: 0.99, delay_ms: 30 },
      { variant: 'a', replication: 1, class: 'voice', probability: 0.99, delay_ms: 50 },
      { variant: 'a', replication: 0, class: 'bulk', probability: 0.5, delay_ms: 0 },
    ];
    expect(delaySurvival(delays)).toEqual([
      { series: 'a / voice', variant: 'a', cls: 'voice', delayMs: 12, exceedance: 0.5 },
      { series: 'a / voice', variant: 'a', cls: 'voice', delayMs: 40, exceedance: 1 - 0.99 },
    ]);
  });

  it('time series: the busiest links, binned into equal time bins of sample means', async () => {
    const ts = [];
    for (let t = 1; t <= 10; t++) {
      ts.push({ variant: 'v', replication: 0, time_s: t, kind: 'link', name: 'big', throughput_bps: t * 1e6, queue_delay_ms: 2 });
      ts.push({ variant: 'v', replication: 0, time_s: t, kind: 'link', name: 'small', throughput_bps: 1e3, queue_delay_ms: 0 });
      ts.push({ variant: 'v', replication: 0, time_s: t, kind: 'flow', name: 'f', throughput_bps: 1e9, queue_delay_ms: NaN });
    }
    const samples = linkSamplesOfTable(ts);
    expect(await busiestLinks(samples, 1)).toEqual(['big']);
    // 10 samples from 1 s to 10 s into 3 bins of 3 s: [1,4) [4,7) [7,10]
    const bins = await binTimeSeries(samples, ['big'], 3);
    expect(bins.map((b) => b.time)).toEqual([2, 5, 8.5]);
    expect(bins.map((b) => b.throughputMbps)).toEqual([2, 5, 8.5]);
    expect(bins.every((b) => b.queueDelayMs === 2)).toBe(true);
  });

  it('availability timeline: the measured span, outages and route changes of the first replication; downtime per pair', () => {
    const availability = [
      { variant: 'v', replication: 0, pair: 'a -> b', measured_s: 8, unavailable_s: 2 },
      { variant: 'v', replication: 1, pair: 'a -> b', measured_s: 8, unavailable_s: 4 },
    ];
    const events = [
      { variant: 'v', replication: 0, pair: 'a -> b', event: 'outage', start_s: 3, end_s: 5 },
      { variant: 'v', replication: 0, pair: 'a -> b', event: 'route_change', start_s: 5, end_s: 5 },
      { variant: 'v', replication: 1, pair: 'a -> b', event: 'outage', start_s: 1, end_s: 5 },
    ];
    const summary = [{ variant: 'v', replication: 0, sim_time_s: 10 }];
    expect(availabilityTimeline(availability, events, summary)).toEqual([
      { variant: 'v', pair: 'a -> b', kind: 'measured', start: 2, end: 10 },
      { variant: 'v', pair: 'a -> b', kind: 'outage', start: 3, end: 5 },
      { variant: 'v', pair: 'a -> b', kind: 'route change', start: 5, end: 5 },
    ]);
    expect(downtime(availability)).toEqual([{ variant: 'v', pair: 'a -> b', seconds: 3 }]);
  });

  it('headline rows without applications: per flow and variant, mean and Student-t half-width', () => {
    const flows = [3, 5].map((x, replication) => ({ variant: 'v', replication, flow: 'f', throughput_bps: x, delay_mean_ms: x, delay_p99_ms: x, loss_ratio: 0 }));
    const row = flowHeadline(flows, ['v']).find((r) => r.metric === 'throughput_bps')!;
    expect(row.v).toBe(4);
    expect(row.v_ci95).toBeCloseTo((12.7062047 * Math.SQRT2) / Math.SQRT2, 6); // sd sqrt(2), n 2, t(1) = 12.7062047
  });

  it('sweep series: mean and CI band per point and variant, named by the parameter values; the band stops at 0', () => {
    const sweep = [
      { point: 0, 'circuits.er.bandwidth': '100Mbps', variant: 'v', replications: 3, delay_mean_ms: 10, delay_mean_ms_ci95: 1 },
      { point: 1, 'circuits.er.bandwidth': '1Gbps', variant: 'v', replications: 3, delay_mean_ms: 5, delay_mean_ms_ci95: NaN },
      { point: 2, 'circuits.er.bandwidth': '10Gbps', variant: 'v', replications: 3, delay_mean_ms: 1, delay_mean_ms_ci95: 3 },
    ];
    expect(sweepSeries(sweep, 'delay_mean_ms')).toEqual([
      { variant: 'v', point: 0, label: '100Mbps', mean: 10, low: 9, high: 11 },
      { variant: 'v', point: 1, label: '1Gbps', mean: 5, low: 5, high: 5 },
      { variant: 'v', point: 2, label: '10Gbps', mean: 1, low: 0, high: 4 },
    ]);
    expect(sweepAxisTitle(sweep)).toBe('circuits.er.bandwidth');
    // several parameters: each named by its last two fields
    const grid = [{ point: 0, 'sites.new-york.users': 100, 'circuits.er.bandwidth': '1Gbps', variant: 'v', replications: 1, delay_mean_ms: 1, delay_mean_ms_ci95: NaN }];
    expect(sweepSeries(grid, 'delay_mean_ms')[0]!.label).toBe('new-york.users=100, er.bandwidth=1Gbps');
    expect(sweepAxisTitle(grid)).toBe('sweep point');
  });

  it('formats table numbers to three significant digits', () => {
    expect([formatValue(4.4093), formatValue(0.000123456), formatValue(2700), formatValue(NaN), formatValue(0)]).toEqual(['4.41', '0.000123', '2700', '–', '0']);
  });
});
