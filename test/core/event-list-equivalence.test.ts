import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/planner/check.js';
import { CALENDAR_FROM_PENDING, defaultEventList, EVENT_LIST_KINDS, type EventHandler } from '../../src/core/event-list.js';
import { Simulator } from '../../src/core/simulator.js';
import { buildRun } from '../../src/planner/build.js';
import { runReplication } from '../../src/runner/run-replication.js';
import { parseScenarioText } from '../../src/planner/load.js';

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

  it('give the same results with 1,200 UDP flows, where the default becomes the calendar queue, across a failover', () => {
    const kinds = ['{ kind: poisson, rate: 40kbps, packet_size: 500B }', '{ kind: cbr, rate: 24kbps, packet_size: 300B }', '{ kind: onoff, rate: 100kbps, packet_size: 400B, on: 50ms, off: 150ms }'];
    const flows = Array.from({ length: 1200 }, (_, i) => `  - { name: f${i}, from: a, to: b, dscp: ${i % 5 === 0 ? 'EF' : 0}, source: ${kinds[i % 3]} }`);
    const text = `name: many
duration: 1500ms
nodes: [a, r, s, b]
links:
  - { from: a, to: r, bandwidth: 50Mbps, delay: 1ms, outages: [{ at: 600ms, duration: 300ms }] }
  - { from: r, to: b, bandwidth: 50Mbps, delay: 1ms }
  - { from: a, to: s, bandwidth: 20Mbps, delay: 4ms }
  - { from: s, to: b, bandwidth: 20Mbps, delay: 4ms }
routing: { detection: 30ms, convergence: 50ms }
flows:
${flows.join('\n')}
`;
    const loaded = parseScenarioText(text, 'many.yaml');
    checkScenario(loaded);
    // the default (no list asked for) moves a run this busy to the calendar queue as it begins
    const started = buildRun(loaded.scenario, { seed: 3, replication: 0 });
    started.begin();
    expect(defaultEventList(started.sim.pendingEvents)).toBe('calendar');
    const run = (eventList?: 'quaternary' | 'calendar') => {
      const r = runReplication(loaded.scenario, { seed: 3, replication: 0, eventList });
      const { wall_s: _w, events_per_s: _e, ...summary } = r.summary;
      return { flows: r.flows, links: r.links, drops: r.drops, summary };
    };
    const heap = run('quaternary');
    expect(run()).toEqual(heap);
    // the failover moved traffic: the backup path carried packets, the outage dropped some
    const backup = heap.links.find((l) => String(l.link).startsWith('a->s'));
    expect(Number(backup?.tx_packets)).toBeGreaterThan(1000);
  });

  it('the default: the heap for a handful of pending events, the calendar queue from 8 (measured crossover)', () => {
    expect(defaultEventList(1)).toBe('quaternary');
    expect(defaultEventList(CALENDAR_FROM_PENDING - 1)).toBe('quaternary');
    expect(defaultEventList(CALENDAR_FROM_PENDING)).toBe('calendar');
  });

  it('moving the pending events to another list keeps their order, equal times in insertion order', () => {
    const order = (move: boolean): number[] => {
      const sim = new Simulator({ seed: 1, eventList: 'quaternary' });
      const seen: number[] = [];
      const handler: EventHandler = { onEvent: (tag) => seen.push(tag) };
      // 40 events on 5 instants, pushed out of order: ties are broken by insertion
      for (let k = 0; k < 40; k++) sim.at(((k * 7) % 5) * 1000, handler, k);
      if (move) sim.moveEvents('calendar');
      // and events pushed after the move come after the equal times pushed before it
      sim.at(2000, handler, 100);
      sim.runUntil(10_000);
      return seen;
    };
    const stayed = order(false);
    expect(order(true)).toEqual(stayed);
    expect(stayed.slice(0, 8)).toEqual([0, 5, 10, 15, 20, 25, 30, 35]);
    expect(stayed.indexOf(100)).toBe(stayed.indexOf(36) + 1);
  });
});
