import { describe, expect, it } from 'vitest';
import { num, simulate } from '../helpers.js';

describe('MOS per 15 s window', () => {
  it('shows a minute with a burst of loss that the whole-run MOS averages away', () => {
    // audio calls over a site's Internet access that is down for 2 s at 20 s of a 60 s run: one of
    // the four 15 s windows loses 2/15 of its packets in one run per call
    const result = simulate(`
name: burst
duration: 60s
regions: { eastus: { continent: north-america, location: [37.4, -79.8] } }
services: { teams: { region: eastus, prefix: 52.112.0.0/14 } }
sites: { hq: { location: [38.9, -77.0], users: 200, internet: { bandwidth: 1Gbps, outages: [{ at: 20s, duration: 2s }] } } }
internet: { detection: 1h, convergence: 1h }
apps:
  voice: { kind: call, service: teams, calls_per_hour: 3, media: audio, duration: 30min }
`);
    const up = result.apps.find((r) => r.direction === 'up')!;
    expect(num(up, 'windows')).toBe(4);
    // three clean windows at G.711's best (R 93.2 less the delay, MOS about 4.4) and one bad one:
    // 13% loss in runs of 100 packets (BurstR about 87): Ie,eff = 95 x 13.3 / (13.3 / 87 + 25.1) = 50,
    // R about 43, MOS about 2.2
    expect(num(up, 'mos_window_p5')).toBeLessThan(2.6);
    expect(num(up, 'mos_window_p5')).toBeGreaterThan(1.8);
    expect(num(up, 'mos_window_mean')).toBeCloseTo((3 * 4.4 + 2.2) / 4, 0);
    // the whole run: 3.3% loss, one run per call (BurstR about 87 too): MOS near 3.8, above the worst window
    expect(num(up, 'mos')).toBeGreaterThan(num(up, 'mos_window_p5') + 0.8);
  });

  it('judges no targets for a direction that had no call in the measured time: no verdict, not a failure', () => {
    // one call an hour among 5 users: no call in 20 s (seeded), so nothing is heard in any window
    const result = simulate(`
name: quiet
duration: 20s
regions: { eastus: { continent: north-america, location: [37.4, -79.8] } }
services: { teams: { region: eastus, prefix: 52.112.0.0/14 } }
sites: { hq: { location: [38.9, -77.0], users: 5, internet: { bandwidth: 1Gbps } } }
apps:
  voice: { kind: call, service: teams, calls_per_hour: 1, media: audio }
`);
    const calls = result.apps.filter((r) => r.kind === 'call');
    expect(calls).toHaveLength(2);
    for (const r of calls) {
      expect(num(r, 'windows')).toBe(0);
      for (const c of ['targets_met', 'target_delay_met', 'target_rtt_met', 'target_loss_met', 'target_burst_loss_met', 'target_jitter_met', 'target_reordering_met']) expect(num(r, c)).toBeNaN();
    }
  });
});
