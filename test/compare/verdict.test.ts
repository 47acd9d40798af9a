import { describe, expect, it } from 'vitest';
import { siteVerdicts, verdictText } from '../../src/compare/verdict.js';
import { shortComparison } from '../../src/cli/compare-action.js';
import type { Row } from '../../src/stats/records.js';

/** A comparison row (comparison.csv) with each variant's mean. */
const row = (site: string, application: string, direction: string, metric: string, a: number, b: number): Row => ({
  site,
  application,
  direction,
  metric,
  internet: a,
  circuit: b,
  internet_ci95: NaN,
  circuit_ci95: NaN,
  internet_low: NaN,
  internet_high: NaN,
  circuit_low: NaN,
  circuit_high: NaN,
  circuit_diff: b - a,
  circuit_significant: '',
});
const variants = ['internet', 'circuit'];

describe('the answer per site', () => {
  const rows = [
    row('boston', 'teams-audio', 'up', 'targets_met', 1, 1),
    row('boston', 'teams-audio', 'down', 'targets_met', 2 / 3, 1),
    row('boston', 'teams-audio', 'up', 'mos', 3.1, 4.4), // a low MOS is not a verdict of its own: the targets are
    row('boston', 'erp', 'both', 'availability', 0, 1),
    row('tokyo', 'teams-audio', 'up', 'targets_met', 1, 0),
    row('tokyo', 'sharepoint', 'both', 'availability', 1, 0.9995),
    row('paris', 'teams-audio', 'up', 'targets_met', NaN, 1), // no calls in one variant: nothing to judge there
    row('all', 'cost', 'both', 'monthly_cost', 800, 5000),
  ];

  it('passes a site where every call direction met the targets in every run and every service was available', () => {
    const verdicts = siteVerdicts(variants, rows);
    expect(verdicts.map((v) => v.site)).toEqual(['boston', 'tokyo', 'paris']); // in the rows' order; 'all' is no site
    const [boston, tokyo, paris] = verdicts;
    expect(boston!.variants[0]).toEqual({ pass: false, why: ['teams-audio down: Teams targets met in 67% of runs', 'erp: 0.00% available'] });
    expect(boston!.variants[1]).toEqual({ pass: true, why: [] });
    expect(tokyo!.variants[0]!.pass).toBe(true);
    expect(tokyo!.variants[1]!.why).toEqual(['teams-audio up: Teams targets met in 0% of runs', 'sharepoint: 99.95% available']);
    expect(paris!.variants.map((v) => v.pass)).toEqual([true, true]);
    expect(verdictText(boston!.variants[0]!, 1)).toBe('fail: teams-audio down: Teams targets met in 67% of runs (+1)');
    expect(verdictText(boston!.variants[1]!)).toBe('pass');
  });

  it('names the targets a call direction missed, worst first, with their figures in that variant', () => {
    const calls = [
      row('sydney', 'teams-audio', 'up', 'targets_met', 1, 0.5),
      row('sydney', 'teams-audio', 'up', 'window_delay_p95_ms', 12.34, 89.96),
      row('sydney', 'teams-audio', 'up', 'window_rtt_p95_ms', 24.7, 179.9),
      row('sydney', 'teams-audio', 'up', 'window_burst_loss_p95', 0, 0.1234),
      row('sydney', 'teams-audio', 'up', 'target_delay_met', 1, 0.5),
      row('sydney', 'teams-audio', 'up', 'target_rtt_met', 1, 0.5),
      row('sydney', 'teams-audio', 'up', 'target_burst_loss_met', 1, 0), // missed in every run: named first
      row('sydney', 'teams-audio', 'up', 'target_reordering_met', 1, 0.5), // no figure of its own
      // the other direction's misses are not this one's
      row('sydney', 'teams-audio', 'down', 'targets_met', 1, 1),
      row('sydney', 'teams-audio', 'down', 'target_jitter_met', 1, 1),
      row('sydney', 'teams-video', 'up', 'target_jitter_met', 0, 0),
    ];
    const [sydney] = siteVerdicts(variants, calls);
    expect(sydney!.variants[0]).toEqual({ pass: true, why: [] });
    expect(sydney!.variants[1]!.why).toEqual(['teams-audio up: burst loss 12%, delay 90.0 ms, round trip 179.9 ms, reordering; Teams targets met in 50% of runs']);
    // an older comparison.csv without the targets' rows: the share of runs alone
    const [old] = siteVerdicts(variants, [calls[0]!]);
    expect(old!.variants[1]!.why).toEqual(['teams-audio up: Teams targets met in 50% of runs']);
  });

  it('prints the answer and the cost, and the headline rows only when they are few or asked for', () => {
    const short = shortComparison(rows, variants, false);
    expect(short).toMatch(/^site +internet +circuit\nboston +fail: teams-audio down: Teams targets met in 67% of runs \(\+1\) +pass\n/);
    expect(short).toMatch(/\nmonthly cost +800 +5000\n/);
    expect(short).toMatch(/boston teams-audio down targets_met/); // 7 headline rows: printed

    const many: Row[] = [];
    for (let s = 0; s < 20; s++) for (const direction of ['up', 'down']) for (const metric of ['mos', 'targets_met']) many.push(row(`site${s}`, 'teams-audio', direction, metric, 4.4, 1));
    const brief = shortComparison(many, variants, false);
    expect(brief.split('\n')).toHaveLength(1 + 20 + 1 + 2);
    expect(brief).toMatch(/\n80 headline rows .*comparison\.csv; --detail prints them$/);
    expect(shortComparison(many, variants, true)).toMatch(/site19 teams-audio down targets_met/);
  });
});
