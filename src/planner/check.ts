import { IssueList } from '../scenario/errors.js';
import { buildRun } from './build.js';
import type { LoadedScenario } from './load.js';

/** Nanosecond time is exact up to 2^53 ns (104 days); packets need it exact. */
const MAX_PACKET_RUN_NS = Number.MAX_SAFE_INTEGER;
/** Failures and routing alone need no nanosecond: a hundred years (then a double is 512 ns coarse). */
const MAX_AVAILABILITY_RUN_NS = 100 * 365.25 * 86400e9;

/**
 * Build the scenario's network once to find what only the topology reveals, and check that the
 * run's length fits its time base; throws with lines.
 */
export function checkScenario(loaded: LoadedScenario, mode: 'packets' | 'availability' = 'packets'): void {
  for (const scenario of loaded.variants) {
    const issues = new IssueList();
    if (mode === 'packets' && scenario.duration > MAX_PACKET_RUN_NS) {
      issues.add(['duration'], 'a run with packets lasts at most 104 days (2^53 ns, the exact range of nanosecond time); --availability-only simulates failures for up to 100 years');
    } else if (scenario.duration > MAX_AVAILABILITY_RUN_NS) {
      issues.add(['duration'], 'an availability run lasts at most 100 years');
    } else {
      buildRun(scenario, { seed: scenario.seed, replication: 0 }, issues);
    }
    if (!issues.empty) throw loaded.fail(issues.issues, loaded.variants.length > 1 ? scenario.variant : undefined);
  }
}
