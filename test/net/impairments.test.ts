import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/core/random.js';
import { BernoulliLoss, GilbertElliottLoss } from '../../src/net/impairments/loss-models.js';
import { PacketPool } from '../../src/net/packet.js';
import { num, relativeError, rowOf, simulate } from '../helpers.js';

describe('Bernoulli loss with per-packet draws', () => {
  it('loses a share p of packets, independently of their order, and the same packet the same way', () => {
    const model = new BernoulliLoss(0.01, new RandomStream('bernoulli'));
    const clock = { now: 0 };
    const pool = new PacketPool(clock);
    const packet = pool.take();
    let lost = 0;
    let runs = 0;
    let previous = false;
    const n = 1_000_000;
    for (let i = 0; i < n; i++) {
      // flows 0-9 of a link, each with its own sequence numbers and send times
      clock.now = 1_000 * i + 7;
      pool.stamp(packet, i % 10, Math.floor(i / 10), 100, 0, 0);
      const loss = model.lose(pool, packet, 1);
      if (loss) {
        lost++;
        if (!previous) runs++;
      }
      previous = loss;
    }
    // binomial: 10,000 lost, sigma = sqrt(n p (1 - p)) = 99.5, 1% of it: within 4 sigma; twelve other
    // keys gave -1.8 to +2.2 sigma. Independent: runs of mean length 1 / (1 - p)
    expect(relativeError(lost / n, 0.01)).toBeLessThan(0.04);
    expect(relativeError(lost / runs, 1 / 0.99)).toBeLessThan(0.02);
    // a packet's fate is a function of the packet: asking again answers the same
    const fates = (): boolean[] => Array.from({ length: 1000 }, (_, k) => ((clock.now = 5 * k), model.lose(pool, pool.stamp(packet, 3, k, 100, 0, 0), 1)));
    expect(fates()).toEqual(fates());
  });
});

describe('Gilbert-Elliott loss', () => {
  it.each([
    [0.01, 0.3, 0, 1],
    [0.002, 0.4, 0.001, 0.6],
  ])('p=%s r=%s: long-run loss within 5 percent of p/(p+r)(lossBad) + r/(p+r)(lossGood)', (p, r, lossGood, lossBad) => {
    const model = new GilbertElliottLoss(p, r, lossGood, lossBad, new RandomStream(`ge-${p}`));
    const n = 2_000_000;
    let lost = 0;
    const clock = { now: 0 };
    const pool = new PacketPool(clock);
    const packet = pool.take();
    for (let i = 0; i < n; i++) {
      clock.now = 1000 * i;
      pool.stamp(packet, 0, i, 100, 0, 0);
      if (model.lose(pool, packet, 1)) lost++;
    }
    const theory = (p / (p + r)) * lossBad + (r / (p + r)) * lossGood;
    expect(relativeError(lost / n, theory)).toBeLessThan(0.05);
  });

  it('loses packets in bursts of mean length 1/r (within 5%)', () => {
    const r = 0.3;
    const model = new GilbertElliottLoss(0.01, r, 0, 1, new RandomStream('bursts'));
    let bursts = 0;
    let lost = 0;
    let previous = false;
    const clock = { now: 0 };
    const pool = new PacketPool(clock);
    const packet = pool.take();
    for (let i = 0; i < 2_000_000; i++) {
      clock.now = 1000 * i;
      pool.stamp(packet, 0, i, 100, 0, 0);
      const loss = model.lose(pool, packet, 1);
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
duration: 300s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 100Mbps, delay: 5ms, duplex: false, loss: { gilbert: { p: 0.005, r: 0.25 } } }
flows:
  - { name: f, from: a, to: b, source: { kind: cbr, rate: 20Mbps } }
`);
    const f = rowOf(result.flows, 'flow', 'f');
    // 500,000 packets lose about 2,450 bursts of mean 4: the loss ratio's standard error is about
    // 1 / sqrt(2,450) = 2% of it (burst sizes geometric); 10% is five of them
    expect(relativeError(num(f, 'loss_ratio'), 0.005 / 0.255)).toBeLessThan(0.1);
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

describe('common random numbers on a lossy link', () => {
  it.each(['0.05', '{ gilbert: { p: 0.02, r: 0.3 } }'])("leaves every other flow's row byte-identical when a flow is added (loss %s)", (loss) => {
    // a fast lossy link, flows 12 ms apart in phase so that they never queue behind each other
    const base = `
name: crn
duration: 20s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 100Gbps, delay: 5ms, duplex: false, loss: ${loss} }
flows:
  - { name: first, from: a, to: b, source: { kind: cbr, rate: 1Mbps, packet_size: 1500B } }
  - { name: second, from: a, to: b, start: 3ms, source: { kind: cbr, rate: 1Mbps, packet_size: 1500B } }
`;
    const withThird = `${base}  - { name: third, from: a, to: b, start: 6ms, source: { kind: cbr, rate: 1Mbps, packet_size: 1500B } }\n`;
    const rows = (yaml: string) => simulate(yaml).flows.filter((f) => f.flow !== 'third');
    const before = rows(base);
    expect(num(rowOf(before, 'flow', 'first'), 'lost_packets')).toBeGreaterThan(50);
    expect(rows(withThird)).toEqual(before);
  });
});
