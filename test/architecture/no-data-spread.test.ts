import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeResults } from '../../src/parallel/run-tasks.js';
import type { ReplicationResult } from '../../src/runner/run-replication.js';
import { binTimeSeries } from '../../src/report/prepare.js';
import type { Row } from '../../src/stats/records.js';
import { forEachLinkSample, type TimeSeries } from '../../src/stats/time-series.js';

const SRC = new URL('../../src', import.meta.url).pathname;
const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.c?ts$/.test(n) ? [join(dir, n)] : []));

describe('no spread of data-sized arrays into calls', () => {
  it('finds none of push(...x), Math.min/max(...x) or f.apply(...) in src/', () => {
    // a call's arguments live on the stack: 100,000 rows spread into push() overflow it
    const pattern = /\.push\(\s*\.\.\.|Math\.(?:min|max)\([^)]*\.\.\.|\.apply\(/;
    const offending = files(SRC).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${relative(SRC, f)}:${i + 1}`, line }))
        .filter(({ line }) => pattern.test(line) && !/^\s*(\/\/|\*)/.test(line)),
    );
    expect(offending.map((o) => o.where)).toEqual([]);
  });

  it('merges a million rows and bins a million samples', async () => {
    const rows: Row[] = Array.from({ length: 1_000_000 }, (_, i) => ({ kind: 'flow', name: 'f', variant: 'v', time_s: i / 1000 }));
    const series: TimeSeries = { variant: 'v', replication: 0, first: 1e6, interval: 1e6, flows: 0, names: ['l'], samples: 1_000_000, values: new Float64Array(5_000_000).fill(1) };
    const result = { flows: rows, timeSeries: series, summary: { events: 0 } } as unknown as ReplicationResult;
    const merged = mergeResults([result, result]);
    expect(merged.flows.length).toBe(2_000_000);
    expect(merged.timeSeries).toEqual([series, series]);
    const bins = await binTimeSeries(async (visit) => forEachLinkSample([series], visit), ['l'], 100);
    expect(bins.length).toBe(100);
    // samples at 1 ms ... 1000 s in bins 9.99999 s wide: the first holds 1 ms ... 10 s (10,000 samples)
    expect(bins[0]!.time).toBeCloseTo(5.0005, 6);
    expect(bins[0]!.throughputMbps).toBe(1e-6);
  });
});
