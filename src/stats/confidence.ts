/**
 * 95% confidence intervals over independent replications. Means of unbounded figures: Student's t
 * with n - 1 degrees of freedom, whatever n (the quantile computed, not tabled). Figures bounded by
 * [0, 1] get an interval that stays there: a yes/no outcome per replication (targets met) Wilson's
 * score interval (a binomial count); a fraction (availability, a share of bytes, a loss ratio) the t
 * interval cut to [0, 1] (a fraction that is 1 in every replication has no spread: [1, 1]).
 */
export interface Interval {
  mean: number;
  /** Half-width of the symmetric t interval; NaN for proportions (their interval need not be symmetric) and for one value. */
  ci95: number;
  low: number;
  high: number;
}

/** Yes/no outcomes per replication, by their column names. */
export const BINARY_METRICS: ReadonlySet<string> = new Set(['targets_met']);

/** The figures bounded by [0, 1], by their column names (the binary ones among them). */
export const PROPORTION_METRICS: ReadonlySet<string> = new Set([
  'targets_met',
  'availability',
  'share_internet',
  'share_vpn',
  'share_private',
  'loss_ratio',
  'window_loss_p95',
  'window_burst_loss_p95',
]);

const Z95 = 1.959963984540054;

/**
 * Mean and 95% interval of independent replications (NaN width for fewer than two values):
 * `bounded` 'binary' for yes/no outcomes, 'fraction' for other figures in [0, 1].
 */
export function meanWithCi(values: readonly number[], bounded?: 'binary' | 'fraction'): Interval {
  const proportion = bounded !== undefined;
  const xs = values.filter((x) => !Number.isNaN(x));
  const n = xs.length;
  if (n === 0) return { mean: NaN, ci95: NaN, low: NaN, high: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, ci95: NaN, low: NaN, high: NaN };
  if (bounded === 'binary' && xs.every((x) => x === 0 || x === 1)) {
    const { low, high } = wilson(mean, n);
    return { mean, ci95: NaN, low, high };
  }
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const half = (tQuantile975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n);
  if (proportion) return { mean, ci95: NaN, low: Math.max(0, mean - half), high: Math.min(1, mean + half) };
  return { mean, ci95: half, low: mean - half, high: mean + half };
}

/** Wilson's score interval for a proportion p observed in n trials (z = 1.96). */
export function wilson(p: number, n: number): { low: number; high: number } {
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The 97.5% quantile of Student's t with `df` degrees of freedom (two-sided 95%), by bisection on the CDF. */
export function tQuantile975(df: number): number {
  if (!(df > 0)) return NaN;
  let lo = 0;
  let hi = 1000; // t(1) is 12.7
  for (let i = 0; i < 100 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < 0.975) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The regularized incomplete beta function I_x(a, b) (continued fraction, modified Lentz). */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const numerator of [(m * (b - m) * x) / ((a - 1 + m2) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2))]) {
      d = 1 + numerator * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + numerator / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** ln Gamma(x) for x > 0 (Lanczos, g = 7). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const y = x - 1;
  let sum = g[0]!;
  for (let i = 1; i < 9; i++) sum += g[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** How a column's interval is bounded (see meanWithCi). */
export const boundsOf = (metric: string): 'binary' | 'fraction' | undefined =>
  BINARY_METRICS.has(metric) ? 'binary' : PROPORTION_METRICS.has(metric) ? 'fraction' : undefined;

