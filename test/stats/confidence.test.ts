import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/core/random.js';
import { meanWithCi } from '../../src/stats/confidence.js';

describe('confidence intervals', () => {
  it('match a hand computation', () => {
    // mean 5, sample sd sqrt(2.5), t(4) = 2.776
    const { mean, ci95 } = meanWithCi([3, 4, 5, 6, 7]);
    expect(mean).toBe(5);
    expect(ci95).toBeCloseTo((2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 9);
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
});
