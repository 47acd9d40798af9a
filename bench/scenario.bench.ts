import type { Nanos } from '../src/core/time.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEnterprise } from './generate-enterprise.js';
import type { Scenario } from '../src/planner/scenario.js';
import { checkScenario } from '../src/planner/check.js';
import { buildRun } from '../src/planner/build.js';
import type { CompiledRun } from '../src/compile/compile.js';
import { BENCH_EVENT_LISTS, type BenchEventList } from './event-lists/index.js';
import { compileReplication, runReplication, runSplit, runToEnd, startReplication } from '../src/runner/run-replication.js';
import { loadScenarioFile, parseScenarioText, type LoadedScenario } from '../src/planner/load.js';
import { createPool, runTasks } from '../src/parallel/run-tasks.js';
import type { Task } from '../src/parallel/task.js';
import type { BenchCase } from './bench-case.js';

function caseOf(name: string, loaded: LoadedScenario, iterations: number, eventList: BenchEventList): BenchCase {
  checkScenario(loaded);
  const scenario = loaded.scenario;
  return {
    name,
    iterations,
    run: () => {
      const result = runReplication(scenario, { seed: scenario.seed, replication: 0, eventList: BENCH_EVENT_LISTS[eventList] });
      const packetHops = result.links.reduce((sum, link) => sum + (link.tx_packets as number), 0);
      return { events: result.summary.events as number, packetHops, simulatedSeconds: scenario.duration / 1e9 };
    },
  };
}

/** A whole run of a scenario file (one of its variants), every statistic on. */
export function scenarioCase(file: string, eventList: BenchEventList = 'quaternary', iterations = 5, variant?: string): BenchCase {
  const loaded = loadScenarioFile(file);
  const chosen = variant === undefined ? loaded : { ...loaded, scenario: loaded.variants.find((v) => v.variant === variant)!, variants: loaded.variants.filter((v) => v.variant === variant) };
  return caseOf(`${loaded.scenario.name} (${eventList})`, chosen, iterations, eventList);
}

/**
 * Replications of a scenario file as tasks on `workers` worker threads. Cold (as a command runs
 * them): each run starts its pool, whose threads load and optimize the code again; 1 worker runs in
 * this thread, which the warm-up run has already optimized. Warm: one pool of `workers` threads for
 * every run, so the figures compare the same threads doing steady work.
 */
export function parallelCase(file: string, replications: number, workers: number, warm = false): BenchCase {
  const loaded = loadScenarioFile(file);
  checkScenario(loaded);
  const tasks: Task[] = Array.from({ length: replications }, (_, replication) => ({
    file,
    text: loaded.text,
    overrides: {},
    variant: loaded.scenario.variant,
    replication,
    seed: loaded.scenario.seed,
    label: '',
    scenario: loaded.scenario,
  }));
  const pool = warm ? createPool(workers) : undefined;
  return {
    name: `parallel ${workers}${warm ? ' warm' : ''}`,
    iterations: 3,
    run: async () => {
      const results = await runTasks(tasks, { workers, pool });
      const events = results.reduce((s, r) => s + (r.summary.events as number), 0);
      const packetHops = results.reduce((s, r) => s + r.links.reduce((t, l) => t + (l.tx_packets as number), 0), 0);
      return { events, packetHops, simulatedSeconds: (replications * loaded.scenario.duration) / 1e9 };
    },
    teardown: async () => {
      await pool?.destroy();
    },
  };
}

/**
 * `flows` Poisson flows sharing one 1 Gbps link at 60% load in total: the cost per packet should
 * not depend on how many flows carry the packets. Only the steady state is timed (simulated seconds
 * 1 to 5): building the network (parsing, routes, 10,000 random streams), each flow's first packets
 * (its rows first touched, its histogram placed) and collecting the garbage of all that are per-flow
 * costs paid once, and are left out by running the first second before the clock starts.
 */
export function manyFlowsCase(flows: number): BenchCase {
  const rate = 600e6 / flows;
  const lines = [
    `name: flows-${flows}`,
    'duration: 5s',
    'nodes: [a, b]',
    'links:',
    '  - { from: a, to: b, bandwidth: 1Gbps, delay: 5ms, duplex: false }',
    'flows:',
  ];
  for (let i = 0; i < flows; i++) {
    lines.push(`  - { name: f${i}, from: a, to: b, source: { kind: poisson, rate: ${rate}bps, packet_size: 1000B } }`);
  }
  const loaded = parseScenarioText(lines.join('\n'), `flows-${flows}.yaml`);
  checkScenario(loaded);
  return steadyStateCase(`poisson flows sharing a link: ${flows}`, loaded.scenario, 1e9, 9); // short runs whose median is what counts (the shared cache makes single runs noisy)
}

/** Packets sent on every link so far (after the warm-up): the packet-hops a bench figure divides by. */
export function packetHops(run: CompiledRun): number {
  return run.network.links.reduce((sum, link) => sum + link.stats.txPackets, 0);
}

/**
 * A built scenario timed in steady state: it is built and run to `warm` before the clock starts
 * (building, first touches and their garbage are costs paid once), then to its end.
 */
function steadyStateCase(name: string, scenario: Scenario, warm: Nanos, iterations: number): BenchCase {
  let run: CompiledRun | undefined;
  const hops = (): number => packetHops(run!);
  let before = { events: 0, hops: 0 };
  return {
    name,
    iterations,
    setup: () => {
      run = buildRun(scenario, { seed: scenario.seed, replication: 0 });
      run.begin();
      run.sim.runUntil(warm);
      before = { events: run.sim.eventsProcessed, hops: hops() };
    },
    run: () => {
      const { sim, network } = run!;
      sim.runUntil(scenario.duration);
      network.finish(scenario.duration);
      return { events: sim.eventsProcessed - before.events, packetHops: hops() - before.hops, simulatedSeconds: (scenario.duration - warm) / 1e9 };
    },
    slice: (k, n) => {
      const { sim, network } = run!;
      const at = (j: number): Nanos => warm + Math.round(((scenario.duration - warm) * j) / n);
      const events = sim.eventsProcessed;
      const packetHops = hops();
      sim.runUntil(at(k + 1));
      if (k === n - 1) network.finish(scenario.duration);
      return { events: sim.eventsProcessed - events, packetHops: hops() - packetHops, simulatedSeconds: (at(k + 1) - at(k)) / 1e9 };
    },
  };
}

/** A generated enterprise (bench/generate-enterprise.ts) in a temporary folder, loaded, with only `variant` kept. */
export function enterpriseScenario(offices: number, users: number, duration: string, variant: string, mode: 'packets' | 'availability' = 'packets'): Scenario {
  const dir = mkdtempSync(join(tmpdir(), 'ersim-bench-'));
  const { yaml, csv } = generateEnterprise(offices, users, duration);
  writeFileSync(join(dir, 'offices.csv'), csv);
  writeFileSync(join(dir, 'enterprise.yaml'), yaml);
  const loaded = loadScenarioFile(join(dir, 'enterprise.yaml'));
  rmSync(dir, { recursive: true, force: true });
  checkScenario(loaded, mode);
  return loaded.variants.find((v) => v.variant === variant)!;
}

/**
 * Failures, detection, convergence and routing only (`--availability-only`) for a year of a generated
 * enterprise on the IP VPN behind three circuits: every office's Internet access and every circuit
 * connection failing and repaired, each change converging only the prefixes it moves.
 */
export function availabilityCase(offices: number): BenchCase {
  const scenario = enterpriseScenario(offices, offices * 400, '365d', 'regional-circuits', 'availability');
  return {
    name: `availability: ${offices} offices for a year`,
    iterations: 3,
    run: () => {
      const result = runReplication(scenario, { seed: scenario.seed, replication: 0, availabilityOnly: true });
      return { events: result.summary.events as number, packetHops: 0, simulatedSeconds: scenario.duration / 1e9 };
    },
  };
}

/**
 * The generated enterprise of `offices` offices and `users` users (regional-circuits: the IP VPN and
 * three circuits), timed in steady state: the network is built and run to the end of its warm-up
 * (5 s) before the clock starts, then `seconds` simulated seconds are timed. The cost per event of a
 * large network against a small one is the ratio of their ns/event.
 */
export function enterpriseCase(offices: number, users: number, seconds: number): BenchCase {
  const scenario = enterpriseScenario(offices, users, `${5 + seconds}s`, 'regional-circuits');
  return steadyStateCase(`enterprise: ${offices} offices, ${users} users`, scenario, scenario.warmup, 3);
}

/**
 * One replication of the generated enterprise split into 4 partitions (docs/parallel.md), on
 * `threads` threads: compiling the copies, the windows and the merge included. The same work for
 * any number of threads (the output is identical), so the wall times compare directly.
 */
export function splitCase(offices: number, users: number, seconds: number, threads: number, iterations = 2): BenchCase {
  const base = enterpriseScenario(offices, users, `${5 + seconds}s`, 'regional-circuits');
  const scenario: Scenario = { ...base, parallel: { partitions: 4 } };
  return {
    name: `split: ${offices} offices, ${users} users, ${threads} thread(s)`,
    iterations,
    run: async () => {
      const options = { seed: scenario.seed, replication: 0 };
      const compiled = compileReplication(scenario, options);
      const result = threads === 1 ? runToEnd(startReplication(scenario, options, compiled)) : await runSplit(scenario, options, compiled, threads);
      const packetHops = result.links.reduce((t, l) => t + (l.tx_packets as number), 0);
      return { events: result.summary.events as number, packetHops, simulatedSeconds: scenario.duration / 1e9 };
    },
  };
}
