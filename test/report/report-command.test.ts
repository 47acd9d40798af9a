import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ersim, SMALL_DUMBBELL, tempDir, writeScenario } from '../cli/cli-helpers.js';

const DUMBBELL = SMALL_DUMBBELL;

const charts = (html: string): string[] => [...html.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]!);

describe('ersim report', () => {
  it('reports on the results folder of an earlier run (no time series: it says so)', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    expect((await ersim('run', writeScenario(dir, 't.yaml', DUMBBELL), '-o', out, '-q', '--no-cache', '--workers', '1')).code).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    const r = await ersim('report', out);
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    // nothing failed: no chart of identical bars, a sentence instead
    expect(charts(html)).toEqual(['delay-cdf']);
    expect(html).toMatch(/No failure in the simulated time/);
    expect(html).toMatch(/No time series/);
    expect(html).toContain('<td>voice</td>'); // per-flow headline without applications
    expect(html).toContain('<td>availability</td>'); // and each pair's availability
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/); // self-contained: no scripts, nothing to fetch
  });

  it('charts each headline metric of a sweep against the swept parameter', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const file = writeScenario(dir, 't.yaml', DUMBBELL);
    const r = await ersim('sweep', file, '--param', 'links.1.bandwidth=5Mbps,10Mbps,20Mbps', '-o', out, '--report', '-q', '--no-cache', '--workers', '1');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(charts(html)).toEqual(expect.arrayContaining(['sweep-throughput_bps', 'sweep-delay_mean_ms', 'sweep-loss_ratio']));
    // the axis names the parameter, the points its values
    expect(html).toContain('links.1.bandwidth');
    expect(html).toContain('20Mbps');
  });

  it('needs a results folder', async () => {
    const r = await ersim('report', join(tempDir(), 'nothing'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no such results folder/);
  });
});
