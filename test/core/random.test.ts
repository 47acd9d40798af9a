import { describe, expect, it } from 'vitest';
import { gamma, RandomStream, RandomStreams } from '../../src/core/random.js';

describe('named random streams', () => {
  it('depend only on (seed, replication, name)', () => {
    const a = new RandomStreams(7, 0);
    const b = new RandomStreams(7, 0);
    b.stream('another flow'); // creating other streams first changes nothing
    const x = a.stream('flow:f1');
    const y = b.stream('flow:f1');
    for (let i = 0; i < 100; i++) expect(x.uniform()).toBe(y.uniform());
  });

  it('differ across seeds, replications and names', () => {
    const first = (seed: number, rep: number, name: string) => new RandomStreams(seed, rep).stream(name).uniform();
    const base = first(7, 0, 'f');
    expect(first(8, 0, 'f')).not.toBe(base);
    expect(first(7, 1, 'f')).not.toBe(base);
    expect(first(7, 0, 'g')).not.toBe(base);
  });

  it('refuse to hand out the same stream twice', () => {
    const streams = new RandomStreams(1, 0);
    streams.stream('x');
    expect(() => streams.stream('x')).toThrow(/twice/);
  });

  it('draw exponential and Pareto variates with the requested mean', () => {
    const r = new RandomStream('moments');
    const n = 400_000;
    let e = 0;
    let p = 0;
    for (let i = 0; i < n; i++) {
      e += r.exponential(5);
      p += r.pareto(5, 2.5); // finite variance for shape > 2
    }
    expect(e / n).toBeCloseTo(5, 1);
    expect(Math.abs(p / n - 5) / 5).toBeLessThan(0.02);
  });
});

describe('xoshiro128** generator', () => {
  it('is uniform: mean, variance and a 20-bin chi-square', () => {
    const r = new RandomStream('uniformity');
    const n = 1_000_000;
    const bins = new Array(20).fill(0);
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSq += u * u;
      bins[Math.floor(u * 20)]++;
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumSq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 3);
    const expected = n / 20;
    const chi2 = bins.reduce((s, b) => s + (b - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(43.8); // 99.9th percentile of chi-square with 19 degrees of freedom
  });

  it('has no correlation between consecutive draws', () => {
    const r = new RandomStream('lag-1');
    const n = 500_000;
    let prev = r.uniform();
    let cross = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      cross += (u - 0.5) * (prev - 0.5);
      prev = u;
    }
    expect(Math.abs(cross / n / (1 / 12))).toBeLessThan(0.01);
  });
});

describe('lifetime distributions', () => {
  it('computes the gamma function', () => {
    expect(gamma(5)).toBeCloseTo(24, 10);
    expect(gamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 10);
    expect(gamma(1 + 1 / 0.7)).toBeCloseTo(1.265823, 5);
  });

  it.each([
    ['weibull 0.7', (r: RandomStream) => r.weibull(10, 0.7)],
    ['weibull 2', (r: RandomStream) => r.weibull(10, 2)],
    ['lognormal 1', (r: RandomStream) => r.lognormal(10, 1)],
  ])('%s draws have the requested mean', (name, draw) => {
    const r = new RandomStream(name);
    const n = 400_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += draw(r);
    expect(Math.abs(sum / n - 10) / 10).toBeLessThan(0.02);
  });
});
