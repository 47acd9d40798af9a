import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/planner/load.js';
import { runLengthWarnings } from '../../src/planner/check.js';

const office = (duration: string, app = '{ kind: call, service: m365, calls_per_hour: 2 }') => `
name: short
duration: ${duration}
warmup: 5s
services: { m365: { region: eastus, kind: saas } }
sites: { hq: { location: boston, users: 10, internet: { bandwidth: 1Gbps } } }
apps: { a: ${app} }
`;

describe('advice on the run length', () => {
  it('warns when calls get fewer than 20 Teams windows of 15 s after the warm-up, and says how long to run', () => {
    const [warning] = runLengthWarnings(parseScenarioText(office('60s'), 's.yaml'));
    expect(warning).toMatch(/^s\.yaml: duration: 3 Teams window\(s\) of 15 s after the warm-up; .* \(run at least 305 s/);
    // 20 windows exactly: 5 s + 300 s
    expect(runLengthWarnings(parseScenarioText(office('305s'), 's.yaml'))).toEqual([]);
    // no calls: no windows to count
    expect(runLengthWarnings(parseScenarioText(office('60s', '{ kind: web, service: m365, requests_per_minute: 1, response: 10KB }'), 's.yaml'))).toEqual([]);
  });
});
