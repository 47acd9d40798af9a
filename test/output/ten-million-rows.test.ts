import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/report/result-tables.js';
import { tempDir, writeScenario } from '../cli/cli-helpers.js';

const ROOT = resolve(__dirname, '../..');
const FLOWS = 998; // and the link's two directions: 1,000 series sampled every 1 ms for 5 s, in 2 replications

const scenario = [
  'name: ten-million-rows',
  'duration: 5s',
  'warmup: 0s',
  'replications: 2',
  'nodes: [A, B]',
  'links:',
  '  - { from: A, to: B, bandwidth: 100Mbps, delay: 1ms }',
  'flows:',
  ...Array.from({ length: FLOWS }, (_, i) => `  - { name: "f${i}", from: A, to: B, source: { kind: cbr, rate: 10kbps, packet_size: 125B } }`),
].join('\n');

/** `ersim run` in a child process started in `cwd` (its cache is cwd/results/.cache); its exit code and peak memory (kB). */
function run(cwd: string, args: string[]): Promise<{ code: number | null; maxRssKb: number; err: string }> {
  const rss = join(cwd, `rss-${Date.now()}`);
  const child = spawn(process.execPath, ['--require', join(ROOT, 'test/support/report-max-rss.cjs'), join(ROOT, 'bin/ersim.js'), 'run', ...args], {
    cwd,
    env: { ...process.env, ERSIM_MAX_RSS_FILE: rss },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((done) => child.on('exit', (code) => done({ code, maxRssKb: Number(readFileSync(rss, 'utf8')), err })));
}

describe('a time series of ten million rows', () => {
  it('is written whole, streamed, with the process under 1 GB, through worker threads and the task cache; Ctrl-C stops the writing', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 'big.yaml', scenario);
    const args = [file, '--timeseries', '1ms', '--workers', '2', '--quiet'];

    const first = await run(dir, [...args, '--out', join(dir, 'first')]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.maxRssKb).toBeLessThan(1_000_000);
    expect(readdirSync(join(dir, 'results/.cache')).length).toBe(2);

    // every row there, and real: the link's samples add up to the bytes links.csv counts
    const lines = createInterface({ input: createReadStream(join(dir, 'first/timeseries.csv')), crlfDelay: Infinity });
    let rows = 0;
    const linkBits = [0, 0];
    let header: string[] = [];
    for await (const line of lines) {
      if (header.length === 0) {
        header = line.split(',');
        continue;
      }
      rows++;
      const cells = line.split(',');
      if (cells[3] === 'link' && cells[4] === 'A->B') linkBits[Number(cells[1])]! += Number(cells[header.indexOf('throughput_bps')]) * 1e-3;
    }
    expect(rows).toBe(10_000_000);
    const links = await parseTable(readFileSync(join(dir, 'first/links.csv'), 'utf8'));
    for (const replication of [0, 1]) {
      const link = links.find((l) => l.replication === replication && l.link === 'A->B')!;
      expect(linkBits[replication]).toBeCloseTo((link.tx_bytes as number) * 8, -3);
    }

    // again from the cache: the same file, still under 1 GB
    const second = await run(dir, [...args, '--out', join(dir, 'second')]);
    expect(second.code).toBe(0);
    expect(second.maxRssKb).toBeLessThan(1_000_000);
    expect(readFileSync(join(dir, 'second/timeseries.csv')).equals(readFileSync(join(dir, 'first/timeseries.csv')))).toBe(true);

    // Ctrl-C while the rows stream out: the writing stops, the new folder goes, the old one stays
    const before = readdirSync(join(dir, 'first')).map((f) => [f, statSync(join(dir, 'first', f)).mtimeMs]);
    const child = spawn(process.execPath, [join(ROOT, 'bin/ersim.js'), 'run', ...args, '--out', join(dir, 'first')], { cwd: dir, stdio: 'ignore' });
    const deadline = Date.now() + 60_000;
    const staging = (): string | undefined => readdirSync(dir).find((f) => f.endsWith('.new'));
    while (!(staging() !== undefined && existsSync(join(dir, staging()!, 'timeseries.csv')))) {
      if (Date.now() > deadline) throw new Error('the time series never started streaming');
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(130);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(readdirSync(join(dir, 'first')).map((f) => [f, statSync(join(dir, 'first', f)).mtimeMs])).toEqual(before);
  }, 120_000);
});
