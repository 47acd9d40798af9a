import type { Command } from 'commander';
import { EVENT_LIST_KINDS, type EventListKind } from '../core/event-list.js';
import { parseTime } from '../scenario/units.js';
import { defaultWorkers } from '../parallel/default-workers.js';
import { UsageError } from './errors.js';
import { checkRedisUrl } from '../parallel/queue/redis-url.js';
import type { RunActionOptions } from './run-action.js';

export interface RunOptions {
  at?: string;
  busyHour?: boolean;
  out?: string;
  seed?: string;
  duration?: string;
  replications?: string;
  quiet?: boolean;
  eventList?: string;
  timeseries?: string | boolean;
  availabilityOnly?: boolean;
  workers?: string;
  threads?: string;
  cache: boolean;
  report?: boolean;
  queue?: string;
  maxEvents?: string;
  maxMemory?: string;
  queueTimeout?: string;
}

/** The options `run` and `compare` share, checked; the simulation modules load only when a command runs. */
export function withRunOptions(command: Command, defaultOut = 'results/<scenario name>'): Command {
  return command
    .argument('<scenario>', 'scenario file (YAML)')
    .option('-o, --out <dir>', `output folder (default: ${defaultOut})`)
    .option('--seed <n>', 'seed of every random stream (default: the scenario\'s seed)')
    .option('--duration <time>', 'simulated time, e.g. 10s (default: the scenario\'s duration)')
    .option('--replications <n>', 'independent replications (default: the scenario\'s)')
    .option('--event-list <kind>', 'event list: quaternary (4-ary typed-array heap) or calendar (calendar queue); default: calendar when 8 or more events are pending once the run has started, else quaternary')
    .option('--timeseries [interval]', 'also write timeseries.csv: flows and links sampled every interval (default 100ms)')
    .option('--workers <n>', 'worker threads (default: the available cores); results are identical for any number')
    .option('--threads <n>', 'threads for each replication that splits into partitions (docs/parallel.md; default: the workers the replications leave idle); results are identical for any number')
    .option('--no-cache', 'rerun every task instead of reusing results cached in results/.cache')
    .option('--queue <url>', 'run the tasks on `ersim worker` processes through this Redis (redis://[:password@]host:port[/db], rediss:// for TLS)')
    .option('--report', 'also write report.html: tables and charts in one self-contained page (samples a time series unless --timeseries is given)')
    .option('--queue-timeout <time>', 'with --queue: give up, with an error, when Redis has not answered for this long (default 30s)')
    .option('--max-events <n>', 'refuse a run whose replications would each simulate more events than this (estimated from the traffic before running; default 2e10, about an hour)')
    .option('--max-memory <bytes>', 'refuse a run whose replications would each need more memory than this (estimated before running: flows, queues, time-series samples; default 8e9)')
    .option('--at <time>', "take the applications' load at this time of day in UTC, like 14:00Z: each site at its own local hour of its daily profile (default: every site at its busy hour)")
    .option('--busy-hour', "take the applications' load at the UTC hour when the sites' users together are busiest")
    .option('-q, --quiet', 'no progress bar and no table');
}

export function runActionOptions(options: RunOptions): RunActionOptions {
  const overrides: Record<string, unknown> = {};
  const seed = options.seed === undefined ? undefined : integerOption('--seed', options.seed, 0);
  if (seed !== undefined) overrides.seed = seed;
  if (options.duration !== undefined) {
    if (parseTime(options.duration) === undefined) throw new UsageError(`--duration: expected a time like 10s, got "${options.duration}"`);
    overrides.duration = options.duration;
  }
  if (options.replications !== undefined) overrides.replications = integerOption('--replications', options.replications, 1);
  if (options.at !== undefined && options.busyHour === true) throw new UsageError('--at and --busy-hour: choose one');
  if (options.at !== undefined) {
    if (!/^([01]\d|2[0-3]):[0-5]\dZ$/.test(options.at)) throw new UsageError(`--at: expected a time of day in UTC like 14:00Z, got "${options.at}"`);
    overrides.at = options.at;
  }
  if (options.busyHour === true) overrides.at = 'busy-hour';
  if (options.eventList !== undefined && !(EVENT_LIST_KINDS as readonly string[]).includes(options.eventList)) {
    throw new UsageError(`--event-list: expected one of ${EVENT_LIST_KINDS.join(', ')}, got "${options.eventList}"`);
  }
  let timeSeriesInterval: number | undefined;
  if (options.timeseries !== undefined) {
    const text = options.timeseries === true ? '100ms' : String(options.timeseries);
    timeSeriesInterval = parseTime(text);
    if (timeSeriesInterval === undefined || timeSeriesInterval <= 0) throw new UsageError(`--timeseries: expected an interval like 100ms, got "${text}"`);
    if (timeSeriesInterval < 1e6) throw new UsageError(`--timeseries: at least 1ms (every flow and link is sampled each interval), got "${text}"`);
  }
  return {
    overrides,
    out: options.out,
    quiet: options.quiet === true,
    eventList: options.eventList as EventListKind | undefined,
    timeSeriesInterval,
    availabilityOnly: options.availabilityOnly === true,
    workers: options.workers === undefined ? defaultWorkers() : integerOption('--workers', options.workers, 1),
    threads: options.threads === undefined ? undefined : integerOption('--threads', options.threads, 1),
    cache: options.cache,
    report: options.report === true,
    queue: queueOption(options.queue),
    maxEvents: options.maxEvents === undefined ? undefined : positiveNumberOption('--max-events', options.maxEvents),
    maxMemory: options.maxMemory === undefined ? undefined : positiveNumberOption('--max-memory', options.maxMemory),
    queueTimeoutMs: options.queueTimeout === undefined ? undefined : timeOption('--queue-timeout', options.queueTimeout) / 1e6,
  };
}

/** `ersim run`. */
export function registerRun(program: Command, io: { out: (s: string) => void }): void {
  withRunOptions(
    program
      .command('run')
      .description('simulate a scenario and write flows.csv, apps.csv, links.csv, drops.csv, classes.csv, availability.csv and summary.csv'),
  )
    .option('--availability-only', 'simulate only failures, detection, convergence and routing (no packets): writes availability.csv and summary.csv')
    .action(async (file: string, options: RunOptions) => {
      const checked = runActionOptions(options);
      const { runAction } = await import('./run-action.js');
      await runAction(io, file, checked);
    });
}

/** A Redis URL for --queue, checked before anything runs. */
export function queueOption(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    checkRedisUrl(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return text;
}

export function integerOption(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`${name}: expected an integer >= ${min}, got "${text}"`);
  return value;
}

function positiveNumberOption(name: string, text: string): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new UsageError(`${name}: expected a positive number like 5e9, got "${text}"`);
  return value;
}

function timeOption(name: string, text: string): number {
  const value = parseTime(text);
  if (value === undefined || !(value > 0)) throw new UsageError(`${name}: expected a time like 30s, got "${text}"`);
  return value;
}

