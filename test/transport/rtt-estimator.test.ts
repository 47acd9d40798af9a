import { describe, expect, it } from 'vitest';
import { RttEstimator } from '../../src/transport/tcp/rtt-estimator.js';

const MS = 1_000_000;

describe('RFC 6298 RTT estimator', () => {
  it('starts at the initial RTO, then SRTT = R, RTTVAR = R/2, RTO = SRTT + 4 RTTVAR (2.2)', () => {
    const rtt = new RttEstimator(1000 * MS, 200 * MS, 60_000 * MS);
    expect(rtt.rto).toBe(1000 * MS);
    rtt.sample(100 * MS);
    expect([rtt.srtt, rtt.rttvar, rtt.rto]).toEqual([100 * MS, 50 * MS, 300 * MS]);
  });

  it('smooths later samples with alpha 1/8 and beta 1/4 (2.3), RTTVAR first', () => {
    const rtt = new RttEstimator(1000 * MS, 0, 60_000 * MS);
    rtt.sample(100 * MS);
    rtt.sample(200 * MS);
    // RTTVAR = 3/4 x 50 + 1/4 x |100 - 200| = 62.5; SRTT = 7/8 x 100 + 1/8 x 200 = 112.5
    expect(rtt.rttvar).toBeCloseTo(62.5 * MS, 6);
    expect(rtt.srtt).toBeCloseTo(112.5 * MS, 6);
    expect(rtt.rto).toBe(362.5 * MS);
  });

  it('uses the 1 ms clock granularity when RTTVAR is tiny, and the floor and ceiling (2.4, 2.5)', () => {
    const rtt = new RttEstimator(1000 * MS, 0, 60_000 * MS);
    for (let k = 0; k < 100; k++) rtt.sample(10 * MS);
    expect(rtt.rto).toBe(11 * MS); // SRTT 10 ms + max(G = 1 ms, 4 x ~0)
    const floored = new RttEstimator(1000 * MS, 200 * MS, 60_000 * MS);
    floored.sample(10 * MS);
    expect(floored.rto).toBe(200 * MS);
  });

  it('doubles on each backoff up to the ceiling (5.5), and a new sample clears the backoff', () => {
    const rtt = new RttEstimator(1000 * MS, 200 * MS, 5000 * MS);
    rtt.backOff();
    rtt.backOff();
    expect(rtt.rto).toBe(4000 * MS);
    rtt.backOff();
    expect(rtt.rto).toBe(5000 * MS);
    rtt.sample(100 * MS);
    expect(rtt.rto).toBe(300 * MS);
  });
});
