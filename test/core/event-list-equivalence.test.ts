import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/compile/check.js';
import { EVENT_LIST_KINDS } from '../../src/core/event-list.js';
import { runReplication } from '../../src/runner/run-replication.js';
import { parseScenarioText } from '../../src/scenario/load.js';

const SCENARIO = `
name: equivalence
duration: 3s
warmup: 200ms
nodes: [a, r, b]
links:
  - { from: a, to: r, bandwidth: 100Mbps, delay: 2ms, failures: { mtbf: 1s, mttr: 50ms } }
  - { from: r, to: b, bandwidth: 20Mbps, delay: 5ms, queue: { kind: priority, classes: [{ name: hi, dscp: [EF] }, { name: lo, dscp: default, limit_packets: 40 }] } }
routing: { detection: 20ms, convergence: 30ms }
flows:
  - { name: bulk, from: a, to: b, protocol: tcp, app: { kind: bulk }, tcp: { cc: cubic } }
  - { name: web, from: a, to: b, protocol: tcp, app: { kind: request_response, request: 1KB, response: { pareto: { mean: 30KB, shape: 1.4 } }, think: { exponential: 20ms } } }
  - { name: voice, from: a, to: b, dscp: EF, source: { kind: cbr, rate: 64kbps, packet_size: 200B } }
`;

describe('event lists', () => {
  it('give identical results, event for event, on a run with ties, failures and TCP', () => {
    const loaded = parseScenarioText(SCENARIO, 'eq.yaml');
    checkScenario(loaded);
    const runs = EVENT_LIST_KINDS.map((eventList) => {
      const r = runReplication(loaded.scenario, { seed: 1, replication: 0, eventList });
      const { wall_s: _w, events_per_s: _e, ...summary } = r.summary;
      return { flows: r.flows, links: r.links, availability: r.availability, summary };
    });
    for (const run of runs.slice(1)) expect(run).toEqual(runs[0]);
  });
});
