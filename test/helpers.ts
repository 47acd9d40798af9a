import { checkScenario } from '../src/planner/check.js';
import { buildRun } from '../src/planner/build.js';
import type { Network } from '../src/net/network.js';
import { runReplication, type ReplicationResult } from '../src/runner/run-replication.js';
import { parseScenarioText } from '../src/planner/load.js';
import type { Row } from '../src/stats/records.js';

/** Compile and run a scenario, keeping the network for inspection. */
export function simulateNetwork(yaml: string, seed = 1): Network {
  const loaded = parseScenarioText(yaml, 'inline.yaml');
  checkScenario(loaded);
  const run = buildRun(loaded.scenario, { seed, replication: 0 });
  run.begin();
  run.sim.runUntil(loaded.scenario.duration);
  run.network.finish(loaded.scenario.duration);
  return run.network;
}

/** Parse, check and run one replication of a scenario written inline. */
export function simulate(yaml: string, seed = 1, replication = 0): ReplicationResult {
  const loaded = parseScenarioText(yaml, 'inline.yaml');
  checkScenario(loaded);
  return runReplication(loaded.scenario, { seed, replication });
}

export function rowOf(rows: readonly Row[], column: string, value: string): Row {
  const row = rows.find((r) => r[column] === value);
  if (row === undefined) throw new Error(`no row with ${column} = ${value}`);
  return row;
}

export const num = (row: Row, column: string): number => {
  const v = row[column];
  if (typeof v !== 'number') throw new Error(`column ${column} is not a number`);
  return v;
};

/** |measured - expected| / expected */
export const relativeError = (measured: number, expected: number): number => Math.abs(measured - expected) / expected;

/**
 * Two independent paths from s to d, each with one failing link (x: mtbf 9h, y: mtbf 4h, mttr 1h):
 * its availability is known in closed form. `head` holds the lines before `nodes:` (name,
 * duration, routing...), `rate` the CBR flow's rate.
 */
export function twoPathsScenario(head: string, rate: string): string {
  return `
name: two-paths
${head.trim()}
nodes: [s, x, y, d]
links:
  - { from: s, to: x, bandwidth: 1Gbps, delay: 1ms, failures: { mtbf: 9h, mttr: 1h } }
  - { from: x, to: d, bandwidth: 1Gbps, delay: 1ms }
  - { from: s, to: y, bandwidth: 1Gbps, delay: 5ms, failures: { mtbf: 4h, mttr: 1h } }
  - { from: y, to: d, bandwidth: 1Gbps, delay: 1ms }
flows:
  - { from: s, to: d, source: { kind: cbr, rate: ${rate} } }
`;
}

/**
 * A scenario of one path a -> r -> b: 10 Gbps / 1 ms access links at both ends of the route, a
 * bottleneck r -> b (`bandwidth`, `delay`, a drop-tail queue of `queue` packets, `bottleneckExtra`
 * appended to its fields), ACKs back b -> r at `reverse` (default: the bottleneck's rate, same delay).
 */
export function bottleneckPath(o: {
  name: string;
  duration: string;
  bandwidth: string;
  delay: string;
  queue: number;
  reverse?: string;
  bottleneckExtra?: string;
  flows: readonly string[];
}): string {
  return `
name: ${o.name}
duration: ${o.duration}
nodes: [a, r, b]
links:
  - { from: a, to: r, bandwidth: 10Gbps, delay: 1ms, duplex: false }
  - { from: r, to: b, bandwidth: ${o.bandwidth}, delay: ${o.delay}, duplex: false, queue: { kind: droptail, limit_packets: ${o.queue} }${o.bottleneckExtra ?? ''} }
  - { from: b, to: r, bandwidth: ${o.reverse ?? o.bandwidth}, delay: ${o.delay}, duplex: false }
  - { from: r, to: a, bandwidth: 10Gbps, delay: 1ms, duplex: false }
flows:
${o.flows.map((flow) => `  - ${flow}`).join('\n')}
`;
}
