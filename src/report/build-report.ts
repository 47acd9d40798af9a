import { readFileSync } from 'node:fs';
import { comparisonRows, HEADLINE_METRICS } from '../compare/comparison.js';
import { siteVerdicts, VERDICT_LEGEND, verdictText } from '../compare/verdict.js';
import type { Row } from '../stats/records.js';
import { TEAMS_TARGETS } from '../planner/azure/facts.js';
import { MAXIMUM_NAMED_BY } from '../stats/headline-names.js';
import { delayChart, linkTimeChart, sweepChart, timelineChart, toSvg } from './charts.js';
import {
  availabilityTimeline,
  binTimeSeries,
  busiestLinks,
  delaySurvival,
  downtime,
  flowHeadline,
  linkSamplesOfTable,
  sweepAxisTitle,
  sweepPointLabels,
  sweepSeries,
  type LinkSamples,
  variantsOf,
} from './prepare.js';
import { resultTables, type Table } from './result-tables.js';

const BUSIEST_LINKS = 4;
const TIME_BINS = 150;
const SWEEP_METRICS = [
  'targets_met',
  'call_delay_p95_ms',
  'call_jitter_p95_ms',
  'call_loss_p95',
  'throughput_bps',
  'goodput_bps',
  'delay_mean_ms',
  'delay_p99_ms',
  'jitter_ms',
  'loss_ratio',
  'fct_ms',
  'availability',
  'max_utilization',
];
/** Teams client targets drawn on sweep charts of the matching metrics (the calls' window figures are what the targets judge). */
const SWEEP_TARGETS: Record<string, { label: string; value: number }[]> = {
  call_delay_p95_ms: [{ label: 'Teams one-way target', value: TEAMS_TARGETS['teams-client'].oneWayMs }],
  call_jitter_p95_ms: [{ label: 'Teams jitter target', value: TEAMS_TARGETS['teams-client'].jitterMs }],
  call_loss_p95: [{ label: 'Teams loss target', value: TEAMS_TARGETS['teams-client'].loss }],
};

/** The tables with each row of a sweep point labelled `variant @ point` (sweep.csv itself kept as it is). */
function byPoint(tables: Map<string, Table>): Map<string, Table> {
  const labels = sweepPointLabels(tables.get('sweep')!);
  const out = new Map<string, Table>();
  for (const [name, rows] of tables) {
    out.set(
      name,
      name === 'sweep' ? rows : rows.map((r) => (r.point === undefined || r.variant === undefined ? r : { ...r, variant: `${String(r.variant)} @ ${labels.get(Number(r.point)) ?? String(r.point)}` })),
    );
  }
  return out;
}

interface Chart {
  id: string;
  caption: string;
  svg: string;
}

/**
 * The report of a results folder (its CSV files by name, as text): one self-contained HTML page.
 * The time series, which can be millions of rows, comes separately as a source of link samples.
 */
export async function buildReport(files: Record<string, string>, linkSamples?: LinkSamples): Promise<string> {
  const { tables: read, scenarioText } = await resultTables(files);
  // a sweep's points are compared as variants are: `variant @ point` wherever a row has its point
  const tables = read.has('sweep') ? byPoint(read) : read;
  const table = (name: string): Table => tables.get(name) ?? [];
  const summary = table('summary');
  const variants = variantsOf(summary);
  const charts: Chart[] = [];
  const notes: string[] = [];

  const delays = delaySurvival(table('delays'));
  if (delays.length > 0) charts.push({ id: 'delay-cdf', caption: 'Each line is a traffic class in a variant; lower and further left is better.', svg: await toSvg(delayChart(delays)) });
  else notes.push('No one-way delays were recorded (delays.csv is absent or empty).');

  const timeSeries = linkSamples ?? (tables.has('timeseries') ? linkSamplesOfTable(table('timeseries')) : undefined);
  const binned = timeSeries === undefined ? [] : await binTimeSeries(timeSeries, await busiestLinks(timeSeries, BUSIEST_LINKS), TIME_BINS);
  if (binned.length > 0) {
    charts.push({ id: 'link-throughput', caption: `The ${BUSIEST_LINKS} links that carried the most, mean of replications.`, svg: await toSvg(linkTimeChart(binned, 'throughputMbps')) });
    charts.push({ id: 'link-queue-delay', caption: 'What a packet arriving then would wait behind (FIFO backlog).', svg: await toSvg(linkTimeChart(binned, 'queueDelayMs')) });
  } else notes.push('No time series: run with --timeseries (or --report) to get throughput and queueing delay over time.');

  const availability = table('availability');
  const anyFailure = table('availability_events').length > 0 || availability.some((r) => typeof r.unavailable_s === 'number' && r.unavailable_s > 0);
  if (availability.length > 0 && !anyFailure) notes.push('No failure in the simulated time: every pair was available throughout (no availability chart).');
  if (availability.length > 0 && anyFailure) {
    const down = downtime(availability)
      .filter((d) => d.seconds > 0)
      .map((d) => `${d.variant}: ${d.pair} ${d.seconds.toFixed(1)} s`);
    charts.push({
      id: 'availability',
      caption: `Total downtime (mean of replications): ${down.length === 0 ? 'none' : down.join('; ')}.`,
      svg: await toSvg(timelineChart(availabilityTimeline(availability, table('availability_events'), summary))),
    });
  }

  const sweep = table('sweep');
  for (const metric of SWEEP_METRICS) {
    const points = sweepSeries(sweep, metric).filter((p) => Number.isFinite(p.mean));
    if (points.length === 0) continue;
    const namedBy = Object.hasOwn(MAXIMUM_NAMED_BY, metric) ? MAXIMUM_NAMED_BY[metric] : undefined;
    const which = namedBy === undefined ? [] : [...new Set(sweep.map((r) => String(r[namedBy] ?? '')).filter((n) => n !== ''))];
    const caption = [
      SWEEP_TARGETS[metric] === undefined ? '' : 'Dashed lines: the Teams targets (client to Microsoft edge).',
      which.length === 0 ? '' : `The maximum is that of ${which.slice(0, 4).join('; ')}${which.length > 4 ? ` and ${which.length - 4} more` : ''} (sweep.csv: ${namedBy}).`,
    ].filter((c) => c !== '').join(' ');
    charts.push({ id: `sweep-${metric}`, caption, svg: await toSvg(sweepChart(points, metric, SWEEP_TARGETS[metric] ?? [], sweepAxisTitle(sweep))) });
  }

  const headline = headlineRows(tables, variants);
  const answer = answerSection(variants, table('comparison').length > 0 ? table('comparison') : headline, table('cost'));
  return page({ summary, variants, headline, charts, notes, scenarioText, failures: table('failures'), answer });
}

/**
 * comparison.csv when there is one; else the same rows computed from apps.csv, availability.csv
 * and exposure.csv, led by per-flow figures when the run has flows but no applications.
 */
function headlineRows(tables: Map<string, Table>, variants: string[]): Table {
  const comparison = tables.get('comparison');
  if (comparison !== undefined) return comparison.filter((r) => HEADLINE_METRICS.has(String(r.metric)));
  const apps = tables.get('apps') ?? [];
  const rows = comparisonRows({
    variants,
    apps: apps as Row[],
    availability: (tables.get('availability') ?? []) as Row[],
    exposure: (tables.get('exposure') ?? []) as Row[],
  }).filter((r) => HEADLINE_METRICS.has(String(r.metric)));
  return apps.length > 0 ? rows : [...flowHeadline(tables.get('flows') ?? [], variants), ...rows];
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The number as the table shows it: three significant digits, no exponent for ordinary magnitudes. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1000) return x.toFixed(0);
  return Number(x.toPrecision(3)).toString();
}

/**
 * The answer first: per site and variant, whether every call direction met the Teams targets and
 * every service was available (pass), with what failed otherwise; then each variant's monthly bill.
 */
function answerSection(variants: readonly string[], comparison: Table, cost: Table): string {
  const verdicts = siteVerdicts(variants, comparison);
  if (verdicts.length === 0) return '';
  const rows = verdicts.map(({ site, variants: outcomes }) => {
    const cells = outcomes.map((v, i) => `<td class="${v.pass ? 'met' : 'missed'}" data-variant="${escape(variants[i]!)}">${escape(verdictText(v))}</td>`);
    return `<tr><td>${escape(site)}</td>${cells.join('')}</tr>`;
  });
  const totals = cost.filter((r) => r.item === 'total');
  const bill = totals.length === 0 ? '' : `<p id="bill">Monthly bill (cost.csv): ${totals.map((r) => `${escape(String(r.variant))} ${formatValue(r.monthly as number)}`).join('; ')}.</p>`;
  return `<h2>Answer</h2>
<p>Per site and variant. ${escape(VERDICT_LEGEND)}</p>
<table id="answer"><thead><tr><th>site</th>${variants.map((v) => `<th>${escape(v)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
${bill}
`;
}

/** The failures of `ersim whatif`, most harmful first: the answer comes before the headline. */
function failureSection(failures: Table): string {
  if (failures.length === 0) return '';
  const columns = ['rank', 'failure', 'unavailable_pairs', 'calls_failing_targets', 'worst_call_delay_p95_ms', 'worst_completion_p95_ratio', 'what'];
  const cell = (v: unknown): string => (typeof v === 'number' ? formatValue(v) : v === 'Infinity' ? 'none completed' : escape(String(v ?? '')));
  return `<h2>Failures ranked by impact</h2>
<p>Each single failure for the whole run, against the intact design with the same seeds: availability lost first, then calls pushed below the Teams targets, then transactions slowed.</p>
<table id="failures"><thead><tr>${columns.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead>
<tbody>${failures.map((r) => `<tr>${columns.map((c) => `<td>${cell(r[c])}</td>`).join('')}</tr>`).join('\n')}</tbody></table>
`;
}

function page(p: { summary: Table; variants: string[]; headline: Table; charts: Chart[]; notes: string[]; scenarioText?: string; failures: Table; answer: string }): string {
  const s = p.summary;
  const name = String(s[0]?.scenario ?? 'ersim run');
  const wall = s.reduce((a, r) => a + (typeof r.wall_s === 'number' ? r.wall_s : 0), 0);
  const events = s.reduce((a, r) => a + (typeof r.events === 'number' ? r.events : 0), 0);
  const seeds = [...new Set(s.map((r) => String(r.seed)))].join(', ');
  const replications = s.reduce((m, r) => Math.max(m, typeof r.replication === 'number' ? r.replication + 1 : 0), 0);
  const facts: [string, string][] = [
    ['scenario', name],
    ['variants', p.variants.join(', ')],
    ['seed', seeds],
    ['replications', String(replications)],
    ['runs', String(s.length)],
    ['simulated time', `${String(s[0]?.sim_time_s ?? '')} s (warm-up ${String(s[0]?.warmup_s ?? '')} s)`],
    ['events', String(events)],
    ['wall time (all runs)', `${wall.toFixed(2)} s`],
    ['ersim', version()],
  ];
  const others = p.variants.slice(1);
  const head = ['site', 'application', 'direction', 'metric', ...p.variants, ...others.map((v) => `${v} − ${p.variants[0]}`)];
  const rows = p.headline.map((r) => {
    const label = (c: unknown): string => (c === undefined || (typeof c === 'number' && Number.isNaN(c)) ? '' : String(c));
    const cells = [r.site, r.application, r.direction, r.metric].map((c) => `<td>${escape(label(c))}</td>`);
    for (const v of p.variants) {
      const value = r[v] as number;
      const ci = r[`${v}_ci95`] as number;
      const low = r[`${v}_low`] as number;
      const high = r[`${v}_high`] as number;
      const met = r.metric === 'targets_met' ? (value >= 1 ? ' class="met"' : ' class="missed"') : '';
      // a proportion's interval need not be symmetric: shown as [low, high]
      const interval = Number.isFinite(ci) ? ` ± ${formatValue(ci)}` : Number.isFinite(low) && Number.isFinite(high) ? ` [${formatValue(low)}, ${formatValue(high)}]` : '';
      cells.push(`<td${met} data-variant="${escape(v)}" data-value="${escape(String(value))}">${formatValue(value)}${interval}</td>`);
    }
    for (const v of others) {
      const d = r[`${v}_diff`] as number;
      cells.push(`<td data-diff="${escape(v)}">${Number.isFinite(d) ? `${d >= 0 ? '+' : ''}${formatValue(d)}${r[`${v}_significant`] === 'yes' ? ' *' : ''}` : '–'}</td>`);
    }
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escape(name)}: ersim report</title>
<style>
body { font-family: sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th:first-child, td:nth-child(-n+4) { text-align: left; }
td.met { background: #e3f4e3; } td.missed { background: #fbe3e3; }
figure { margin: 2em 0; } figcaption { color: #555; font-size: 0.9em; }
pre { background: #f6f6f6; padding: 1em; overflow-x: auto; font-size: 0.85em; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; } dt { font-weight: bold; }
</style>
</head>
<body>
<h1>${escape(name)}</h1>
<h2>Run</h2>
<dl id="facts">${facts.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('')}</dl>
${p.answer}${failureSection(p.failures)}<h2>Headline</h2>
<p>Mean ± half-width of the 95% confidence interval over replications${others.length > 0 ? '; differences to the first variant, * when significant at 95% (paired, common random numbers)' : ''}.</p>
<table id="headline"><thead><tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<h2>Charts</h2>
${p.notes.map((n) => `<p class="note">${escape(n)}</p>`).join('\n')}
${p.charts.map((c) => `<figure class="chart" data-chart="${escape(c.id)}">${c.svg}<figcaption>${escape(c.caption)}</figcaption></figure>`).join('\n')}
<h2>Scenario</h2>
<pre id="scenario">${escape(p.scenarioText ?? '(scenario.yaml not found in the results folder)')}</pre>
</body>
</html>
`;
}

/** ersim's version from its package.json. */
function version(): string {
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ersim') return pkg.version ?? 'unknown';
    } catch {
      // try the next place
    }
  }
  return 'unknown';
}
