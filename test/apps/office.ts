import { checkScenario } from '../../src/planner/check.js';
import { parseScenarioText } from '../../src/planner/load.js';
import type { Scenario } from '../../src/planner/scenario.js';

/** One office of `users` on an idle 1 Gbps access link, one service, one application `app` (its YAML). */
export function officeScenario(app: string, duration: string, users: number): Scenario {
  const loaded = parseScenarioText(
    `
name: office
duration: ${duration}
warmup: 0s
regions: { r: { continent: europe, location: [52.37, 4.90] } }
services: { svc: { region: r } }
sites:
  office: { location: [51.5, -0.12], users: ${users}, internet: { bandwidth: 1Gbps, delay: 2ms } }
apps:
  call: ${app}
`,
    'office.yaml',
  );
  checkScenario(loaded);
  return loaded.scenario;
}
