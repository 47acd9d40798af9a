import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DIRECT_CIRCUIT_SIZES, PROVIDER_CIRCUIT_SIZES } from '../planner/azure/facts.js';
import { checkScenario } from '../planner/check.js';
import type { Task } from '../parallel/task.js';
import { loadScenarioFile, type LoadedScenario } from '../planner/load.js';
import { parseBandwidth } from '../scenario/units.js';
import type { Row } from '../stats/records.js';
import { UsageError } from './errors.js';
import { callsMeetingTargets, keepsCalls } from '../stats/call-targets.js';
import { runWithProgress } from './run-action.js';
import { sharedPool } from '../parallel/run-tasks.js';
import type { Piscina } from 'piscina';
import { fixed, textTable } from './table.js';

const PROVIDER_SKUS: readonly string[] = PROVIDER_CIRCUIT_SIZES;
const DIRECT_SKUS: readonly string[] = DIRECT_CIRCUIT_SIZES;

export interface SizeActionOptions {
  circuit: string;
  headroom: number;
  teams: boolean;
  direct: boolean;
  replications?: number;
  quiet: boolean;
  workers: number;
  threads?: number;
  cache: boolean;
}

interface Evidence {
  sku: string;
  utilization: number;
  /** Worst call direction of any replication: the windowed Teams figures of apps.csv. */
  delayP95: number;
  jitter: number;
  loss: number;
  /** Call directions judged, and how many met every Teams target. */
  calls: number;
  callsMet: number;
  pass: boolean;
}

/**
 * Try the SKUs from the smallest up; for each, run every variant that has the circuit and check:
 * the busiest direction of either connection stays under 1 - headroom, and every call direction of
 * every replication that meets the scenario's Teams targets at the largest SKU (run first) meets
 * them, judged as compare judges them (apps.csv: the 95th percentile of 15 s windows,
 * `targets_met`). Stop at the first SKU that passes.
 */
export async function sizeAction(io: { out: (s: string) => void }, file: string, options: SizeActionOptions): Promise<void> {
  // one pool of threads for every SKU tried
  const pool = sharedPool(options.workers);
  try {
    await sizeCircuit(io, file, { ...options, sharedPool: pool.get });
  } finally {
    await pool.close();
  }
}

async function sizeCircuit(io: { out: (s: string) => void }, file: string, options: SizeActionOptions & { sharedPool: () => Piscina }): Promise<void> {
  const paths = circuitPaths(file, options.circuit);
  const skus = options.direct ? DIRECT_SKUS : PROVIDER_SKUS;
  const evidence: Evidence[] = [];
  let answer: string | undefined;
  const runs = new Map<string, { links: Row[]; apps: Row[] }>();
  const runAt = async (sku: string): Promise<{ links: Row[]; apps: Row[] }> => {
    const known = runs.get(sku);
    if (known !== undefined) return known;
    const overrides: Record<string, unknown> = Object.fromEntries(paths.map((p) => [p, sku]));
    if (options.replications !== undefined) overrides.replications = options.replications;
    const loaded = loadScenarioFile(file, overrides);
    checkScenario(loaded);
    const tasks = tasksFor(loaded, file, overrides, options.circuit);
    const run = await runWithProgress(tasks, `${loaded.scenario.name} at ${sku}`, options);
    const result = { links: run.results.flatMap((r) => r.links), apps: run.results.flatMap((r) => r.apps) };
    runs.set(sku, result);
    return result;
  };
  // the calls that capacity can keep: those meeting the targets at the largest SKU; and the demand,
  // what the connections carry there (at a smaller SKU TCP slows down behind the policer)
  const largest = await runAt(skus[skus.length - 1]!);
  const atLargest = options.teams ? callsMeetingTargets(largest.apps).met : new Set<string>();
  const demandBps = carriedBps(options.circuit, largest.links);
  for (const sku of skus) {
    const { links, apps } = await runAt(sku);
    const e = evaluate(sku, options, links, apps, atLargest, demandBps);
    evidence.push(e);
    if (e.pass) {
      answer = sku;
      break;
    }
  }
  const prices = pricesOf(file);
  const table = textTable(
    ['sku', 'max_util_%', 'window_delay_p95_ms', 'window_jitter_p95_ms', 'window_loss_p95_%', 'calls_met', 'meets', 'monthly_cost'],
    evidence.map((e) => [
      e.sku,
      fixed(e.utilization * 100, 1),
      fixed(e.delayP95, 2),
      fixed(e.jitter, 2),
      fixed(e.loss * 100, 3),
      e.calls === 0 ? '-' : `${e.callsMet}/${e.calls}`,
      e.pass ? 'yes' : 'no',
      prices.get(parseBandwidth(e.sku)!)?.toString() ?? '-',
    ]),
  );
  const verdict =
    answer === undefined
      ? `no SKU of circuit '${options.circuit}' meets the targets with ${options.headroom * 100}% headroom`
      : `circuit '${options.circuit}': ${answer}${prices.has(parseBandwidth(answer)!) ? ` (${prices.get(parseBandwidth(answer)!)} per month)` : ''}`;
  const beyond = evidence.length === 0 ? 0 : evidence[0]!.calls - atLargest.size;
  const note = options.teams && beyond > 0 ? `\n${beyond} call direction(s) miss the Teams targets even at ${skus[skus.length - 1]} (a long path or an impaired Internet, which no capacity fixes): they count against no SKU` : '';
  io.out(`${table}\n\n${verdict}${note}\n`);
}

/** Where the circuit is defined: in the base scenario and/or in variants. */
function circuitPaths(file: string, circuit: string): string[] {
  const data = parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>> | null;
  const paths: string[] = [];
  const has = (node: unknown) => typeof node === 'object' && node !== null && circuit in node;
  if (has(data?.circuits)) paths.push(`circuits.${circuit}.bandwidth`);
  for (const [name, variant] of Object.entries(data?.variants ?? {})) {
    if (has((variant as Record<string, unknown> | null)?.circuits)) paths.push(`variants.${name}.circuits.${circuit}.bandwidth`);
  }
  if (paths.length === 0) throw new UsageError(`${file}: no circuit named '${circuit}'`);
  return paths;
}

function tasksFor(loaded: LoadedScenario, file: string, overrides: Record<string, unknown>, circuit: string): Task[] {
  const { replications: _r, ...taskOverrides } = overrides;
  return loaded.variants
    .filter((v) => v.planner.circuits.some((c) => c.name === circuit))
    .flatMap((variant) =>
      Array.from({ length: loaded.scenario.replications }, (_, replication) => ({
        file,
        text: loaded.text,
        attachments: loaded.attachments,
        overrides: taskOverrides,
        variant: variant.variant,
        replication,
        seed: loaded.scenario.seed,
        label: '',
        scenario: variant,
      })),
    );
}

/** The busiest direction of the circuit's connections (edge <-> MSEE, not MSEE <-> peering location), bit/s. */
function carriedBps(circuit: string, links: readonly Row[]): number {
  const msee = new Set([`${circuit}.primary`, `${circuit}.secondary`]);
  const connection = links.filter((l) => (msee.has(l.from as string) || msee.has(l.to as string)) && !(msee.has(l.from as string) && msee.has(l.to as string)));
  return connection.filter((l) => (l.bandwidth_bps as number) < 400e9).reduce((m, l) => Math.max(m, l.throughput_bps as number), 0);
}

function evaluate(sku: string, options: SizeActionOptions, links: Row[], apps: Row[], atLargest: ReadonlySet<string>, demandBps: number): Evidence {
  // a connection runs on a port faster than the circuit: its load is measured against the purchased
  // bandwidth, as carried and as demanded (carried at the largest SKU: behind the policer TCP slows
  // down and a small circuit would look idle); a policer drop alone fails no size (docs/models.md)
  const purchased = parseBandwidth(sku)!;
  const utilization = Math.max(carriedBps(options.circuit, links), demandBps) / purchased;
  const calls = apps.filter((a) => a.kind === 'call');
  const worst = (column: string) => calls.reduce((m, a) => (Number.isFinite(a[column] as number) ? Math.max(m, a[column] as number) : m), 0);
  const judged = callsMeetingTargets(apps);
  const meetsTeams = !options.teams || keepsCalls(atLargest, judged.met);
  return {
    sku,
    utilization,
    delayP95: worst('window_delay_p95_ms'),
    jitter: worst('window_jitter_p95_ms'),
    loss: worst('window_loss_p95'),
    calls: judged.calls,
    callsMet: judged.met.size,
    pass: utilization <= 1 - options.headroom && meetsTeams,
  };
}

/** `prices.circuit` of the scenario: monthly price by bandwidth. */
function pricesOf(file: string): Map<number, number> {
  const data = parse(readFileSync(file, 'utf8')) as { prices?: { circuit?: Record<string, number> } } | null;
  const prices = new Map<number, number>();
  for (const [bw, price] of Object.entries(data?.prices?.circuit ?? {})) {
    const bps = parseBandwidth(bw);
    if (bps !== undefined) prices.set(bps, price);
  }
  return prices;
}
