import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/planner/load.js';
import { offeredLoad, overloadWarnings } from '../../src/planner/offered-load.js';
import type { AppFlowSpec } from '../../src/scenario/scenario.js';

const office = (internet: string, extra = '') => `
name: load
duration: 60s
warmup: 5s
services: { m365: { region: eastus, kind: saas }, files: { region: eastus, kind: paas } }
sites: { hq: { location: boston, users: 600, internet: { bandwidth: ${internet} } } }
apps:
  web: { kind: web, service: m365, requests_per_minute: 3, request: 2KB, response: 100KB }
  calls: { kind: call, service: m365, calls_per_hour: 2, duration: 10min, media: audio }
  backup: { kind: transfer, service: files, transfers_per_hour: 6, size: 50MB, direction: up }
${extra}`;

describe('the load a site offers, and advice when its ways out cannot carry it', () => {
  it('is the mean rate of each application, each direction, computed by hand', () => {
    const loaded = parseScenarioText(office('1Gbps'), 'o.yaml');
    const apps = new Map(loaded.scenario.planner.traffic.filter((f): f is AppFlowSpec & typeof f => f.protocol === 'app').map((f) => [f.application, offeredLoad(f)]));
    // web: 600 users x 3 a minute = 30 a second: 100 KB down and 2 KB up each
    expect(apps.get('web')!.downBps).toBeCloseTo(30 * 100_000 * 8, 0);
    expect(apps.get('web')!.upBps).toBeCloseTo(30 * 2_000 * 8, 0);
    // calls: 600 x 2 an hour x 10 min = 200 in progress, each 30 kb/s of payload in 20 ms packets
    // (75 B) plus 40 B of IP, UDP and RTP headers: 115 B every 20 ms = 46 kb/s each way
    expect(apps.get('calls')!.upBps).toBeCloseTo(200 * 46_000, 0);
    expect(apps.get('calls')!.downBps).toBeCloseTo(200 * 46_000, 0);
    // backup: 600 x 6 an hour = 1 a second of 50 MB, up only
    expect(apps.get('backup')!.upBps).toBeCloseTo(50e6 * 8, 0);
    expect(apps.get('backup')!.downBps).toBe(0);
  });

  it('warns when an office offers more than its Internet access, circuits and WAN port carry together', () => {
    // 600 users: web 30 Mbps down, calls 9.2 Mbps each way, backup 400 Mbps up
    expect(overloadWarnings(parseScenarioText(office('1Gbps'), 'o.yaml'))).toEqual([]);
    const [warning, ...more] = overloadWarnings(parseScenarioText(office('200Mbps'), 'o.yaml'));
    expect(more).toEqual([]);
    expect(warning).toBe(
      "o.yaml: sites.hq: its applications offer about 410 Mbps up on average, more than its Internet access, circuits and WAN port carry together (200 Mbps): expect full queues, failed calls and slow transactions; give it fewer users or lower rates, or more capacity",
    );
    // a circuit of the office counts: 200 + 500 Mbps carry it
    const circuit = "circuits: { er: { site: hq, peering_location: washington-dc, bandwidth: 500Mbps, sku: standard } }";
    expect(overloadWarnings(parseScenarioText(office('200Mbps', circuit), 'o.yaml'))).toEqual([]);
  });
});
