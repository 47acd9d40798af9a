import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/core/random.js';
import { meanWithCi, studentTCdf, tQuantile975, wilson } from '../../src/stats/confidence.js';

describe('confidence intervals', () => {
  it('match a hand computation', () => {
    // mean 5, sample sd sqrt(2.5), t(4) = 2.7764451
    const { mean, ci95, low, high } = meanWithCi([3, 4, 5, 6, 7]);
    expect(mean).toBe(5);
    expect(ci95).toBeCloseTo((2.7764451 * Math.sqrt(2.5)) / Math.sqrt(5), 6);
    expect([low, high]).toEqual([5 - ci95, 5 + ci95]);
    expect(meanWithCi([4]).ci95).toBeNaN();
  });

  it('cover the true mean about 95% of the time', () => {
    const random = new RandomStream('coverage');
    let covered = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 10 }, () => random.normal() * 3 + 10);
      const { mean, ci95 } = meanWithCi(xs);
      if (Math.abs(mean - 10) <= ci95) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.935);
    expect(covered / trials).toBeLessThan(0.965);
  });

  it("use Student's t for every number of degrees of freedom (tables to 3 decimals), not 1.96 beyond 30", () => {
    const table: [number, number][] = [[1, 12.706], [2, 4.303], [5, 2.571], [10, 2.228], [30, 2.042], [31, 2.04], [40, 2.021], [59, 2.001], [60, 2.0], [120, 1.98], [1000, 1.962]];
    for (const [df, t] of table) expect(tQuantile975(df), `df ${df}`).toBeCloseTo(t, 3);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(-2.365, 7)).toBeCloseTo(0.025, 4);
    // 32 replications: the half-width is 2.04 sample sds / sqrt(32), 4% wider than with 1.96
    const xs = Array.from({ length: 32 }, (_, i) => i % 2);
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - 0.5) ** 2, 0) / 31);
    expect(meanWithCi(xs).ci95).toBeCloseTo((tQuantile975(31) * sd) / Math.sqrt(32), 12);
  });

  it('keep proportions inside [0, 1]: Wilson for 0/1 figures, the t interval cut otherwise', () => {
    // targets met in 2 of 3 replications: the t interval was 0.667 +- 1.43; Wilson (z = 1.96):
    // centre (2/3 + z^2/6) / (1 + z^2/3) = 0.5731, half 0.8595 x sqrt(2/27 + z^2/36) = 0.3654
    const met = meanWithCi([1, 1, 0], 'binary');
    expect(met.mean).toBeCloseTo(2 / 3, 12);
    expect(met.low).toBeCloseTo(0.2077, 3);
    expect(met.high).toBeCloseTo(0.9385, 3);
    expect(met.ci95).toBeNaN();
    expect(wilson(1, 5).high).toBe(1);
    expect(wilson(0, 5).low).toBe(0);
    const availability = meanWithCi([1, 1, 0.99], 'fraction');
    expect(availability.high).toBe(1);
    expect(availability.low).toBeGreaterThan(0.96);
    expect(availability.low).toBeLessThan(availability.mean);
    // a fraction of 1 in every replication (no outage seen) is not a yes/no outcome: no spread
    expect(meanWithCi([1, 1, 1], 'fraction')).toEqual({ mean: 1, ci95: NaN, low: 1, high: 1 });
  });
});
