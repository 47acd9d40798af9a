import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ersim, filesIn, tempDir, writeScenario } from './cli-helpers.js';

const SCENARIO = `
name: two-flows
duration: 2s
warmup: 200ms
seed: 5
nodes: [a, r, b]
links:
  - { from: a, to: r, bandwidth: 100Mbps, delay: 2ms }
  - { from: r, to: b, bandwidth: 20Mbps, delay: 5ms, queue: { kind: droptail, limit_packets: 50 }, loss: 0.01 }
flows:
  - { name: bursty, from: a, to: b, source: { kind: onoff, rate: 30Mbps, on: 50ms, off: { pareto: { mean: 50ms, shape: 1.5 } } } }
  - { name: poisson, from: a, to: b, dscp: EF, source: { kind: poisson, rate: 5Mbps, packet_size: { exponential: 600B } } }
`;

const TCP_SCENARIO = `
name: tcp
duration: 2s
nodes: [a, r, b]
links:
  - { from: a, to: r, bandwidth: 1Gbps, delay: 1ms }
  - { from: r, to: b, bandwidth: 50Mbps, delay: 10ms, queue: { kind: droptail, limit_packets: 60 }, loss: 0.001 }
flows:
  - { name: bulk, from: a, to: b, protocol: tcp, app: { kind: bulk } }
  - { name: cubic, from: a, to: b, protocol: tcp, app: { kind: bulk }, tcp: { cc: cubic }, start: 300ms }
  - { name: web, from: a, to: b, protocol: tcp, app: { kind: request_response, request: 400B, response: { pareto: { mean: 30KB, shape: 1.5 } }, think: { exponential: 50ms } } }
`;

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
/** summary.csv minus its two wall-clock columns, which measure the machine, not the model. */
const summaryWithoutTiming = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => line.split(',').slice(0, -2).join(','))
    .join('\n');

describe('ersim run', () => {
  it('writes flows, links, drops and summary CSV files and prints a table', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', SCENARIO);
    const out = join(dir, 'out');
    const result = await ersim('run', file, '--out', out);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const written = ['apps.csv', 'availability.csv', 'availability_events.csv', 'classes.csv', 'delays.csv', 'drops.csv', 'exposure.csv', 'flows.csv', 'links.csv', 'scenario.yaml', 'summary.csv'];
    expect(filesIn(out)).toEqual(['.ersim-results', ...written]);
    expect(read(out, '.ersim-results').split('\n').filter(Boolean).sort()).toEqual(written); // what ersim may replace next time
    expect(result.out).toMatch(/bursty/);
    expect(read(out, 'flows.csv').split('\n')[0]).toBe(
      'variant,replication,seed,flow,protocol,path,from,to,dscp,tx_packets,tx_bytes,rx_packets,rx_bytes,lost_packets,loss_ratio,throughput_bps,mean_rate_bps,delay_mean_ms,delay_p50_ms,delay_p95_ms,delay_p99_ms,delay_max_ms,jitter_ms,jitter_p95_ms,goodput_bps,delivered_bytes,retransmits,timeouts,lost_acks,rtt_mean_ms,rtt_p99_ms,cwnd_final_bytes,cwnd_mean_bytes,slow_start_end_ms,completions,fct_ms,fct_p50_ms,fct_p99_ms',
    );
    expect(read(out, 'drops.csv')).toMatch(/r->b,default,loss,/);
    expect(read(out, 'drops.csv')).toMatch(/r->b,voice,loss,/);
  });

  it('keeps the table on stdout short: 20 flows, then how many more flows.csv holds', async () => {
    const dir = tempDir();
    const flows = Array.from({ length: 25 }, (_, i) => `  - { name: f${i}, from: a, to: b, source: { kind: cbr, rate: 1Mbps } }`);
    const file = writeScenario(dir, 'many.yaml', `name: many\nduration: 100ms\nnodes: [a, b]\nlinks:\n  - { from: a, to: b, bandwidth: 100Mbps, delay: 1ms }\nflows:\n${flows.join('\n')}\n`);
    const out = join(dir, 'out');
    const result = await ersim('run', file, '--out', out);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^f19 \/ direct/m);
    expect(result.out).not.toMatch(/^f20 /m);
    expect(result.out).toMatch(/\.\.\. and 5 more in flows\.csv/);
    expect(read(out, 'flows.csv').trim().split('\n')).toHaveLength(26);
  });

  it('gives byte-identical files for the same seed and different ones for another seed', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', SCENARIO);
    const runs = ['a', 'b', 'c'].map((n) => join(dir, n));
    expect((await ersim('run', file, '--out', runs[0]!, '-q')).code).toBe(0);
    expect((await ersim('run', file, '--out', runs[1]!, '-q')).code).toBe(0);
    expect((await ersim('run', file, '--out', runs[2]!, '-q', '--seed', '6')).code).toBe(0);
    for (const f of ['flows.csv', 'links.csv', 'drops.csv']) expect(read(runs[1]!, f)).toBe(read(runs[0]!, f));
    expect(summaryWithoutTiming(read(runs[1]!, 'summary.csv'))).toBe(summaryWithoutTiming(read(runs[0]!, 'summary.csv')));
    expect(read(runs[2]!, 'flows.csv')).not.toBe(read(runs[0]!, 'flows.csv'));
  });

  it('runs replications with independent streams, one block of rows each', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', SCENARIO);
    const out = join(dir, 'out');
    expect((await ersim('run', file, '--out', out, '-q', '--replications', '3')).code).toBe(0);
    const rows = read(out, 'flows.csv').trim().split('\n').slice(1);
    expect(rows.map((r) => r.split(',')[1])).toEqual(['0', '0', '1', '1', '2', '2']);
    expect(new Set(rows.map((r) => r.split(',').slice(9).join(','))).size).toBe(6);
  });

  it('overrides the duration from the command line', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', SCENARIO);
    const out = join(dir, 'out');
    expect((await ersim('run', file, '--out', out, '-q', '--duration', '1s')).code).toBe(0);
    expect(read(out, 'summary.csv')).toMatch(/\ntwo-flows,base,0,5,1,0.2,/);
  });

  it('writes timeseries.csv only when asked, without changing any other result', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 'tcp.yaml', TCP_SCENARIO);
    const plain = join(dir, 'plain');
    const sampled = join(dir, 'sampled');
    expect((await ersim('run', file, '--out', plain, '-q')).code).toBe(0);
    expect((await ersim('run', file, '--out', sampled, '-q', '--timeseries', '250ms')).code).toBe(0);
    expect(filesIn(plain)).not.toContain('timeseries.csv');
    for (const f of ['flows.csv', 'links.csv', 'drops.csv']) expect(read(sampled, f)).toBe(read(plain, f));
    const lines = read(sampled, 'timeseries.csv').trim().split('\n');
    expect(lines[0]).toBe('variant,replication,time_s,kind,name,throughput_bps,goodput_bps,cwnd_bytes,queue_packets,queue_delay_ms');
    const bulk = lines.filter((l) => l.includes(',flow,bulk,')).map((l) => l.split(','));
    expect(bulk.map((r) => Number(r[2]))).toEqual([0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]);
    // goodput per interval averages to the flow's goodput
    const flows = read(sampled, 'flows.csv').trim().split('\n').map((l) => l.split(','));
    const goodput = Number(flows[1]![flows[0]!.indexOf('goodput_bps')]);
    const mean = bulk.reduce((s, r) => s + Number(r[6]), 0) / bulk.length;
    expect(Math.abs(mean - goodput) / goodput).toBeLessThan(1e-9);
  });

  it('gives byte-identical TCP results for the same seed', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 'tcp.yaml', TCP_SCENARIO);
    expect((await ersim('run', file, '--out', join(dir, 'a'), '-q')).code).toBe(0);
    expect((await ersim('run', file, '--out', join(dir, 'b'), '-q')).code).toBe(0);
    for (const f of ['flows.csv', 'links.csv', 'drops.csv']) expect(read(join(dir, 'b'), f)).toBe(read(join(dir, 'a'), f));
  });

  it('prints help for every command', async () => {
    for (const args of [['--help'], ['run', '--help'], ['validate', '--help']]) {
      const result = await ersim(...args);
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/Usage: ersim/);
    }
  });
});
