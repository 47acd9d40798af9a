import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enterpriseScenario } from '../../bench/scenario.bench.js';
import { checkScenario } from '../../src/planner/check.js';
import { parseScenarioText } from '../../src/planner/load.js';
import type { Scenario } from '../../src/planner/scenario.js';
import { compileReplication, runSplit, runToEnd, startReplication, type ReplicationResult } from '../../src/runner/run-replication.js';
import type { Row } from '../../src/stats/records.js';
import { runTasks, sharedTail } from '../../src/parallel/run-tasks.js';
import type { Task } from '../../src/parallel/task.js';
import { num, rowOf, twoPathsScenario } from '../helpers.js';

/**
 * One replication split into partitions (docs/parallel.md): against hand-computed packet timings,
 * against the same scenario run as one partition, and the same output whatever the number of threads.
 */

function scenarioOf(yaml: string): Scenario {
  const loaded = parseScenarioText(yaml, 'inline.yaml');
  checkScenario(loaded);
  return loaded.scenario;
}

/** One replication with `threads` threads (1: every partition in turn in this thread). */
async function run(scenario: Scenario, threads = 1, seed = 1, timeSeriesInterval?: number): Promise<{ result: ReplicationResult; partitions: number }> {
  const options = { seed, replication: 0, timeSeriesInterval };
  const compiled = compileReplication(scenario, options);
  const partitions = compiled.plan.count;
  if (threads === 1) return { result: runToEnd(startReplication(scenario, options, compiled)), partitions };
  return { result: await runSplit(scenario, options, compiled, threads), partitions };
}

/** Every table of a result but the wall-clock figures (and, for a comparison with one partition, its event and packet counts). */
function tables(result: ReplicationResult, counts = true): Record<string, Row[]> {
  const { wall_s: _w, events_per_s: _e, events, packets_allocated, ...summary } = result.summary;
  return {
    flows: result.flows,
    links: result.links,
    drops: result.drops,
    classes: result.classes,
    apps: result.apps,
    exposure: result.exposure,
    delays: result.delays,
    availability: result.availability,
    availabilityEvents: result.availabilityEvents,
    summary: [counts ? { ...summary, events, packets_allocated } : summary],
    timeSeries: result.timeSeries === null ? [] : [{ ...result.timeSeries, values: Array.from(result.timeSeries.values) } as unknown as Row],
  };
}

const chain = (partitions: number | 'auto', extra = ''): string => `
name: chain
duration: 2s
parallel: { partitions: ${partitions} }
nodes: [a, b, c]
links:
  - { from: a, to: b, bandwidth: 100Mbps, delay: 1ms }
  - { from: b, to: c, bandwidth: 10Mbps, delay: 5ms${extra} }
flows:
  - { name: f, from: a, to: c, source: { kind: cbr, rate: 1Mbps, packet_size: 1250B } }
`;

describe('a partitioned replication', () => {
  it('delivers a packet across a cut link at the hand-computed time: 0.1 + 1 + 1 + 5 ms', async () => {
    const { result, partitions } = await run(scenarioOf(chain(2)));
    expect(partitions).toBe(2);
    const f = rowOf(result.flows, 'flow', 'f');
    // 1 Mbps of 1250 B packets: one every 10 ms for 2 s
    expect(num(f, 'tx_packets')).toBe(200);
    // the last, sent at 1.99 s, arrives at 1.9971 s
    expect(num(f, 'rx_packets')).toBe(200);
    expect(num(f, 'delay_mean_ms')).toBeCloseTo(7.1, 9);
    expect(num(f, 'delay_max_ms')).toBeCloseTo(7.1, 2);
  });

  it('answers a request across a cut link (the server reads the sizes from the request): request + response one-way + serialization', async () => {
    const text = (partitions: number): string => `
name: apps
duration: 5s
parallel: { partitions: ${partitions} }
nodes: [client, server]
links:
  - { from: client, to: server, bandwidth: 100Mbps, delay: 10ms }
flows:
  - { name: web, from: client, to: server, protocol: tcp, app: { kind: request_response, request: 1000B, response: 10KB, think: 200ms, count: 10 } }
`;
    const split = await run(scenarioOf(text(2)));
    const whole = await run(scenarioOf(text(1)));
    expect(split.partitions).toBe(2);
    const web = rowOf(split.result.flows, 'flow', 'web');
    const ser = (bytes: number): number => (bytes * 8) / 100e6;
    // 1000 B request: one segment; 10 KB response: 7 segments of up to 1448 B, in the initial window
    const expected = 0.01 + ser(1052) + 0.01 + 6 * ser(1500) + ser(10_000 - 6 * 1448 + 52);
    // the first of the ten exchanges opens the connection: a 60 B SYN and SYN-ACK across the cut
    const withHandshake = expected + (0.02 + 2 * ser(60)) / 10;
    expect(Math.abs(num(web, 'fct_ms') / 1000 - withHandshake) / withHandshake).toBeLessThan(0.01);
    expect(num(rowOf(split.result.flows, 'flow', 'web.response'), 'delivered_bytes')).toBe(10 * 10_000);
    expect(tables(split.result, false)).toEqual(tables(whole.result, false));
  });

  it('routes around failures the same way in every partition: the rows of one partition, availability included', async () => {
    const text = (partitions: number): string =>
      twoPathsScenario(`duration: 12h\nparallel: { partitions: ${partitions} }\nrouting: { detection: 3s, convergence: 5s }`, '100kbps');
    const split = await run(scenarioOf(text(3)), 1, 3);
    const whole = await run(scenarioOf(text(1)), 1, 3);
    expect(split.partitions).toBe(3);
    // seed 3: both paths fail in these 12 h; the packets sent into a failure before it is routed around are lost
    expect(num(split.result.availability[0]!, 'route_changes')).toBeGreaterThan(2);
    expect(split.result.drops.some((d) => d.reason === 'link_down' && num(d, 'packets') > 0)).toBe(true);
    expect(tables(split.result, false)).toEqual(tables(whole.result, false));
  }, 30_000);

  it('drops the packets in flight on a cut link that fails, as one partition does', async () => {
    const outage = ', outages: [{ at: 1003ms, duration: 500ms }]';
    const split = await run(scenarioOf(chain(2, outage)));
    const whole = await run(scenarioOf(chain(1, outage)));
    expect(split.partitions).toBe(2);
    expect(whole.partitions).toBe(1);
    const linkDown = (r: ReplicationResult): number =>
      r.drops.filter((d) => d.reason === 'link_down').reduce((n, d) => n + num(d, 'packets'), 0);
    // the packet sent at 1 s is on the 5 ms wire (1.0011 to 1.0071 s) when it fails; 50 more (sent
    // at 1.01 to 1.5 s) reach b while it is down
    expect(linkDown(whole.result)).toBe(51);
    expect(linkDown(split.result)).toBe(51);
    expect(tables(split.result, false)).toEqual(tables(whole.result, false));
  });

  it('gives the dumbbell (a full 1 Gbps bottleneck, 16.7% loss) the rows it gives as one partition', async () => {
    const text = (partitions: number): string => `
name: dumbbell
duration: 1s
parallel: { partitions: ${partitions} }
nodes: [S1, S2, R1, R2, D1, D2]
links:
  - { from: R1, to: R2, bandwidth: 1Gbps, delay: 10ms, queue: { kind: droptail, limit_packets: 1000 } }
  - { from: S1, to: R1, bandwidth: 10Gbps, delay: 1ms }
  - { from: S2, to: R1, bandwidth: 10Gbps, delay: 1ms }
  - { from: R2, to: D1, bandwidth: 10Gbps, delay: 1ms }
  - { from: R2, to: D2, bandwidth: 10Gbps, delay: 1ms }
flows:
  - { name: a, from: S1, to: D1, source: { kind: cbr, rate: 600Mbps, packet_size: 1500B } }
  - { name: b, from: S2, to: D2, source: { kind: poisson, rate: 600Mbps, packet_size: 1500B } }
`;
    const split = await run(scenarioOf(text(3)));
    const whole = await run(scenarioOf(text(1)));
    expect(split.partitions).toBe(3);
    expect(tables(split.result, false)).toEqual(tables(whole.result, false));
    const bottleneck = rowOf(split.result.links, 'link', 'R1->R2');
    expect(num(bottleneck, 'utilization')).toBeGreaterThan(0.98);
  });

  it("gives an enterprise's calls and transactions (TCP both ways across partitions) the rows of one partition", async () => {
    const base = enterpriseScenario(12, 1500, '7s', 'regional-circuits');
    const split = await run({ ...base, parallel: { partitions: 4 } });
    const whole = await run({ ...base, parallel: { partitions: 1 } });
    expect(split.partitions).toBe(4);
    expect(split.result.apps.length).toBeGreaterThan(40);
    expect(num(rowOf(split.result.apps, 'application', 'erp'), 'completed')).toBeGreaterThan(0);
    expect(tables(split.result, false)).toEqual(tables(whole.result, false));
  }, 60_000);

  it.each(['hairpin', 'premium-global', 'vpn-to-expressroute', 'regional-circuits', 'low-bandwidth-circuit'])(
    'gives scenarios/%s.yaml (hair-pins, Premium reach, IPsec tunnels, circuits) the rows of one partition, split in 2 and in 4',
    async (name) => {
      const text = readFileSync(`scenarios/${name}.yaml`, 'utf8').replace(/^duration: .*$/m, 'duration: 3s');
      const loaded = parseScenarioText(text, `${name}.yaml`);
      checkScenario(loaded);
      for (const variant of loaded.variants) {
        const whole = await run({ ...variant, parallel: { partitions: 1 } }, 1, variant.seed);
        for (const partitions of [2, 4]) {
          const split = await run({ ...variant, parallel: { partitions } }, 1, variant.seed);
          expect(split.partitions).toBeGreaterThan(1);
          expect(tables(split.result, false)).toEqual(tables(whole.result, false));
        }
      }
    },
    60_000,
  );

  it('writes the same rows, events, packets and time series for 1, 2 and 4 threads, the series of one partition', async () => {
    const base = enterpriseScenario(12, 1500, '6s', 'regional-circuits');
    const scenario = { ...base, parallel: { partitions: 4 } };
    const one = await run(scenario, 1, 1, 250e6);
    const two = await run(scenario, 2, 1, 250e6);
    const four = await run(scenario, 4, 1, 250e6);
    expect(one.partitions).toBe(4);
    expect(one.result.timeSeries!.samples).toBe(4);
    const whole = await run({ ...base, parallel: { partitions: 1 } }, 1, 1, 250e6);
    expect(tables(one.result, false).timeSeries).toEqual(tables(whole.result, false).timeSeries);
    expect(tables(two.result)).toEqual(tables(one.result));
    expect(tables(four.result)).toEqual(tables(one.result));
  }, 120_000);

  it('fails as a whole, naming the cause, when one of its threads fails mid-run', async () => {
    process.env.ERSIM_FAIL_THREAD = '1';
    try {
      await expect(run(scenarioOf(chain(2)), 2)).rejects.toThrow(/injected failure of thread 1/);
    } finally {
      delete process.env.ERSIM_FAIL_THREAD;
    }
  });

  it('gives the pool whole rounds of tasks and splits the last round over the cores left: the same rows as one worker', async () => {
    expect(sharedTail(3, 2)).toEqual({ tasks: 1, threads: 2 });
    expect(sharedTail(4, 2)).toEqual({ tasks: 0, threads: 1 });
    expect(sharedTail(3, 4)).toEqual({ tasks: 0, threads: 1 });
    expect(sharedTail(5, 4)).toEqual({ tasks: 1, threads: 4 });
    expect(sharedTail(2, 1)).toEqual({ tasks: 2, threads: 1 });
    expect(sharedTail(4, 2, 2)).toEqual({ tasks: 4, threads: 2 });
    expect(sharedTail(4, 2, 1)).toEqual({ tasks: 0, threads: 1 });
    const text = chain(2);
    const scenario = scenarioOf(text);
    const tasks: Task[] = [0, 1, 2].map((replication) => ({ file: 'chain.yaml', text, overrides: {}, variant: scenario.variant, replication, seed: 1, label: '', scenario }));
    const one = await runTasks(tasks, { workers: 1 });
    const two = await runTasks(tasks, { workers: 2 });
    expect(two.map((r) => tables(r))).toEqual(one.map((r) => tables(r)));
  });

  it('cuts no link shorter than the scenario\'s lookahead', async () => {
    const short = chain(2).replace('parallel: { partitions: 2 }', 'parallel: { partitions: 2, lookahead: 2ms }');
    const options = { seed: 1, replication: 0 };
    const plan = compileReplication(scenarioOf(short), options).plan;
    expect(plan.count).toBe(2);
    expect(plan.lookahead).toBe(5e6);
    expect(plan.window).toBe(1e6); // windows are at most 1 ms
    const never = chain(2).replace('parallel: { partitions: 2 }', 'parallel: { partitions: 2, lookahead: 6ms }');
    expect(compileReplication(scenarioOf(never), options).plan.count).toBe(1);
  });

  it("splits only large runs by default, and never where no link is a lookahead long", async () => {
    expect((await run(scenarioOf(chain('auto')))).partitions).toBe(1);
    const short = chain(2).replace('delay: 5ms', 'delay: 100us').replace('delay: 1ms', 'delay: 100us');
    expect((await run(scenarioOf(short))).partitions).toBe(1);
  });
});
