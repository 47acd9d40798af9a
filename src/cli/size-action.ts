import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DIRECT_CIRCUIT_SIZES, PROVIDER_CIRCUIT_SIZES, TEAMS_MEDIA, TEAMS_TARGETS } from '../planner/azure/facts.js';
import { checkScenario } from '../planner/check.js';
import type { Task } from '../parallel/task.js';
import { loadScenarioFile, type LoadedScenario } from '../planner/load.js';
import { parseBandwidth } from '../scenario/units.js';
import type { Row } from '../stats/records.js';
import { UsageError } from './errors.js';
import { runWithProgress } from './run-action.js';
import { fixed, textTable } from './table.js';

const PROVIDER_SKUS: readonly string[] = PROVIDER_CIRCUIT_SIZES;
const DIRECT_SKUS: readonly string[] = DIRECT_CIRCUIT_SIZES;
/** Teams network targets, customer edge to Microsoft edge. */
const EDGE = TEAMS_TARGETS['teams-edge'];
const TEAMS = { delayMs: EDGE.oneWayMs, jitterMs: EDGE.jitterMs, loss: EDGE.loss };
/** Real-time media: EF (audio), AF41 (video), AF21 (sharing). */
const REAL_TIME_DSCP = new Set<number>([TEAMS_MEDIA.audio.dscp, TEAMS_MEDIA.video.dscp, TEAMS_MEDIA.sharing.dscp]);

export interface SizeActionOptions {
  circuit: string;
  headroom: number;
  teams: boolean;
  direct: boolean;
  replications?: number;
  quiet: boolean;
  workers: number;
  cache: boolean;
}

interface Evidence {
  sku: string;
  utilization: number;
  delayP95: number;
  jitter: number;
  loss: number;
  pass: boolean;
}

/**
 * Try the SKUs from the smallest up; for each, run every variant that has the circuit and check:
 * the busiest direction of either connection stays under 1 - headroom, and real-time flows meet the
 * Teams targets (worst replication). Stop at the first SKU that passes.
 */
export async function sizeAction(io: { out: (s: string) => void }, file: string, options: SizeActionOptions): Promise<void> {
  const paths = circuitPaths(file, options.circuit);
  const skus = options.direct ? DIRECT_SKUS : PROVIDER_SKUS;
  const evidence: Evidence[] = [];
  let answer: string | undefined;
  for (const sku of skus) {
    const overrides: Record<string, unknown> = Object.fromEntries(paths.map((p) => [p, sku]));
    if (options.replications !== undefined) overrides.replications = options.replications;
    const loaded = loadScenarioFile(file, overrides);
    checkScenario(loaded);
    const tasks = tasksFor(loaded, file, overrides, options.circuit);
    const run = await runWithProgress(tasks, `${loaded.scenario.name} at ${sku}`, options);
    const e = evaluate(sku, options, run.results.flatMap((r) => r.links), run.results.flatMap((r) => r.flows));
    evidence.push(e);
    if (e.pass) {
      answer = sku;
      break;
    }
  }
  const prices = pricesOf(file);
  const table = textTable(
    ['sku', 'max_util_%', 'rt_delay_p95_ms', 'rt_jitter_ms', 'rt_loss_%', 'meets', 'monthly_cost'],
    evidence.map((e) => [
      e.sku,
      fixed(e.utilization * 100, 1),
      fixed(e.delayP95, 2),
      fixed(e.jitter, 2),
      fixed(e.loss * 100, 3),
      e.pass ? 'yes' : 'no',
      prices.get(parseBandwidth(e.sku)!)?.toString() ?? '-',
    ]),
  );
  const verdict =
    answer === undefined
      ? `no SKU of circuit '${options.circuit}' meets the targets with ${options.headroom * 100}% headroom`
      : `circuit '${options.circuit}': ${answer}${prices.has(parseBandwidth(answer)!) ? ` (${prices.get(parseBandwidth(answer)!)} per month)` : ''}`;
  io.out(`${table}\n\n${verdict}\n`);
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
        overrides: taskOverrides,
        variant: variant.variant,
        replication,
        seed: loaded.scenario.seed,
        label: '',
        scenario: variant,
      })),
    );
}

function evaluate(sku: string, options: SizeActionOptions, links: Row[], flows: Row[]): Evidence {
  const msee = new Set([`${options.circuit}.primary`, `${options.circuit}.secondary`]);
  // the connections themselves: edge <-> MSEE (not MSEE <-> peering location)
  const connection = links.filter((l) => (msee.has(l.from as string) || msee.has(l.to as string)) && !(msee.has(l.from as string) && msee.has(l.to as string)));
  const access = connection.filter((l) => (l.bandwidth_bps as number) < 400e9);
  const utilization = Math.max(0, ...access.map((l) => l.utilization as number));
  const realTime = flows.filter((f) => REAL_TIME_DSCP.has(f.dscp as number));
  const worst = (column: string) => Math.max(0, ...realTime.map((f) => f[column] as number).filter((x) => Number.isFinite(x)));
  const delayP95 = worst('delay_p95_ms');
  const jitter = worst('jitter_ms');
  const loss = worst('loss_ratio');
  const meetsTeams = !options.teams || (delayP95 < TEAMS.delayMs && jitter < TEAMS.jitterMs && loss < TEAMS.loss);
  return { sku, utilization, delayP95, jitter, loss, pass: utilization <= 1 - options.headroom && meetsTeams };
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
