import type { CompiledRun, RunOptions } from '../compile/compile.js';
import type { EventListChoice } from '../core/event-list.js';
import { IssueList } from '../scenario/errors.js';
import { buildRun } from './build.js';
import { estimateEvents, estimateMemory } from './cost.js';
import type { LoadedScenario } from './load.js';
import type { Scenario } from './scenario.js';
import { overloadWarnings } from './offered-load.js';
import { TEAMS_WINDOW as QUALITY_WINDOW } from '../stats/teams-targets.js';

/** Nanosecond time is exact up to 2^53 ns (104 days); packets need it exact. */
const MAX_PACKET_RUN_NS = Number.MAX_SAFE_INTEGER;
/** Failures and routing alone need no nanosecond: a hundred years (then a double is 512 ns coarse). */
const MAX_AVAILABILITY_RUN_NS = 100 * 365.25 * 86400e9;
/** Events a replication may be estimated to simulate unless --max-events says otherwise: about an hour at 5 M events/s. */
export const DEFAULT_MAX_EVENTS = 2e10;
/** Memory a replication may be estimated to need unless --max-memory says otherwise. */
export const DEFAULT_MAX_MEMORY = 8e9;

/** What a run may cost, and what decides part of it. */
export interface RunLimits {
  maxEvents?: number;
  maxMemory?: number;
  timeSeriesInterval?: number;
  /**
   * Return the first variant's network (replication 0, built with `eventList`), for a caller that
   * runs it next; otherwise each variant's network is dropped once checked.
   */
  keepNetwork?: { eventList?: EventListChoice };
}

/** The network a check built for its first variant: replication 0 at that variant's seed, compiled with `options`. */
export interface CheckedRun {
  scenario: Scenario;
  options: RunOptions;
  run: CompiledRun;
}

/**
 * Build the scenario's network once to find what only the topology reveals, and check that the
 * run's length fits its time base; throws with lines. With `limits.keepNetwork`, returns the first variant's
 * network, which its first replication may run instead of building it again (`RunTasksOptions.takeChecked`).
 */
export function checkScenario(loaded: LoadedScenario, mode: 'packets' | 'availability' = 'packets', limits: RunLimits = {}): CheckedRun | undefined {
  const maxEvents = limits.maxEvents ?? DEFAULT_MAX_EVENTS;
  const maxMemory = limits.maxMemory ?? DEFAULT_MAX_MEMORY;
  let first: CheckedRun | undefined;
  for (const scenario of loaded.variants) {
    const issues = new IssueList();
    if (mode === 'packets' && scenario.duration > MAX_PACKET_RUN_NS) {
      issues.add(['duration'], 'a run with packets lasts at most 104 days (2^53 ns, the exact range of nanosecond time); --availability-only simulates failures for up to 100 years');
    } else if (scenario.duration > MAX_AVAILABILITY_RUN_NS) {
      issues.add(['duration'], 'an availability run lasts at most 100 years');
    } else {
      const cost = mode === 'packets' ? estimateEvents(scenario) : { events: 0 };
      if (cost.events > maxEvents) {
        // named at the field that offers most of the traffic, before anything is built
        issues.add(
          cost.driver?.path ?? ['duration'],
          `a replication would simulate about ${cost.events.toPrecision(2)} events (this field: ${(cost.driver?.events ?? 0).toPrecision(2)}), more than the limit of ${maxEvents.toPrecision(2)}; lower it, shorten duration, or raise the limit with --max-events`,
        );
      } else {
        const memory = mode === 'packets' ? estimateMemory(scenario, limits.timeSeriesInterval) : { bytes: 0, driver: [] };
        if (memory.bytes > maxMemory) {
          issues.add(memory.driver, `a replication would need about ${(memory.bytes / 1e9).toPrecision(2)} GB (its flows, queues${limits.timeSeriesInterval === undefined ? '' : ' and time-series samples'}), more than the limit of ${(maxMemory / 1e9).toPrecision(2)} GB; raise it with --max-memory${limits.timeSeriesInterval === undefined ? '' : ' or sample less often (--timeseries)'}`);
        } else {
          const options: RunOptions = { seed: scenario.seed, replication: 0, eventList: limits.keepNetwork?.eventList, availabilityOnly: mode === 'availability' };
          const run = buildRun(scenario, options, issues);
          if (limits.keepNetwork !== undefined && scenario === loaded.variants[0]) first = { scenario, options, run };
        }
      }
    }
    if (!issues.empty) throw loaded.fail(issues.issues, loaded.variants.length > 1 ? scenario.variant : undefined);
  }
  return first;
}

/** Advice before a run with packets (not errors): its length (runLengthWarnings), overloaded offices (overloadWarnings). */
export const scenarioWarnings = (loaded: LoadedScenario): string[] => [...runLengthWarnings(loaded), ...overloadWarnings(loaded)];

/** Teams' windows a call type needs for its 95th percentile to say more than its worst window. */
export const MIN_TEAMS_WINDOWS = 20;

/**
 * Advice on the run's length (not errors): a scenario with calls judged on 15-second windows needs
 * at least MIN_TEAMS_WINDOWS of them after the warm-up, or each "p95" is nearly the worst window.
 */
export function runLengthWarnings(loaded: LoadedScenario): string[] {
  const s = loaded.scenario;
  const calls = s.planner.traffic.some((f) => f.protocol === 'app' && f.model.kind === 'call');
  const windows = Math.floor((s.duration - s.warmup) / QUALITY_WINDOW);
  if (!calls || windows >= MIN_TEAMS_WINDOWS) return [];
  const needed = (MIN_TEAMS_WINDOWS * QUALITY_WINDOW + s.warmup) / 1e9;
  return [
    `${loaded.file}: duration: ${windows} Teams window(s) of ${QUALITY_WINDOW / 1e9} s after the warm-up; a 95th percentile over fewer than ${MIN_TEAMS_WINDOWS} is close to the worst window (run at least ${needed} s, or add replications)`,
  ];
}
