/** Two-sided 95% Student t quantiles for 1..30 degrees of freedom; 1.96 beyond. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Mean and 95% confidence half-width (Student t) of independent replications; NaN half-width for one. */
export function meanWithCi(values: readonly number[]): { mean: number; ci95: number } {
  const xs = values.filter((x) => !Number.isNaN(x));
  const n = xs.length;
  if (n === 0) return { mean: NaN, ci95: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, ci95: NaN };
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const t = n - 1 <= T95.length ? T95[n - 2]! : 1.96;
  return { mean, ci95: (t * Math.sqrt(variance)) / Math.sqrt(n) };
}
