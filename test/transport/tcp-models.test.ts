import { describe, expect, it } from 'vitest';
import { num, relativeError, rowOf, simulate } from '../helpers.js';

/** A long, fat path with random loss on the data direction only. */
function lossyPath(opts: { bandwidth: string; oneWay: string; loss: number; cc: string; duration: string; sack?: boolean }): string {
  const sack = opts.sack === undefined ? '' : ``;
  return `
name: lossy
duration: ${opts.duration}
warmup: 5s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: ${opts.bandwidth}, delay: ${opts.oneWay}, duplex: false, loss: ${opts.loss},
      queue: { kind: droptail, limit_packets: 100000 } }
  - { from: b, to: a, bandwidth: ${opts.bandwidth}, delay: ${opts.oneWay}, duplex: false }
flows:
  - { name: f, from: a, to: b, protocol: tcp, app: { kind: bulk }, tcp: { cc: ${opts.cc}${sack} } }
`;
}

describe('NewReno under random loss (Mathis et al. 1997)', () => {
  it.each([
    [0.001, true],
    [0.01, true],
    [0.001, false],
    [0.01, false],
  ])('goodput at loss %s (SACK %s) is within 25 percent of MSS/RTT x sqrt(3/(2p))', (p, sack) => {
    const rtt = 0.04;
    const row = rowOf(simulate(lossyPath({ bandwidth: '1Gbps', oneWay: '20ms', loss: p, cc: 'newreno', duration: '300s', sack }), 3).flows, 'flow', 'f');
    const mathis = ((1448 * 8) / rtt) * Math.sqrt(3 / (2 * p));
    expect(relativeError(num(row, 'goodput_bps'), mathis)).toBeLessThan(0.25);
  });
});

describe('CUBIC', () => {
  it('gets more goodput than NewReno on a 1 Gbps, 100 ms path with 0.01% loss', () => {
    const run = (cc: string) =>
      num(rowOf(simulate(lossyPath({ bandwidth: '1Gbps', oneWay: '50ms', loss: 0.0001, cc, duration: '300s' }), 4).flows, 'flow', 'f'), 'goodput_bps');
    const cubic = run('cubic');
    const newreno = run('newreno');
    // Mathis gives NewReno about 14 Mbps here; CUBIC's cubic growth gains where losses are rare
    expect(cubic).toBeGreaterThan(1.2 * newreno);
  });
});
