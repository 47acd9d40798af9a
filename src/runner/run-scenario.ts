import type { EventListKind } from '../core/event-list.js';
import type { Nanos } from '../core/time.js';
import type { Scenario } from '../scenario/scenario.js';
import type { Row } from '../stats/records.js';
import { runReplication } from './run-replication.js';

export interface ScenarioResult {
  flows: Row[];
  links: Row[];
  drops: Row[];
  summary: Row[];
  timeSeries: Row[];
  availability: Row[];
}

export interface ScenarioRunOptions {
  seed: number;
  replications: number;
  eventList?: EventListKind;
  timeSeriesInterval?: Nanos;
  availabilityOnly?: boolean;
  onProgress?: (replication: number, fraction: number, events: number) => void;
}

/** Every replication of a scenario in order; rows are concatenated replication by replication. */
export function runScenario(scenario: Scenario, options: ScenarioRunOptions): ScenarioResult {
  const result: ScenarioResult = { flows: [], links: [], drops: [], summary: [], timeSeries: [], availability: [] };
  for (let replication = 0; replication < options.replications; replication++) {
    const r = runReplication(scenario, {
      replication,
      seed: options.seed,
      eventList: options.eventList,
      timeSeriesInterval: options.timeSeriesInterval,
      availabilityOnly: options.availabilityOnly,
      onProgress: options.onProgress && ((f, e) => options.onProgress!(replication, f, e)),
    });
    result.flows.push(...r.flows);
    result.links.push(...r.links);
    result.drops.push(...r.drops);
    result.summary.push(r.summary);
    result.timeSeries.push(...r.timeSeries);
    result.availability.push(...r.availability);
  }
  return result;
}
