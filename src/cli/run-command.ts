import type { Command } from 'commander';
import { checkScenario } from '../compile/check.js';
import type { EventListKind } from '../core/event-list.js';
import { writeFilesAtomically } from '../output/atomic-files.js';
import { toCsv } from '../output/csv.js';
import { runScenario } from '../runner/run-scenario.js';
import { loadScenarioFile, type ScenarioOverrides } from '../scenario/load.js';
import { parseTime } from '../scenario/units.js';
import { DROP_COLUMNS, type Row } from '../stats/records.js';
import { TIME_SERIES_COLUMNS } from '../stats/time-series.js';
import { UsageError } from './errors.js';
import { createProgress } from './progress.js';
import { fixed, textTable } from './table.js';

interface RunOptions {
  out?: string;
  seed?: string;
  duration?: string;
  replications?: string;
  quiet?: boolean;
  eventList: string;
  timeseries?: string | boolean;
}

export function registerRun(program: Command, io: { out: (s: string) => void }): void {
  program
    .command('run')
    .description('simulate a scenario and write flows.csv, links.csv, drops.csv and summary.csv')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('-o, --out <dir>', 'output folder (default: results/<scenario name>)')
    .option('--seed <n>', 'seed of every random stream (default: the scenario\'s seed)')
    .option('--duration <time>', 'simulated time, e.g. 10s (default: the scenario\'s duration)')
    .option('--replications <n>', 'independent replications (default: the scenario\'s)')
    .option('--event-list <kind>', 'event list implementation: quaternary or heap-js', 'quaternary')
    .option('--timeseries [interval]', 'also write timeseries.csv: flows and links sampled every interval (default 100ms)')
    .option('-q, --quiet', 'no progress bar and no table')
    .action(async (file: string, options: RunOptions) => {
      const overrides: Record<string, unknown> = {};
      const seed = options.seed === undefined ? undefined : integerOption('--seed', options.seed, 0);
      if (seed !== undefined) overrides.seed = seed;
      if (options.duration !== undefined) {
        if (parseTime(options.duration) === undefined) throw new UsageError(`--duration: expected a time like 10s, got "${options.duration}"`);
        overrides.duration = options.duration;
      }
      if (options.replications !== undefined) overrides.replications = integerOption('--replications', options.replications, 1);
      if (options.eventList !== 'quaternary' && options.eventList !== 'heap-js') {
        throw new UsageError(`--event-list: expected quaternary or heap-js, got "${options.eventList}"`);
      }
      let timeSeriesInterval: number | undefined;
      if (options.timeseries !== undefined) {
        const text = options.timeseries === true ? '100ms' : String(options.timeseries);
        timeSeriesInterval = parseTime(text);
        if (timeSeriesInterval === undefined || timeSeriesInterval <= 0) throw new UsageError(`--timeseries: expected an interval like 100ms, got "${text}"`);
      }
      const loaded = loadScenarioFile(file, overrides as ScenarioOverrides);
      checkScenario(loaded);
      const scenario = loaded.scenario;
      const out = options.out ?? `results/${scenario.name}`;
      const quiet = options.quiet === true;

      const progress = createProgress(quiet, scenario.name);
      const result = runScenario(scenario, {
        seed: scenario.seed,
        replications: scenario.replications,
        eventList: options.eventList,
        timeSeriesInterval,
        onProgress: (replication, fraction, events) =>
          progress.update((replication + fraction) / scenario.replications, `rep ${replication + 1}/${scenario.replications} | ${events} events`),
      });
      progress.stop();

      const files: Record<string, string> = {
        'flows.csv': await toCsv(result.flows),
        'links.csv': await toCsv(result.links),
        'drops.csv': await toCsv(result.drops, DROP_COLUMNS),
        'summary.csv': await toCsv(result.summary),
      };
      if (timeSeriesInterval !== undefined) files['timeseries.csv'] = await toCsv(result.timeSeries, TIME_SERIES_COLUMNS);
      const written = writeFilesAtomically(out, files);
      if (!quiet) io.out(`${flowTable(result.flows)}\n\n${summaryLine(result.summary)}\nwrote ${written.join(', ')}\n`);
    });
}

function integerOption(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${name}: expected an integer >= ${min}, got "${text}"`);
  return value;
}

/** Per flow, the mean over replications of the headline metrics. */
function flowTable(flows: readonly Row[]): string {
  const byFlow = new Map<string, Row[]>();
  for (const row of flows) byFlow.set(row.flow as string, [...(byFlow.get(row.flow as string) ?? []), row]);
  const mean = (rows: Row[], column: string): number => rows.reduce((s, r) => s + (r[column] as number), 0) / rows.length;
  const rows = [...byFlow].map(([name, rows]) => [
    name,
    fixed(mean(rows, 'throughput_bps') / 1e6, 2),
    fixed(mean(rows, 'loss_ratio') * 100, 3),
    fixed(mean(rows, 'delay_mean_ms'), 3),
    fixed(mean(rows, 'delay_p99_ms'), 3),
    fixed(mean(rows, 'jitter_ms'), 3),
  ]);
  return textTable(['flow', 'throughput_Mbps', 'loss_%', 'delay_mean_ms', 'delay_p99_ms', 'jitter_ms'], rows);
}

function summaryLine(summary: readonly Row[]): string {
  const events = summary.reduce((s, r) => s + (r.events as number), 0);
  const wall = summary.reduce((s, r) => s + (r.wall_s as number), 0);
  return `${summary.length} replication(s), ${events} events in ${wall.toFixed(2)} s wall (${(events / wall / 1e6).toFixed(2)} M events/s)`;
}
