import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/core/random.js';
import { LogLinearHistogram, bucketOf, bucketRange } from '../../src/probes/log-linear-histogram.js';

describe('log-linear histogram', () => {
  it('puts every value in a bucket that contains it, buckets contiguous and at most 0.2% wide', () => {
    const random = new RandomStream('buckets');
    for (let i = 0; i < 100_000; i++) {
      const value = Math.floor(2 ** (random.uniform() * 50));
      const [low, high] = bucketRange(bucketOf(value));
      expect(value).toBeGreaterThanOrEqual(low);
      expect(value).toBeLessThanOrEqual(high);
      expect((high - low) / value).toBeLessThan(1 / 512); // exact below 1024
    }
    for (let b = 1; b < 40_000; b++) expect(bucketRange(b)[0]).toBe(bucketRange(b - 1)[1] + 1);
  });

  it('gives the percentiles of an exponential sample within 0.5%', () => {
    const random = new RandomStream('exp');
    const values: number[] = [];
    const h = new LogLinearHistogram();
    for (let i = 0; i < 200_000; i++) {
      const v = Math.round(random.exponential(1e7));
      values.push(v);
      h.record(v);
    }
    values.sort((a, b) => a - b);
    for (const p of [1, 50, 90, 99, 99.9]) {
      const exact = values[Math.ceil((p / 100) * values.length) - 1]!;
      expect(Math.abs(h.percentile(p) - exact) / exact).toBeLessThan(0.005);
    }
    expect(h.percentile(100)).toBe(values[values.length - 1]);
  });

  it('is exact for a constant and clamps to the range seen', () => {
    const h = new LogLinearHistogram();
    for (let i = 0; i < 10; i++) h.record(24_123_456);
    expect(h.percentile(50)).toBe(24_123_456);
    expect(h.percentile(99)).toBe(24_123_456);
    expect(new LogLinearHistogram().percentile(50)).toBeNaN();
  });

  it('grows its window downwards and upwards', () => {
    const h = new LogLinearHistogram();
    for (const v of [5e6, 10, 7e9, 3e3, 0]) h.record(v);
    expect(h.percentile(20)).toBe(0);
    expect(h.percentile(40)).toBe(10);
    expect(h.percentile(100)).toBe(7e9);
  });
});
