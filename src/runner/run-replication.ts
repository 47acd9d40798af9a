import { buildRun } from '../planner/build.js';
import type { CompiledRun } from '../compile/compile.js';
import { planPartitions, type PartitionPlan } from '../partition/plan.js';
import { runPartitionedOnThreads, startPartitioned } from '../partition/partitioned-run.js';
import { DEFAULT_CLASS_MAP } from '../net/queues/class-map.js';
import type { EventListChoice } from '../core/event-list.js';
import { NS_PER_S, type Nanos } from '../core/time.js';
import { classRows, delayQuantileRows } from '../stats/class-stats.js';
import { appRows } from '../stats/app-stats.js';
import { exposureRows } from '../stats/exposure.js';
import { TEAMS_TARGETS } from '../planner/azure/facts.js';
import { TimeSeriesSampler, type TimeSeries } from '../stats/time-series.js';
import type { Scenario } from '../planner/scenario.js';
import { dropRows, flowRow, linkRow, type Row, type RunIdentity } from '../stats/records.js';

export interface ReplicationResult {
  flows: Row[];
  links: Row[];
  drops: Row[];
  summary: Row;
  /** Present (not null) when a sampling interval was given. */
  timeSeries: TimeSeries | null;
  availability: Row[];
  classes: Row[];
  /** The planner's applications per site (apps.csv). */
  apps: Row[];
  /** Bytes by exposure per pair of places (exposure.csv). */
  exposure: Row[];
  /** Delay quantiles per class and path (delays.csv). */
  delays: Row[];
  /** Outages and route changes per pair (availability_events.csv). */
  availabilityEvents: Row[];
}

export interface ReplicationOptions {
  replication: number;
  seed: number;
  eventList?: EventListChoice;
  /** Simulate failures and routing only (no packets): see RunOptions.availabilityOnly. */
  availabilityOnly?: boolean;
  /** Sample flows and links at this interval (nanoseconds) into the time series. */
  timeSeriesInterval?: Nanos;
  /** Called with the simulated fraction done, about a hundred times per run. */
  onProgress?: (fraction: number, events: number) => void;
}

const PROGRESS_STEPS = 100;

/** A replication under way: simulate it in batches of events, then collect its result rows. */
export interface ReplicationRun {
  /** Simulate at most `maxEvents` more events; true once the run has reached its end. */
  advance(maxEvents: number): boolean;
  /** The result rows (once `advance` has returned true). */
  finish(): ReplicationResult;
}

/** Compile and simulate one replication of a scenario, and return its result rows. */
export function runReplication(scenario: Scenario, options: ReplicationOptions): ReplicationResult {
  return runToEnd(startReplication(scenario, options));
}

/** Simulate a started replication to its end, in one go, and collect its rows. */
export function runToEnd(run: ReplicationRun): ReplicationResult {
  while (!run.advance(Infinity));
  return run.finish();
}

/** Compile one replication and start it: the caller advances it (and may stop between batches). */
export function startReplication(scenario: Scenario, options: ReplicationOptions, compiled = compileReplication(scenario, options)): ReplicationRun {
  const { run, plan } = compiled;
  const id = identity(scenario, options);
  if (plan.count > 1) {
    const started = process.hrtime.bigint();
    const partitioned = startPartitioned(scenario, options, run, plan);
    return {
      advance: (n) => partitioned.advance(n),
      finish: () => {
        const counts = partitioned.finish();
        return collectResult(scenario, id, run, started, counts, counts.timeSeries);
      },
    };
  }
  const { sim, network } = run;
  const sampler =
    options.timeSeriesInterval === undefined ? undefined : new TimeSeriesSampler(sim, network, options.timeSeriesInterval, id, scenario.duration);
  const started = process.hrtime.bigint();
  run.begin();
  sampler?.begin();
  const end = scenario.duration;
  let step = 1;
  return {
    advance(maxEvents: number): boolean {
      const before = sim.eventsProcessed;
      while (step <= PROGRESS_STEPS) {
        const left = maxEvents - (sim.eventsProcessed - before);
        if (left <= 0 || !sim.runUntil(Math.round((end * step) / PROGRESS_STEPS), left)) return false;
        options.onProgress?.(step / PROGRESS_STEPS, sim.eventsProcessed);
        step++;
      }
      return true;
    },
    finish: () => {
      network.finish(end);
      return collectResult(scenario, id, run, started, { events: sim.eventsProcessed, packets: network.pool.allocated }, sampler?.series() ?? null);
    },
  };
}

/**
 * A replication compiled (or its network `run`, when a check built it already with these options),
 * and how it splits into partitions (docs/parallel.md): one when it does not.
 */
export function compileReplication(scenario: Scenario, options: ReplicationOptions, run = buildRun(scenario, options)): { run: CompiledRun; plan: PartitionPlan } {
  return { run, plan: planPartitions(run, run.scenario, splittable(options)) };
}

/**
 * A replication that splits (`compiled.plan.count > 1`) run on `threads` threads (docs/parallel.md):
 * the same rows for any number. `signal` stops it at a window's end.
 */
export async function runSplit(
  scenario: Scenario,
  options: ReplicationOptions,
  compiled: { run: CompiledRun; plan: PartitionPlan },
  threads: number,
  signal?: AbortSignal,
): Promise<ReplicationResult> {
  const started = process.hrtime.bigint();
  const counts = await runPartitionedOnThreads(scenario, options, compiled.run, compiled.plan, threads, signal);
  return collectResult(scenario, identity(scenario, options), compiled.run, started, counts, counts.timeSeries);
}

/** A run without packets has nothing to split. */
export function splittable(options: ReplicationOptions): boolean {
  return options.availabilityOnly !== true;
}

export function identity(scenario: Scenario, options: ReplicationOptions): RunIdentity {
  return { variant: scenario.variant, replication: options.replication, seed: options.seed };
}

/**
 * The result rows of a replication whose books are closed (`network.finish` done): `counts` are its
 * events and packets (a partitioned run's, summed over its partitions).
 */
export function collectResult(
  scenario: Scenario,
  id: RunIdentity,
  run: CompiledRun,
  started: bigint,
  counts: { events: number; packets: number },
  timeSeries: TimeSeries | null,
): ReplicationResult {
  const { network } = run;
  const end = scenario.duration;
  for (const app of run.apps) app.finish();
  const wall = Number(process.hrtime.bigint() - started) / NS_PER_S;
  const measured = end - scenario.warmup;
  const flows = network.flows.filter((flow) => !flow.info.background).map((flow) => flowRow(id, flow, measured, end));
  return {
    flows,
    links: network.links.map((link) => linkRow(id, link, measured)),
    drops: [
      ...network.links.flatMap((link) => dropRows(id, link.name, link.classMap.names, link.stats.drops)),
      ...network.nodes.flatMap((node) => dropRows(id, node.name, DEFAULT_CLASS_MAP.names, node.drops)),
    ],
    timeSeries,
    availability: run.availability.rows(id, end),
    classes: classRows(id, network.flows, measured),
    exposure: exposureRows(id, network.flows),
    delays: delayQuantileRows(id, network.flows),
    availabilityEvents: run.availability.eventRows(id, end),
    apps: run.apps.flatMap((app) => appRows(id, app, measured, end, TEAMS_TARGETS[scenario.targets])),
    summary: {
      scenario: scenario.name,
      variant: id.variant,
      replication: id.replication,
      seed: id.seed,
      sim_time_s: end / NS_PER_S,
      warmup_s: scenario.warmup / NS_PER_S,
      events: counts.events,
      packets_allocated: counts.packets,
      wall_s: wall,
      events_per_s: counts.events / wall,
    },
  };
}
