import type { Row } from '../stats/records.js';

/** One site's outcome in one variant: pass, or what failed. */
export interface Verdict {
  pass: boolean;
  why: string[];
}

/** A site's verdict in each variant, in the variants' order. */
export interface SiteVerdicts {
  site: string;
  variants: Verdict[];
}

/**
 * The planner's answer, per site and variant, from comparison rows (comparison.csv): pass when every
 * call direction met the Teams targets in every replication and every service was available;
 * otherwise what failed, worst first as the rows come (targets met in fewer runs, availability).
 * Rows without a site (a generic scenario) or for all sites (the cost) have no verdict.
 */
export function siteVerdicts(variants: readonly string[], comparison: readonly Row[]): SiteVerdicts[] {
  const bySite = new Map<string, Row[]>();
  for (const row of comparison) {
    const site = String(row.site ?? '');
    if (site === '' || site === 'all' || site === 'undefined') continue;
    const rows = bySite.get(site);
    if (rows === undefined) bySite.set(site, [row]);
    else rows.push(row);
  }
  return [...bySite].map(([site, rows]) => ({ site, variants: variants.map((variant) => verdict(rows, variant)) }));
}

/**
 * The Teams targets (apps.csv's target_*_met columns), each with the window figure it judges (none
 * for reordering) and how a verdict writes that figure.
 */
export const TARGET_METRICS: readonly { flag: string; name: string; figure?: string; format?: (value: number) => string }[] = [
  { flag: 'target_delay_met', name: 'delay', figure: 'window_delay_p95_ms', format: (v) => `${v.toFixed(1)} ms` },
  { flag: 'target_rtt_met', name: 'round trip', figure: 'window_rtt_p95_ms', format: (v) => `${v.toFixed(1)} ms` },
  { flag: 'target_loss_met', name: 'loss', figure: 'window_loss_p95', format: (v) => `${(100 * v).toPrecision(2)}%` },
  { flag: 'target_burst_loss_met', name: 'burst loss', figure: 'window_burst_loss_p95', format: (v) => `${(100 * v).toPrecision(2)}%` },
  { flag: 'target_jitter_met', name: 'jitter', figure: 'window_jitter_p95_ms', format: (v) => `${v.toFixed(1)} ms` },
  { flag: 'target_reordering_met', name: 'reordering' },
];

const FLAGS = new Map(TARGET_METRICS.map((t) => [t.flag, t]));

function verdict(rows: readonly Row[], variant: string): Verdict {
  const why: string[] = [];
  const valueOf = (r: Row): number | undefined => {
    const v = r[variant];
    return typeof v === 'number' && !Number.isNaN(v) ? v : undefined;
  };
  for (const r of rows) {
    const v = valueOf(r);
    if (v === undefined) continue;
    if (r.metric === 'targets_met' && v < 1) {
      const missed = missedTargets(rows, r, valueOf);
      why.push(`${String(r.application)} ${String(r.direction)}: ${missed === '' ? '' : `${missed}; `}Teams targets met in ${(100 * v).toFixed(0)}% of runs`);
    }
    if (r.metric === 'availability' && v < 1) why.push(`${String(r.application)}: ${(100 * v).toFixed(2)}% available`);
  }
  return { pass: why.length === 0, why };
}

/** The targets a call direction missed in some run, each with its figure (mean over runs), worst first. */
function missedTargets(rows: readonly Row[], of: Row, valueOf: (r: Row) => number | undefined): string {
  const same = (r: Row): boolean => r.application === of.application && r.direction === of.direction;
  const missed: { met: number; text: string }[] = [];
  for (const r of rows) {
    const target = FLAGS.get(String(r.metric));
    const met = target === undefined || !same(r) ? undefined : valueOf(r);
    if (target === undefined || met === undefined || met >= 1) continue;
    const figure = target.figure === undefined ? undefined : rows.find((f) => same(f) && f.metric === target.figure);
    const value = figure === undefined ? undefined : valueOf(figure);
    missed.push({ met, text: value === undefined || target.format === undefined ? target.name : `${target.name} ${target.format(value)}` });
  }
  missed.sort((a, b) => a.met - b.met);
  return missed.map((m) => m.text).join(', ');
}

/** What the verdicts mean, under the table of them (terminal and report). */
export const VERDICT_LEGEND =
  'pass: every call direction met the Teams targets in every replication and every service was available. ' +
  "A missed target shows its figure: the 95th percentile of the direction's 15-second windows, mean of the replications.";

/** A verdict in a few words: 'pass', or 'fail: ' and its first `shown` reasons. */
export function verdictText(v: Verdict, shown = 3): string {
  if (v.pass) return 'pass';
  return `fail: ${v.why.slice(0, shown).join('; ')}${v.why.length > shown ? ` (+${v.why.length - shown})` : ''}`;
}
