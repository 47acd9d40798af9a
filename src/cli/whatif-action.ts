import { comparisonRows } from '../compare/comparison.js';
import { FAILURE_COLUMNS, failureImpacts, type FailureImpact } from '../compare/failure-impact.js';
import { toCsv } from '../output/csv.js';
import { checkScenario } from '../planner/check.js';
import { singleFailures } from '../planner/failures.js';
import { loadScenarioFile, parseScenarioText } from '../planner/load.js';
import { mergeOverride } from '../scenario/load.js';
import { chooseDesign, withVariants } from './design.js';
import { UsageError } from './errors.js';
import { writeResults } from './results-folder.js';
import { simulateLoaded, withTimeSeries, type RunActionOptions } from './run-action.js';
import { fixed, textTable } from './table.js';

export interface WhatifActionOptions extends RunActionOptions {
  /** The variant whose failures are tried (default: the scenario's first). */
  variant?: string;
}

/**
 * `ersim whatif`: the design of one variant, then one variant per single failure of it (each
 * circuit connection, each circuit, each site's Internet access, each peering location with more
 * than one circuit), all with the same seeds; failures.csv ranks them by impact, comparison.csv
 * has every metric of every failure against the intact design.
 */
export async function whatifAction(io: { out: (s: string) => void }, file: string, options: WhatifActionOptions): Promise<void> {
  const loaded = loadScenarioFile(file, options.overrides);
  checkScenario(loaded, 'packets', { maxEvents: options.maxEvents, maxMemory: options.maxMemory });
  const design = chooseDesign(file, loaded, options.variant);
  const failures = singleFailures(design.scenario);
  if (failures.length === 0) throw new UsageError(`${file}: variant '${design.scenario.variant}' has no circuit, site or peering location to fail`);

  // one variant per failure, each the design's fields and the failure's
  const intact = design.scenario.variant === 'base' ? 'intact' : design.scenario.variant;
  const variants = Object.fromEntries([[intact, design.fields], ...failures.map((f) => [f.name, mergeOverride(design.fields, f.patch)])]);
  const whatifs = parseScenarioText(withVariants(design, variants), file, options.overrides, loaded.attachments);

  const { result, files, timeSeries, line, out } = await simulateLoaded(whatifs, file, {
    ...options,
    out: options.out ?? `results/${loaded.scenario.name}-whatif`,
  });
  const names = whatifs.variants.map((v) => v.variant);
  const impacts = failureImpacts(intact, failures, result.apps, result.availability);
  files['failures.csv'] = toCsv(impacts, FAILURE_COLUMNS);
  files['comparison.csv'] = toCsv(comparisonRows({ variants: names, apps: result.apps, availability: result.availability, exposure: result.exposure }));
  if (options.report) files['report.html'] = await (await import('../report/build-report.js')).buildReport(files, timeSeries?.linkSamples);
  const written = await writeResults(out, withTimeSeries(files, timeSeries));
  if (!options.quiet) io.out(`${failureTable(impacts)}\n\n${line}\nwrote ${written.join(', ')}\n`);
}

function failureTable(impacts: readonly FailureImpact[]): string {
  return textTable(
    ['rank', 'failure', 'unavailable_pairs', 'calls_failing', 'worst_call_delay_p95_ms', 'worst_completion_x', 'sites'],
    impacts.map((i) => [
      String(i.rank),
      i.failure,
      String(i.unavailable_pairs),
      String(i.calls_failing_targets),
      fixed(i.worst_call_delay_p95_ms, 1),
      Number.isFinite(i.worst_completion_p95_ratio) ? fixed(i.worst_completion_p95_ratio, 2) : 'none done',
      i.sites_affected === '' ? '-' : i.sites_affected,
    ]),
  );
}
