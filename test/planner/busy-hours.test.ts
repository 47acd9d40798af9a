import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/planner/load.js';
import { OFFICE_HOURS_PROFILE } from '../../src/planner/assumptions.js';

const offices = (at = '') => `
name: day
duration: 10s
${at}
services: { m365: { region: eastus, kind: saas } }
sites:
  boston: { location: boston, users: 1000, internet: { bandwidth: 1Gbps } }
  london: { location: london, users: 500, internet: { bandwidth: 1Gbps } }
  tokyo: { location: tokyo, users: 200, utc_offset: 9, internet: { bandwidth: 1Gbps } }
apps: { calls: { kind: call, service: m365, calls_per_hour: 1 } }
`;
/** Each site's application load (users x its local profile) in the scenario as loaded. */
const users = (yaml: string) => new Map(parseScenarioText(yaml, 'day.yaml').scenario.planner.traffic.map((f) => [f.protocol === 'app' ? f.site : '', f.protocol === 'app' ? f.users : 0]));

describe('busy hours and time zones', () => {
  it('without an instant every site is at its busy hour', () => {
    expect(users(offices())).toEqual(new Map([['boston', 1000], ['london', 500], ['tokyo', 200]]));
  });

  it('at 14:00Z each site is at its own local hour: Boston (UTC-5) 9:00, London 14:00, Tokyo 23:00', () => {
    const at = users(offices('at: 14:00Z'));
    expect(at.get('boston')).toBeCloseTo(1000 * OFFICE_HOURS_PROFILE[9]!, 9);
    expect(at.get('london')).toBeCloseTo(500 * OFFICE_HOURS_PROFILE[14]!, 9);
    expect(at.get('tokyo')).toBeCloseTo(200 * OFFICE_HOURS_PROFILE[23]!, 9);
  });

  it('the busy hour is the UTC hour with the most users at work, worked out by hand', () => {
    const planner = parseScenarioText(offices('at: busy-hour'), 'day.yaml').scenario.planner;
    const load = (h: number) => 1000 * OFFICE_HOURS_PROFILE[(h + 19) % 24]! + 500 * OFFICE_HOURS_PROFILE[h % 24]! + 200 * OFFICE_HOURS_PROFILE[(h + 9) % 24]!;
    const best = Array.from({ length: 24 }, (_, h) => h).reduce((a, b) => (load(b) > load(a) ? b : a), 0);
    expect(planner.atUtcHour).toBe(best);
    // Boston's morning overlaps London's afternoon
    expect(best).toBe(14);
  });

  it('refuses a time that is not HH:MMZ and a profile without 24 hours', () => {
    expect(() => parseScenarioText(offices('at: 2pm'), 'day.yaml')).toThrow(/day\.yaml:\d+: at: .*expected a time of day in UTC like 14:00Z/);
    expect(() => parseScenarioText(offices('profile: [1, 1]'), 'day.yaml')).toThrow(/profile: a daily profile has 24 values/);
  });
});

describe('--at and --busy-hour', () => {
  it('take the load at an instant of the day on the command line, and refuse a bad time', async () => {
    const { ersim, tempDir, writeScenario } = await import('../cli/cli-helpers.js');
    const dir = tempDir();
    const file = writeScenario(dir, 'day.yaml', offices().replace('duration: 10s', 'duration: 2s'));
    const bad = await ersim('run', file, '--at', '25:00Z', '-q', '--no-cache');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--at: expected a time of day in UTC like 14:00Z, got "25:00Z"/);
    const night = await ersim('run', file, '--at', '03:00Z', '-q', '--no-cache', '--workers', '1', '--out', `${dir}/night`);
    const busy = await ersim('run', file, '--busy-hour', '-q', '--no-cache', '--workers', '1', '--out', `${dir}/busy`);
    expect([night.code, busy.code]).toEqual([0, 0]);
    const { readFileSync } = await import('node:fs');
    // fewer calls in progress at 03:00Z (Boston 22:00, London 3:00, Tokyo 12:00) than at the busy hour
    const concurrency = (out: string) => {
      const [header, ...rows] = readFileSync(`${out}/apps.csv`, 'utf8').trim().split('\n');
      const column = header!.split(',').indexOf('concurrency_mean');
      return rows.reduce((s, r) => s + Number(r.split(',')[column]), 0);
    };
    expect(concurrency(`${dir}/night`)).toBeLessThan(concurrency(`${dir}/busy`) / 2);
  }, 60_000);
});

describe('personas', () => {
  const withPersonas = (site: string) => `
name: personas
duration: 10s
services: { m365: { region: eastus, kind: saas } }
personas:
  office-worker: { audio: 1, web: 1 }
  heavy-video: { audio: 1, video: 3 }
sites:
  boston: { location: boston, ${site}, internet: { bandwidth: 1Gbps } }
apps:
  audio: { kind: call, service: m365, calls_per_hour: 1 }
  video: { kind: call, media: video, service: m365, calls_per_hour: 0.5 }
  web: { kind: web, service: m365, requests_per_minute: 2, response: 100KB }
`;
  it("give each application the users of the personas that use it, weighted by their use", () => {
    const users = new Map(parseScenarioText(withPersonas('personas: { office-worker: 300, heavy-video: 20 }'), 'p.yaml').scenario.planner.traffic.map((f) => [f.protocol === 'app' ? f.application : '', f.protocol === 'app' ? f.users : 0]));
    expect(users).toEqual(new Map([['audio', 320], ['video', 60], ['web', 300]]));
  });

  it('refuses an unknown persona, and users that are not the personas sum', () => {
    expect(() => parseScenarioText(withPersonas('personas: { intern: 3 }'), 'p.yaml')).toThrow(/sites\.boston\.personas\.intern: no persona named 'intern'/);
    expect(() => parseScenarioText(withPersonas('users: 10, personas: { office-worker: 3 }'), 'p.yaml')).toThrow(/sites\.boston\.users: the site's personas add up to 3 users/);
  });
});

describe('a service in several regions', () => {
  it("serves each site from the instance in the nearest region (apps, traffic and availability)", async () => {
    const { simulate } = await import('../helpers.js');
    const yaml = `
name: front-doors
duration: 2s
warmup: 0s
services: { m365: { region: [eastus, westeurope, japaneast], kind: saas } }
sites:
  london: { location: london, users: 10, internet: { bandwidth: 1Gbps } }
  tokyo: { location: tokyo, users: 10, internet: { bandwidth: 1Gbps } }
apps: { web: { kind: web, service: m365, requests_per_minute: 6, response: 10KB } }
traffic:
  - { name: sync, from: tokyo, to: m365, source: { kind: cbr, rate: 100kbps, packet_size: 500B } }
`;
    const result = simulate(yaml);
    expect(new Map(result.apps.map((a) => [a.site, a.service]))).toEqual(new Map([['london', 'm365.westeurope'], ['tokyo', 'm365.japaneast']]));
    expect(result.flows.find((f) => f.flow === 'sync')!.to).toBe('m365.japaneast');
    expect(result.availability.map((a) => a.pair).sort()).toEqual(['london -> m365.westeurope', 'tokyo -> m365.japaneast']);
  });
});
