import { IssueList } from '../scenario/errors.js';
import { buildRun } from './build.js';
import type { LoadedScenario } from './load.js';

/** Build the scenario's network once to find what only the topology reveals; throws with lines. */
export function checkScenario(loaded: LoadedScenario): void {
  for (const scenario of loaded.variants) {
    const issues = new IssueList();
    buildRun(scenario, { seed: scenario.seed, replication: 0 }, issues);
    if (!issues.empty) throw loaded.fail(issues.issues, loaded.variants.length > 1 ? scenario.variant : undefined);
  }
}
