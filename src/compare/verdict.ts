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

function verdict(rows: readonly Row[], variant: string): Verdict {
  const why: string[] = [];
  for (const r of rows) {
    const v = r[variant];
    if (typeof v !== 'number' || Number.isNaN(v)) continue;
    if (r.metric === 'targets_met' && v < 1) why.push(`${String(r.application)} ${String(r.direction)}: Teams targets met in ${(100 * v).toFixed(0)}% of runs`);
    if (r.metric === 'availability' && v < 1) why.push(`${String(r.application)}: ${(100 * v).toFixed(2)}% available`);
  }
  return { pass: why.length === 0, why };
}

/** A verdict in a few words: 'pass', or 'fail: ' and its first `shown` reasons. */
export function verdictText(v: Verdict, shown = 3): string {
  if (v.pass) return 'pass';
  return `fail: ${v.why.slice(0, shown).join('; ')}${v.why.length > shown ? ` (+${v.why.length - shown})` : ''}`;
}
