import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/core/random.js';
import { GilbertElliottLoss } from '../../src/net/impairments/loss-models.js';
import { num, relativeError, rowOf, simulate } from '../helpers.js';

describe('Gilbert-Elliott loss', () => {
  it.each([
    [0.01, 0.3, 0, 1],
    [0.002, 0.4, 0.001, 0.6],
  ])('p=%s r=%s: long-run loss within 5 percent of p/(p+r)(lossBad) + r/(p+r)(lossGood)', (p, r, lossGood, lossBad) => {
    const model = new GilbertElliottLoss(p, r, lossGood, lossBad, new RandomStream(`ge-${p}`));
    const n = 2_000_000;
    let lost = 0;
    for (let i = 0; i < n; i++) if (model.lose()) lost++;
    const theory = (p / (p + r)) * lossBad + (r / (p + r)) * lossGood;
    expect(relativeError(lost / n, theory)).toBeLessThan(0.05);
  });

  it('loses packets in bursts of mean length 1/r (within 5%)', () => {
    const r = 0.3;
    const model = new GilbertElliottLoss(0.01, r, 0, 1, new RandomStream('bursts'));
    let bursts = 0;
    let lost = 0;
    let previous = false;
    for (let i = 0; i < 2_000_000; i++) {
      const loss = model.lose();
      if (loss) {
        lost++;
        if (!previous) bursts++;
      }
      previous = loss;
    }
    expect(relativeError(lost / bursts, 1 / r)).toBeLessThan(0.05);
  });

  it('drives the loss of a flow over a link', () => {
    const result = simulate(`
name: ge
duration: 60s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 100Mbps, delay: 5ms, duplex: false, loss: { gilbert: { p: 0.005, r: 0.25 } } }
flows:
  - { name: f, from: a, to: b, source: { kind: cbr, rate: 20Mbps } }
`);
    const f = rowOf(result.flows, 'flow', 'f');
    expect(relativeError(num(f, 'loss_ratio'), 0.005 / 0.255)).toBeLessThan(0.05);
    const dropped = result.drops.filter((d) => d.reason === 'loss').reduce((s, d) => s + num(d, 'packets'), 0);
    expect(dropped).toBe(num(f, 'lost_packets'));
  });
});

describe('cross traffic', () => {
  it.each([0.2, 0.5, 0.8])('at average load %s gives that utilization within 2 percent (absolute)', (load) => {
    const result = simulate(`
name: cross
duration: 600s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 100Mbps, delay: 5ms, duplex: false, cross_traffic: { load: ${load} } }
`);
    expect(result.flows).toHaveLength(0); // background traffic is not reported as flows
    expect(Math.abs(num(rowOf(result.links, 'link', 'a->b'), 'utilization') - load)).toBeLessThan(0.02);
  });

  it('follows a daily profile', () => {
    const profile = Array.from({ length: 24 }, (_, h) => (h === 1 ? 2 : 0.5));
    const result = simulate(`
name: profile
duration: 2h
warmup: 1h
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 5Mbps, delay: 5ms, duplex: false,
      cross_traffic: { load: 0.3, on: 50ms, off: 50ms, profile: [${profile.join(', ')}], start_hour: 0 } }
`);
    // hour 1 (measured) runs at twice the mean load
    expect(Math.abs(num(rowOf(result.links, 'link', 'a->b'), 'utilization') - 0.6)).toBeLessThan(0.02);
  });

  it('raises queueing delay and loss for a flow sharing the link', () => {
    const yaml = (load: number) => `
name: shared
duration: 60s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 50Mbps, delay: 5ms, duplex: false, queue: { kind: droptail, limit_packets: 100 }${load > 0 ? `, cross_traffic: { load: ${load} }` : ''} }
flows:
  - { name: f, from: a, to: b, source: { kind: poisson, rate: 5Mbps } }
`;
    const idle = rowOf(simulate(yaml(0)).flows, 'flow', 'f');
    const busy = rowOf(simulate(yaml(0.85)).flows, 'flow', 'f');
    expect(num(busy, 'delay_p99_ms')).toBeGreaterThan(num(idle, 'delay_p99_ms') + 5);
    expect(num(busy, 'lost_packets')).toBeGreaterThan(0);
  });
});
