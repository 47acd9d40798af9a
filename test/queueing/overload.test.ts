import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { num, relativeError, rowOf, simulate } from '../helpers.js';

describe('overloaded drop-tail bottleneck (the dumbbell)', () => {
  const yaml = readFileSync('scenarios/dumbbell-udp.yaml', 'utf8')
    .replace(/^duration: .*$/m, 'duration: 4s')
    .replace(/^warmup: .*$/m, 'warmup: 1s')
    .replace(/stop: 10s/g, 'stop: 4s');
  const result = simulate(yaml);

  it('carries exactly the bottleneck capacity (within 0.5%)', () => {
    const bottleneck = rowOf(result.links, 'link', 'R1->R2');
    expect(relativeError(num(bottleneck, 'throughput_bps'), 1e9)).toBeLessThan(0.005);
    const delivered = result.flows.reduce((s, f) => s + num(f, 'mean_rate_bps'), 0);
    expect(relativeError(delivered, 1e9)).toBeLessThan(0.005);
  });

  it('loses 1 - capacity/offered of the packets (within 1%)', () => {
    const lost = result.flows.reduce((s, f) => s + num(f, 'lost_packets'), 0);
    const received = result.flows.reduce((s, f) => s + num(f, 'rx_packets'), 0);
    const expected = 1 - 1e9 / (8 * 150e6);
    expect(relativeError(lost / (lost + received), expected)).toBeLessThan(0.01);
    const drops = result.drops.filter((d) => d.location === 'R1->R2' && d.reason === 'queue_full');
    expect(drops.reduce((s, d) => s + num(d, 'packets'), 0)).toBe(lost);
  });

  it('holds a full queue: every packet waits about 1000 x 12 us', () => {
    const bottleneck = rowOf(result.links, 'link', 'R1->R2');
    expect(num(bottleneck, 'queue_delay_p50_ms')).toBeCloseTo(12, 1);
  });
});
