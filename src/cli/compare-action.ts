import { COST_COLUMNS, missingPrices, monthlyBill, monthlyTotal, type CostLine } from '../compare/monthly-cost.js';
import { comparisonRows, HEADLINE_METRICS, SHORT_HEADLINE_ROWS } from '../compare/comparison.js';
import { siteVerdicts, VERDICT_LEGEND, verdictText } from '../compare/verdict.js';
import { toCsv } from '../output/csv.js';
import type { Scenario } from '../planner/scenario.js';
import type { Row } from '../stats/records.js';
import { UsageError } from './errors.js';
import { writeResults } from './results-folder.js';
import { simulate, withTimeSeries, type RunActionOptions } from './run-action.js';
import { textTable } from './table.js';


/** Run every variant with the same seeds, write the run's files and comparison.csv, print the answer (shortComparison). */
export async function compareAction(io: { out: (s: string) => void }, file: string, options: RunActionOptions & { detail?: boolean }): Promise<void> {
  const { loaded, out, result, files, timeSeries, line } = await simulate(file, options, (l) => {
    if (l.variants.length < 2) throw new UsageError(`${file}: compare needs a scenario with at least two variants (variants: {name: changes, ...})`);
    checkPrices(file, l.variants);
  });
  const variants = loaded.variants.map((v) => v.variant);
  const priced = loaded.scenario.prices.given;
  const bills = priced
    ? result.summary.map((s) => {
        const variant = loaded.variants.find((v) => v.variant === s.variant)!;
        const links = result.links.filter((l) => l.variant === s.variant && l.replication === s.replication);
        return { variant: variant.variant, replication: s.replication as number, lines: monthlyBill(variant, links) };
      })
    : [];
  const costs = priced ? bills.map((b) => ({ variant: b.variant, replication: b.replication, cost: monthlyTotal(b.lines) })) : undefined;
  const rows = comparisonRows({ variants, apps: result.apps, availability: result.availability, exposure: result.exposure, costs });
  files['comparison.csv'] = toCsv(rows);
  if (priced) files['cost.csv'] = toCsv(costRows(variants, bills), COST_COLUMNS);
  if (options.report) files['report.html'] = await (await import('../report/build-report.js')).buildReport(files, timeSeries?.linkSamples);
  const written = await writeResults(out, withTimeSeries(files, timeSeries));
  if (!options.quiet) io.out(`${shortComparison(rows, variants, options.detail === true)}\n\n${line}\nwrote ${written.join(', ')}\n`);
}

/**
 * What compare prints: the answer per site (pass or what failed, in each variant) and the monthly
 * cost, then the headline rows when they are few (one office's) or with --detail; comparison.csv
 * holds them all.
 */
export function shortComparison(rows: readonly Row[], variants: readonly string[], detail: boolean): string {
  const verdicts = siteVerdicts(variants, rows);
  const headline = rows.filter((r) => HEADLINE_METRICS.has(String(r.metric)));
  const parts: string[] = [];
  if (verdicts.length > 0) {
    const cost = rows.find((r) => r.site === 'all' && r.metric === 'monthly_cost');
    const answer = verdicts.map(({ site, variants: outcomes }) => [site, ...outcomes.map((v) => verdictText(v, 1))]);
    if (cost !== undefined) answer.push(['monthly cost', ...variants.map((v) => withCi(cost[v] as number, cost[`${v}_ci95`] as number, NaN, NaN))]);
    parts.push(`${textTable(['site', ...variants], answer, true)}\n(${VERDICT_LEGEND})`);
  }
  if (detail || verdicts.length === 0 || headline.length <= SHORT_HEADLINE_ROWS) parts.push(comparisonTable(rows, variants));
  else parts.push(`${headline.length} headline rows (per site, application, direction and metric, with 95% CIs and the differences): comparison.csv; --detail prints them`);
  return parts.join('\n\n');
}

/** With a price table, every priced thing a variant uses needs its price: checked before the run. */
function checkPrices(file: string, variants: readonly Scenario[]): void {
  const missing = [...new Set(variants.flatMap((v) => missingPrices(v).map((m) => (variants.length > 1 ? `${m} in variant ${v.variant}` : m))))];
  if (missing.length > 0) throw new UsageError(`${file}: prices: the scenario prices its design but not everything it uses; set ${missing.slice(0, 8).join('; ')}${missing.length > 8 ? `; and ${missing.length - 8} more` : ''}`);
}

/** Each variant's bill line by line, the mean over replications (metered lines vary with the traffic). */
function costRows(variants: readonly string[], bills: readonly { variant: string; lines: CostLine[] }[]): Row[] {
  const rows: Row[] = [];
  for (const variant of variants) {
    const mine = bills.filter((b) => b.variant === variant);
    if (mine.length === 0) continue;
    mine[0]!.lines.forEach((first, i) => {
      const mean = (pick: (l: CostLine) => number): number => mine.reduce((s, b) => s + pick(b.lines[i]!), 0) / mine.length;
      rows.push({ variant, item: first.item, name: first.name, quantity: mean((l) => l.quantity), unit: first.unit, unit_price: first.unit_price, monthly: mean((l) => l.monthly) });
    });
    rows.push({ variant, item: 'total', name: '', quantity: NaN, unit: '', unit_price: NaN, monthly: mine.reduce((s, b) => s + monthlyTotal(b.lines), 0) / mine.length });
  }
  return rows;
}

/** Headline rows: each variant's mean ± half-width, and each difference to the first (* when significant). */
export function comparisonTable(rows: readonly Row[], variants: readonly string[]): string {
  const [reference, ...others] = variants;
  const shown = rows.filter((r) => HEADLINE_METRICS.has(String(r.metric)));
  const label = (r: Row): string => [r.site, r.application, r.direction, r.metric === 'goodput_bps' ? 'goodput_Mbps' : r.metric].filter((x) => x !== '').join(' ');
  const scale = (r: Row): number => (r.metric === 'goodput_bps' ? 1e-6 : 1);
  return textTable(
    ['site application direction metric', ...variants, ...others.map((v) => `${v} - ${reference}`)],
    shown.map((r) => [
      label(r),
      ...variants.map((v) => withCi((r[v] as number) * scale(r), (r[`${v}_ci95`] as number) * scale(r), r[`${v}_low`] as number, r[`${v}_high`] as number)),
      ...others.map((v) => {
        const d = (r[`${v}_diff`] as number) * scale(r);
        return Number.isFinite(d) ? `${number(d, true)}${r[`${v}_significant`] === 'yes' ? ' *' : '  '}` : '-';
      }),
    ]),
  ) + '\n(mean ± 95% CI over replications, [low, high] for proportions; * the difference is significant at 95%)';
}

const withCi = (mean: number, ci: number, low: number, high: number): string => {
  if (!Number.isFinite(mean)) return '-';
  if (Number.isFinite(ci)) return `${number(mean)} ± ${number(ci)}`;
  return Number.isFinite(low) && Number.isFinite(high) ? `${number(mean)} [${number(low)}, ${number(high)}]` : number(mean);
};

function number(x: number, signed = false): string {
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : Math.abs(x) >= 1 ? 2 : 3;
  const text = x.toFixed(digits);
  return signed && x >= 0 ? `+${text}` : text;
}
