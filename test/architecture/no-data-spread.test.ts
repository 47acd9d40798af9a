import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeResults } from '../../src/parallel/run-tasks.js';
import type { ReplicationResult } from '../../src/runner/run-replication.js';
import { binTimeSeries } from '../../src/report/prepare.js';
import type { Row } from '../../src/stats/records.js';

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

  it('merges a million rows and bins a million samples', () => {
    const rows: Row[] = Array.from({ length: 1_000_000 }, (_, i) => ({ kind: 'link', name: 'l', variant: 'v', time_s: i / 1000, throughput_bps: 1, queue_delay_ms: 0 }));
    const result = { timeSeries: rows, flows: [], summary: { events: 0 } } as unknown as ReplicationResult;
    const merged = mergeResults([result, result]);
    expect(merged.timeSeries.length).toBe(2_000_000);
    const bins = binTimeSeries(rows, ['l'], 100);
    expect(bins.length).toBe(100);
    expect(bins[0]!.time).toBeCloseTo(4.9995, 6);
  });
});
