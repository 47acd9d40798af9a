import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testTempDir } from '../support/temp-dir.js';
import { generateEnterprise } from '../../bench/generate-enterprise.js';
import { checkScenario } from '../../src/planner/check.js';
import { buildRun } from '../../src/planner/build.js';
import { loadScenarioFile } from '../../src/planner/load.js';
import type { Scenario } from '../../src/planner/scenario.js';

/** Every node's forwarding table as text: prefix, local or discard, next hops by link name. */
function snapshot(run: ReturnType<typeof buildRun>): string {
  return run.network.nodes
    .map((node) => `${node.name}: ${node.fib.all().map((e) => `${e.key}${e.local ? ' local' : ''}${e.discard ? ' discard' : ''} [${e.nextHops.map((l) => l.name).join(' ')}]`).join('; ')}`)
    .join('\n');
}

/** The tables after every change of a replication, computed incrementally or from scratch at every convergence. */
function tableHistory(scenario: Scenario, incremental: boolean): string[] {
  const run = buildRun(scenario, { seed: scenario.seed, replication: 0, availabilityOnly: true });
  run.network.routing.incremental = incremental;
  const history: string[] = [];
  run.network.routing.onChange(() => history.push(`${run.sim.now}\n${snapshot(run)}`));
  run.begin();
  run.sim.runUntil(scenario.duration, Infinity);
  return history;
}

describe('incremental routing', () => {
  // six offices on an IP VPN behind three circuits; Internet accesses and circuits failing often,
  // some repairs (lognormal, mean 10 min) shorter than detection + convergence (180 s + 60 s)
  const dir = testTempDir('ersim-routing-');
  const { yaml, csv } = generateEnterprise(6, 600, '40d');
  writeFileSync(join(dir, 'offices.csv'), csv);
  writeFileSync(
    join(dir, 'enterprise.yaml'),
    yaml
      .replace('failures: { mtbf: 60d, mttr: 4h }', 'failures: { mtbf: 3d, mttr: { lognormal: { mean: 10m, sigma: 1 } } }')
      .replace('internet:\n  loss:', 'internet:\n  failures: { mtbf: 2d, mttr: { lognormal: { mean: 5m, sigma: 1 } } }\n  loss:')
      .replace(/sku: premium \}/g, 'sku: premium, failures: { mtbf: 4d, mttr: 10m } }'),
  );
  const loaded = loadScenarioFile(join(dir, 'enterprise.yaml'));
  checkScenario(loaded, 'availability');

  it('installs, after every withdrawal and convergence, the tables a computation from scratch installs', () => {
    for (const variant of loaded.variants) {
      const incremental = tableHistory(variant, true);
      const reference = tableHistory(variant, false);
      expect(incremental.length).toBeGreaterThan(50); // failures, withdrawals and convergences enough to mean something
      expect(incremental.length).toBe(reference.length);
      for (let k = 0; k < reference.length; k++) if (incremental[k] !== reference[k]) expect(incremental[k]).toBe(reference[k]);
    }
  }, 60_000);
});
