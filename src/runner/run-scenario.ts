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
  classes: Row[];
}

export interface ScenarioRunOptions {
  seed: number;
  replications: number;
  eventList?: EventListKind;
  timeSeriesInterval?: Nanos;
  availabilityOnly?: boolean;
  /** Called with the run's overall fraction done, a label of the task, and its events so far. */
  onProgress?: (fraction: number, label: string, events: number) => void;
}

/**
 * Every replication of every variant, in order (variant by variant, replication by replication),
 * rows concatenated in that order. All variants use the same seed: they see the same random
 * draws wherever they have the same random processes (common random numbers).
 */
export function runScenario(variants: readonly Scenario[], options: ScenarioRunOptions): ScenarioResult {
  const result: ScenarioResult = { flows: [], links: [], drops: [], summary: [], timeSeries: [], availability: [], classes: [] };
  const tasks = variants.flatMap((scenario) => Array.from({ length: options.replications }, (_, replication) => ({ scenario, replication })));
  tasks.forEach(({ scenario, replication }, k) => {
    const label = `${variants.length > 1 ? `${scenario.variant} ` : ''}rep ${replication + 1}/${options.replications}`;
    const r = runReplication(scenario, {
      replication,
      seed: options.seed,
      eventList: options.eventList,
      timeSeriesInterval: options.timeSeriesInterval,
      availabilityOnly: options.availabilityOnly,
      onProgress: options.onProgress && ((f, e) => options.onProgress!((k + f) / tasks.length, label, e)),
    });
    result.flows.push(...r.flows);
    result.links.push(...r.links);
    result.drops.push(...r.drops);
    result.summary.push(r.summary);
    result.timeSeries.push(...r.timeSeries);
    result.availability.push(...r.availability);
    result.classes.push(...r.classes);
  });
  return result;
}
