import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ersim, tempDir, writeScenario } from './cli-helpers.js';

const BIN = new URL('../../bin/ersim.js', import.meta.url).pathname;

/** A run of about a minute of wall time: long enough to be stopped in the middle. */
const LONG = `
name: long
duration: 600s
replications: 2
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 1Gbps, delay: 1ms, queue: { kind: droptail, limit_packets: 100 } }
flows:
  - { name: load, from: a, to: b, source: { kind: poisson, rate: 900Mbps, packet_size: 1000B } }
`;

/** Start ersim, wait until it has simulated a while, send `signal`; its exit code, stderr and time to stop. */
async function interrupt(args: string[], signal: NodeJS.Signals, afterMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string; stopMs: number }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise((r) => setTimeout(r, afterMs));
  const sent = Date.now();
  child.kill(signal);
  const [code, by] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on('exit', (c, s) => r([c, s])));
  return { code, signal: by, err, stopMs: Date.now() - sent };
}

describe('signals', () => {
  it.each([
    ['SIGINT', 130, '1'],
    ['SIGTERM', 143, '1'],
    ['SIGINT', 130, '2'],
    ['SIGTERM', 143, '2'],
  ] as const)('%s mid-simulation stops the run promptly (exit %i, %s worker(s)) and leaves the output folder as it was', async (signal, exit, workers) => {
    const dir = tempDir();
    const file = writeScenario(dir, 'long.yaml', LONG);
    const out = join(dir, 'out');
    // a previous run's folder, which the interrupted run must not touch
    expect((await ersim('run', writeScenario(dir, 'short.yaml', LONG.replace('600s', '1s')), '--out', out, '--quiet', '--no-cache')).code).toBe(0);
    const before = readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]);
    expect(before.length).toBeGreaterThan(5);
    const result = await interrupt(['run', file, '--out', out, '--quiet', '--no-cache', '--workers', workers], signal, 2500);
    expect(result.code).toBe(exit);
    expect(result.err).toMatch(new RegExp(`interrupted \\(${signal}\\)`));
    expect(result.err).not.toMatch(/    at /); // no stack trace
    expect(result.stopMs).toBeLessThan(3000);
    expect(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')])).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 30_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops a replication split over two threads at a window\'s end (exit %i), nothing written', async (signal, exit) => {
    const dir = tempDir();
    const file = writeScenario(dir, 'split.yaml', LONG.replace('replications: 2', 'replications: 1\nparallel: { partitions: 2 }'));
    const out = join(dir, 'out');
    const result = await interrupt(['run', file, '--out', out, '--quiet', '--no-cache', '--workers', '1', '--threads', '2'], signal, 2500);
    expect(result.code).toBe(exit);
    expect(result.err).toMatch(new RegExp(`interrupted \\(${signal}\\)`));
    expect(result.err).not.toMatch(/    at /);
    expect(result.stopMs).toBeLessThan(3000);
    expect(readdirSync(dir).filter((f) => f !== 'split.yaml')).toEqual([]);
  }, 30_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while ersim starts (loading, checking) ends it with exit %i, nothing written', async (signal, exit) => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const result = await interrupt(['run', writeScenario(dir, 'long.yaml', LONG), '--out', out, '--quiet', '--no-cache'], signal, 150);
    // before Node runs ersim's first line the signal's default action ends it (a shell shows the same code)
    expect(result.code === exit || result.signal === signal, `exit ${result.code}, signal ${result.signal}`).toBe(true);
    expect(readdirSync(dir)).toEqual(['long.yaml']);
  }, 30_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while the results are written: the folder holds the whole new run, nothing else is left, exit %i', async (signal, exit) => {
    const dir = tempDir();
    const out = join(dir, 'out');
    expect((await ersim('run', writeScenario(dir, 'first.yaml', LONG.replace('600s', '1s')), '--out', out, '--quiet', '--no-cache', '--seed', '1')).code).toBe(0);
    const child = spawn(process.execPath, [BIN, 'run', writeScenario(dir, 'second.yaml', LONG.replace('600s', '1s')), '--out', out, '--quiet', '--no-cache', '--seed', '2'], {
      stdio: 'ignore',
      env: { ...process.env, ERSIM_TEST_PAUSE_BEFORE_SWAP_MS: '1500' },
    });
    // the new folder is written beside the old one, then held back for 1.5 s before the swap
    const deadline = Date.now() + 20_000;
    while (!readdirSync(dir).some((f) => f.endsWith('.new'))) {
      if (Date.now() > deadline) throw new Error('the new results folder never appeared');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill(signal);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(exit);
    expect(readdirSync(dir).sort()).toEqual(['first.yaml', 'out', 'second.yaml']);
    // all of the second run: its seed in every replication's summary row, every file there
    const summary = readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\n').slice(1);
    expect(summary.length).toBe(2);
    for (const row of summary) expect(row.split(',')[3]).toBe('2');
    expect(readdirSync(out)).toContain('flows.csv');
  }, 60_000);
});

