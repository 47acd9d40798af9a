import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/planner/check.js';
import { estimateMemory } from '../../src/planner/cost.js';
import { parseScenarioText } from '../../src/planner/load.js';

const office = (duration: string, partitions: number | 'auto' = 1) => `
name: long
duration: ${duration}
warmup: 0s
parallel: { partitions: ${partitions} }
regions: [eastus]
services:
  m365: { region: eastus, kind: saas }
sites:
  boston: { location: boston, users: 10, internet: { bandwidth: 1Gbps } }
apps:
  teams: { kind: call, service: m365, calls_per_hour: 0.1, duration: 8m }
`;

describe('memory estimate of a long run with calls', () => {
  it("counts each call direction's Teams windows over the run: 8 bytes x (5 per 15 s + 2 per 200 ms)", () => {
    const short = estimateMemory(parseScenarioText(office('1d'), 'a.yaml').scenario).bytes;
    const long = estimateMemory(parseScenarioText(office('100d'), 'b.yaml').scenario).bytes;
    // 99 more days, two directions: 99 d = 570,240 windows of 15 s and 42,768,000 of 200 ms
    expect(long - short).toBe(2 * 8 * (5 * 570_240 + 2 * 42_768_000));
  });

  it('counts flows and windows once per partition a replication may split into (docs/parallel.md)', () => {
    const bytes = (partitions: number | 'auto', duration = '100d'): number => estimateMemory(parseScenarioText(office(duration, partitions), 'a.yaml').scenario).bytes;
    const copy = bytes(2) - bytes(1);
    // a copy holds at least the calls' windows of both directions: 100 d = 576,000 of 15 s, 43,200,000 of 200 ms
    expect(copy).toBeGreaterThan(2 * 8 * (5 * 576_000 + 2 * 43_200_000));
    expect(bytes(4) - bytes(1)).toBe(3 * copy);
    // 100 days of calls are estimated at more than 50 million events: 'auto' may split them in 4; one second may not
    expect(bytes('auto')).toBe(bytes(4));
    expect(bytes('auto', '1s')).toBe(bytes(1, '1s'));
  });

  it('refuses, before building anything, a run whose windows exceed --max-memory, naming the duration', () => {
    const loaded = parseScenarioText(office('100d'), 'c.yaml');
    expect(() => checkScenario(loaded, 'packets', { maxMemory: 1e9, maxEvents: 1e15 })).toThrow(/c\.yaml:3: duration: a replication would need about 1\.4 GB/);
  });
});
