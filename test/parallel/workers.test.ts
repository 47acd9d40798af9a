import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ersim, filesIn, tempDir, writeScenario } from '../cli/cli-helpers.js';
import { checkScenario } from '../../src/planner/check.js';
import { runTasks, sharedPool } from '../../src/parallel/run-tasks.js';
import { parseScenarioText } from '../../src/planner/load.js';

const SCENARIO = `
name: workers
duration: 2s
seed: 4
replications: 3
nodes: [a, r, b]
links:
  - { from: a, to: r, bandwidth: 100Mbps, delay: 2ms }
  - { from: r, to: b, bandwidth: 20Mbps, delay: 5ms, queue: { kind: droptail, limit_packets: 50 }, loss: 0.002 }
flows:
  - { name: web, from: a, to: b, protocol: tcp, app: { kind: request_response, request: 500B, response: { pareto: { mean: 40KB, shape: 1.5 } }, think: { exponential: 30ms } } }
  - { name: voice, from: a, to: b, dscp: EF, source: { kind: poisson, rate: 2Mbps } }
variants:
  small-queue: {}
  big-queue:
    links:
      - { from: a, to: r, bandwidth: 100Mbps, delay: 2ms }
      - { from: r, to: b, bandwidth: 20Mbps, delay: 5ms, queue: { kind: droptail, limit_packets: 500 }, loss: 0.002 }
`;

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const withoutTiming = (text: string) => text.trim().split('\n').map((l) => l.split(',').slice(0, -2).join(',')).join('\n');

describe('worker threads', () => {
  afterEach(() => {
    delete process.env.ERSIM_FAIL_TASK;
  });

  it('survive pools stopped while some threads still start (2 tiny tasks on 4 threads, 30 times)', async () => {
    // with ersim's ES module as piscina's entry, Node 20 aborted the process about once in 100
    // such runs (a thread terminated while require() loaded the module graph)
    const text = 'name: t\nduration: 10ms\nnodes: [a, b]\nlinks:\n  - { from: a, to: b, bandwidth: 1Gbps, delay: 1ms }\nflows:\n  - { name: f, from: a, to: b, source: { kind: cbr, rate: 10Mbps } }\n';
    const loaded = parseScenarioText(text, 't.yaml');
    checkScenario(loaded);
    const tasks = [0, 1].map((replication) => ({ file: 't.yaml', text, overrides: {}, variant: loaded.scenario.variant, replication, seed: 1, label: '', scenario: loaded.scenario }));
    for (let k = 0; k < 30; k++) {
      const results = await runTasks(tasks, { workers: 4 });
      expect(results.map((r) => r.summary.replication)).toEqual([0, 1]);
    }
  }, 60_000);

  it("share one pool across a command's runs: started by the first, kept by the next, closed once", async () => {
    const text = 'name: t\nduration: 10ms\nnodes: [a, b]\nlinks:\n  - { from: a, to: b, bandwidth: 1Gbps, delay: 1ms }\nflows:\n  - { name: f, from: a, to: b, source: { kind: cbr, rate: 10Mbps } }\n';
    const loaded = parseScenarioText(text, 't.yaml');
    checkScenario(loaded);
    const tasks = [0, 1].map((replication) => ({ file: 't.yaml', text, overrides: {}, variant: loaded.scenario.variant, replication, seed: 1, label: '', scenario: loaded.scenario }));
    const shared = sharedPool(2);
    const pool = shared.get();
    expect(shared.get()).toBe(pool);
    const alone = await runTasks(tasks, { workers: 2 });
    for (let k = 0; k < 3; k++) {
      const results = await runTasks(tasks, { workers: 2, sharedPool: shared.get });
      // the same results as from a pool of its own (but the wall-clock figures)
      expect(results.map((r) => r.flows)).toEqual(alone.map((r) => r.flows));
      expect(results.map((r) => r.summary.events)).toEqual(alone.map((r) => r.summary.events));
      expect(pool.completed).toBe(2 * (k + 1)); // the runs' tasks all went to the one pool, still open
    }
    await shared.close();
    expect(shared.get()).not.toBe(pool); // a new one after closing
    await shared.close();
  }, 60_000);

  it('give byte-identical outputs with 1, 2 and 4 workers (variants x replications)', async () => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', SCENARIO);
    for (const n of ['1', '2', '4']) expect((await ersim('run', file, '--out', join(dir, n), '-q', '--no-cache', '--workers', n)).code).toBe(0);
    for (const f of ['flows.csv', 'links.csv', 'drops.csv', 'classes.csv', 'availability.csv']) {
      expect(read(join(dir, '2'), f)).toBe(read(join(dir, '1'), f));
      expect(read(join(dir, '4'), f)).toBe(read(join(dir, '1'), f));
    }
    expect(withoutTiming(read(join(dir, '4'), 'summary.csv'))).toBe(withoutTiming(read(join(dir, '1'), 'summary.csv')));
    expect(read(join(dir, '1'), 'flows.csv').split('\n').filter((l) => l.startsWith('big-queue,2,')).length).toBe(3);
  });

  it.each(['1', '2'])('name a failing task, exit non-zero and write nothing (%s workers)', async (n) => {
    const dir = tempDir();
    const file = writeScenario(dir, 's.yaml', SCENARIO);
    process.env.ERSIM_FAIL_TASK = 'variant big-queue / replication 1 / seed 4';
    const result = await ersim('run', file, '--out', join(dir, 'out'), '-q', '--no-cache', '--workers', n);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/task variant big-queue \/ replication 1 \/ seed 4 failed: injected failure/);
    expect(filesIn(dir)).toEqual(['s.yaml']);
  });

  it('reuse cached tasks: a second run simulates nothing, one more replication runs one task', async () => {
    const dir = tempDir();
    // a scenario name unique to this test keeps its cache entries apart from other runs
    const file = writeScenario(dir, 's.yaml', SCENARIO.replace('name: workers', `name: cache-${process.pid}-${Date.now()}`));
    const lines = async (...extra: string[]) => {
      const r = await ersim('run', file, '--out', join(dir, 'out'), '--workers', '1', ...extra);
      expect(r.code).toBe(0);
      return r;
    };
    const first = await lines();
    expect(first.out).toMatch(/6 run\(s\)/);
    const again = await lines();
    expect(again.out).toMatch(/0 task\(s\) simulated, 6 from the cache/);
    const more = await lines('--replications', '4');
    expect(more.out).toMatch(/2 task\(s\) simulated, 6 from the cache/); // one new replication per variant
  });
});

describe("the check's network handed to the run (checkScenario keepNetwork, runTasks takeChecked)", () => {
  const rowsOf = (results: Awaited<ReturnType<typeof runTasks>>) =>
    results.map(({ summary: { wall_s: _wall, events_per_s: _rate, ...summary }, timeSeries: _series, ...rows }) => ({ summary, ...rows }));

  it('gives the first replication the same results as a network built afresh, and is taken once', async () => {
    const loaded = parseScenarioText(SCENARIO, 'workers.yaml');
    const tasks = [0, 1].map((replication) => ({ file: 'workers.yaml', text: SCENARIO, overrides: {}, variant: loaded.scenario.variant, replication, seed: loaded.scenario.seed, label: '', scenario: loaded.scenario }));
    const checked = checkScenario(loaded, 'packets', { keepNetwork: {} });
    expect(checked?.scenario).toBe(loaded.variants[0]);
    expect(checked?.options).toMatchObject({ seed: 4, replication: 0 });
    let takes = 0;
    const handedOver = await runTasks(tasks, {
      workers: 1,
      takeChecked: () => {
        takes++;
        return { task: tasks[0]!, run: checked!.run };
      },
    });
    expect(takes).toBe(1);
    expect(checked!.run.sim.eventsProcessed).toBeGreaterThan(0); // it was this network that ran
    const afresh = await runTasks(tasks, { workers: 1 });
    expect(rowsOf(handedOver)).toEqual(rowsOf(afresh));
  }, 60_000);

  it('is dropped when the first task run in this thread is another one', async () => {
    const loaded = parseScenarioText(SCENARIO, 'workers.yaml');
    const checked = checkScenario(loaded, 'packets', { keepNetwork: {} })!;
    const task = { file: 'workers.yaml', text: SCENARIO, overrides: {}, variant: loaded.scenario.variant, replication: 1, seed: loaded.scenario.seed, label: '', scenario: loaded.scenario };
    const other = { ...task, replication: 0 };
    await runTasks([task], { workers: 1, takeChecked: () => ({ task: other, run: checked.run }) });
    expect(checked.run.sim.eventsProcessed).toBe(0);
  }, 60_000);

  it('is not kept unless asked for', () => {
    expect(checkScenario(parseScenarioText(SCENARIO, 'workers.yaml'))).toBeUndefined();
  });
});
