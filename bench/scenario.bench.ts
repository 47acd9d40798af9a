import { checkScenario } from '../src/compile/check.js';
import type { EventListKind } from '../src/core/event-list.js';
import { runReplication } from '../src/runner/run-replication.js';
import { loadScenarioFile } from '../src/scenario/load.js';
import type { BenchCase } from './bench-case.js';

/** A whole run of a scenario file, statistics on: events and packet-hops (link transmissions). */
export function scenarioCase(file: string, eventList: EventListKind = 'quaternary'): BenchCase {
  const loaded = loadScenarioFile(file);
  checkScenario(loaded);
  const scenario = loaded.scenario;
  return {
    name: `${scenario.name} (${eventList})`,
    run: () => {
      const result = runReplication(scenario, { seed: scenario.seed, replication: 0, eventList });
      const packetHops = result.links.reduce((sum, link) => sum + (link.tx_packets as number), 0);
      return { events: result.summary.events as number, packetHops, simulatedSeconds: scenario.duration / 1e9 };
    },
  };
}
