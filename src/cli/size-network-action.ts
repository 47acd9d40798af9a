import { PROVIDER_CIRCUIT_BPS, DIRECT_PORTS } from '../planner/azure/facts.js';
import { ACCESS_SIZES_BPS } from '../planner/assumptions.js';
import { checkScenario } from '../planner/check.js';
import { loadScenarioFile, parseScenarioText, type LoadedScenario } from '../planner/load.js';
import type { Scenario } from '../planner/scenario.js';
import type { CrossTrafficSpec } from '../scenario/scenario.js';
import { mergeOverride } from '../scenario/load.js';
import { toCsv } from '../output/csv.js';
import type { Row } from '../stats/records.js';
import { formatBandwidth, parseBandwidth } from '../scenario/units.js';
import { sharedPool } from '../parallel/run-tasks.js';
import { ScenarioError } from '../scenario/errors.js';
import { callsMeetingTargets, keepsCalls } from '../stats/call-targets.js';
import { chooseDesign, withVariants, type Design } from './design.js';
import { UsageError } from './errors.js';
import { checkOutputFolder, scenarioFiles, writeResults } from './results-folder.js';
import { simulateLoaded, type RunActionOptions } from './run-action.js';
import { fixed, textTable } from './table.js';

export interface SizeNetworkOptions extends RunActionOptions {
  headroom: number;
  teams: boolean;
  variant?: string;
}

/** Something to size: its states, each a patch of the design, and the standard sizes to try. */
interface Resource {
  kind: 'circuit' | 'internet-access' | 'wan-port';
  name: string;
  sizes: readonly number[];
  /** The design's fields at a size, in each state that must hold. */
  states: { state: string; patch: (bps: number) => Record<string, unknown> }[];
  /** Its links in links.csv, and what their load is measured against. */
  links: (bps: number) => { names: Set<string>; capacityBps: number };
}

interface Evidence extends Row {
  resource: string;
  kind: string;
  state: string;
  size: string;
  utilization: number;
  /** What the network offers these links (their busiest direction at the largest size, this state) over this size. */
  demand_utilization: number;
  /** What the busiest direction carries at this size, as a share of that demand. */
  carried_share: number;
  policer_drops: number;
  calls: number;
  calls_met: number;
  /** Call directions that miss the targets even at the largest size in this state: no matter of capacity. */
  calls_missed_at_any_size: number;
  /** Traffic entries with no route in this state, left out of its run (space-separated names). */
  unroutable: string;
  pass: 'yes' | 'no';
}

const show = (bps: number): string => formatBandwidth(bps);

/**
 * Below this share of its demand a recommended size is said to throttle its traffic (a note under
 * the table, not a failure: the share of a few large transfers in a short run moves by a quarter
 * with one transfer more or less, hence a half, and the cure for TCP behind a policer is shaping,
 * not ten times the bandwidth).
 */
const THROTTLED_SHARE = 0.5;

const EVIDENCE_COLUMNS: readonly (keyof Evidence & string)[] = [
  'resource', 'kind', 'state', 'size', 'utilization', 'demand_utilization', 'carried_share', 'policer_drops', 'calls', 'calls_met', 'unroutable', 'calls_missed_at_any_size', 'pass',
];

/**
 * `ersim size` without --circuit: every circuit, every site's Internet access and the IP VPN's ports of a design, each
 * sized on its own (the others as the scenario has them) to the smallest standard size that passes
 * in every state that matters: a circuit with both connections up and with one down (Microsoft's
 * SLA covers the purchased bandwidth of one connection, not the burst over two); a site's Internet
 * access as it is and with the site's circuits gone (its traffic on the Internet). Passing: the
 * busiest direction under 1 - headroom of the size (a circuit: carried over purchased), both as
 * carried at that size and as carried at the largest size (the demand: behind a policer TCP slows
 * down, and a small circuit would look idle), and every call direction meeting the Teams targets.
 * Policer drops are reported, not judged: a single drop used to fail a size, and TCP meets a
 * policer narrower than the rest of its path at any load (a circuit 3% busy failed for 70 drops
 * while carrying all it was offered); a recommended size that carries under THROTTLED_SHARE of its
 * demand gets a note. Cross traffic keeps its rate at every size: its `load` is a share of the link
 * as the scenario sizes it. A bisection over the sizes (the checks grow easier with size), then the
 * size below the answer is run too, to show why not.
 */
export async function sizeNetworkAction(io: { out: (s: string) => void }, file: string, options: SizeNetworkOptions): Promise<void> {
  const loaded = loadScenarioFile(file, options.overrides);
  checkScenario(loaded);
  const design = chooseDesign(file, loaded, options.variant);
  const out = options.out ?? `results/${loaded.scenario.name}-sizing`;
  checkOutputFolder(out);
  const resources = resourcesOf(design.scenario);
  if (resources.length === 0) throw new UsageError(`${file}: variant '${design.scenario.variant}' has no circuit or site to size`);
  // one pool of threads for every size tried
  const pool = sharedPool(options.workers);
  try {
    await sizeResources(io, file, loaded, design, resources, out, { ...options, sharedPool: pool.get });
  } finally {
    await pool.close();
  }
}

async function sizeResources(io: { out: (s: string) => void }, file: string, loaded: LoadedScenario, design: Design, resources: Resource[], out: string, options: SizeNetworkOptions): Promise<void> {
  const evidence: Evidence[] = [];
  const answers: { resource: Resource; size?: number }[] = [];
  const tried = new Map<string, boolean>();
  /** Per resource and state, the call directions that met the targets at the largest size (run first). */
  const atLargest = new Map<string, Set<string>>();
  /** Per resource and state, what its busiest direction carried at the largest size: the demand, which a smaller policed size may hide (TCP slows down behind its policer). */
  const demandAtLargest = new Map<string, number>();

  /** Does `resource` pass in every state at `bps`? Runs what has not run yet. */
  const passes = async (resource: Resource, bps: number): Promise<boolean> => {
    const key = `${resource.kind}|${resource.name}|${bps}`;
    const known = tried.get(key);
    if (known !== undefined) return known;
    let all = true;
    for (const state of resource.states) {
      const { row, met, calls, carriedBps, capacityBps } = await evaluate(file, design, resource, state, bps, options);
      const stateKey = `${resource.kind}|${resource.name}|${state.state}`;
      if (bps === resource.sizes[resource.sizes.length - 1]) {
        atLargest.set(stateKey, met);
        demandAtLargest.set(stateKey, carriedBps);
      }
      const reference = atLargest.get(stateKey)!;
      const demandBps = demandAtLargest.get(stateKey)!;
      const demand = demandBps / capacityBps;
      const carried = demandBps > 0 ? Math.min(1, carriedBps / demandBps) : 1;
      const capacityOk = Math.max(row.utilization, demand) <= 1 - options.headroom;
      const pass = capacityOk && (!options.teams || keepsCalls(reference, met));
      evidence.push({ ...row, demand_utilization: demand, carried_share: carried, calls_missed_at_any_size: calls - reference.size, pass: pass ? 'yes' : 'no' });
      all &&= pass;
    }
    tried.set(key, all);
    return all;
  };

  for (const resource of resources) {
    let lo = 0;
    let hi = resource.sizes.length - 1;
    if (!(await passes(resource, resource.sizes[hi]!))) {
      answers.push({ resource });
      continue;
    }
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (await passes(resource, resource.sizes[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    if (lo > 0) await passes(resource, resource.sizes[lo - 1]!); // the evidence of the size below
    answers.push({ resource, size: resource.sizes[lo] });
  }

  const rows = answers.map((a) => ({
    resource: a.resource.name,
    kind: a.resource.kind,
    recommended: a.size === undefined ? 'none' : show(a.size),
    smaller_fails: a.size === undefined ? '' : a.resource.sizes.indexOf(a.size) === 0 ? 'smallest size' : show(a.resource.sizes[a.resource.sizes.indexOf(a.size) - 1]!),
  }));
  evidence.sort((a, b) => a.resource.localeCompare(b.resource) || parseBandwidth(a.size)! - parseBandwidth(b.size)! || a.state.localeCompare(b.state));
  const written = await writeResults(out, {
    'sizing.csv': toCsv(rows),
    'sizing_evidence.csv': toCsv(evidence, EVIDENCE_COLUMNS),
    ...scenarioFiles(loaded, {}),
  });
  if (!options.quiet) {
    const table = textTable(
      ['resource', 'kind', 'recommended', 'one size smaller'],
      rows.map((r) => [r.resource, r.kind, r.recommended, r.smaller_fails === '' ? '-' : r.smaller_fails === 'smallest size' ? 'smallest size' : `${r.smaller_fails} fails`]),
    );
    const beyond = evidence.reduce((m, e) => Math.max(m, e.calls_missed_at_any_size), 0);
    const throttled = throttledNotes(answers, evidence);
    const note = options.teams && beyond > 0 ? `\n${beyond} call direction(s) miss the Teams targets at every size (a long path or an impaired Internet, which no capacity fixes): they count against no size (calls_missed_at_any_size)` : '';
    io.out(`${table}\n\nheadroom ${fixed(options.headroom * 100, 0)}%, ${options.teams ? 'every call direction that meets the Teams targets at the largest size meeting them' : 'no call targets'}; evidence per size and state in sizing_evidence.csv${note}${throttled}\nwrote ${written.join(', ')}\n`);
  }
}

/**
 * A line per recommended size that carries under THROTTLED_SHARE of its demand in some state: what
 * it carries, its policer's drops, and for a policed circuit the usual cure.
 */
function throttledNotes(answers: readonly { resource: Resource; size?: number }[], evidence: readonly Evidence[]): string {
  const lines: string[] = [];
  for (const { resource, size } of answers) {
    if (size === undefined) continue;
    const rows = evidence.filter((e) => e.resource === resource.name && e.kind === resource.kind && e.size === show(size));
    const worst = rows.reduce<Evidence | undefined>((w, e) => (w === undefined || e.carried_share < w.carried_share ? e : w), undefined);
    if (worst === undefined || worst.carried_share >= THROTTLED_SHARE) continue;
    const policer = worst.policer_drops > 0 ? `, its policer dropping ${worst.policer_drops} packets: TCP slows down behind it (shaping: true on the circuit, the site shaping its egress to the rate, avoids that)` : '';
    lines.push(`\n${resource.name} at ${show(size)} (${worst.state}) carries only ${fixed(worst.carried_share * 100, 0)}% of what it carries at ${show(resource.sizes[resource.sizes.length - 1]!)}${policer}`);
  }
  return lines.join('');
}

/** Every circuit and every site's Internet access of the design, with the states they must hold in. */
function resourcesOf(design: Scenario): Resource[] {
  const whole = `${Math.ceil(design.duration / 1e9) + 1}s`;
  const resources: Resource[] = [];
  for (const c of design.planner.circuits) {
    const attach = c.site ?? `${c.name}.pe`;
    const sizes = c.direct ? (DIRECT_PORTS.get(c.portBps) ?? []) : PROVIDER_CIRCUIT_BPS;
    const size = (bps: number) => ({ circuits: { [c.name]: { bandwidth: show(bps) } } });
    resources.push({
      kind: 'circuit',
      name: c.name,
      sizes,
      states: [
        { state: 'all up', patch: size },
        { state: 'one connection down', patch: (bps) => mergeOverride(size(bps), { circuits: { [c.name]: { outages: [{ at: '0s', duration: whole, connection: 'primary' }] } } }) },
      ],
      links: (bps) => ({ names: new Set([`${attach}->${c.name}.primary`, `${c.name}.primary->${attach}`, `${attach}->${c.name}.secondary`, `${c.name}.secondary->${attach}`]), capacityBps: bps }),
    });
  }
  for (const s of design.planner.sites.filter((s) => s.kind === 'site')) {
    const base = Math.max(s.internet.downBps, s.internet.upBps);
    const size = (bps: number) => ({ sites: { [s.name]: { internet: { bandwidth: show(bps), ...crossTrafficAt(s.internet.crossTraffic, base, bps) } } } });
    // the circuits its traffic can take: its own, and on the IP VPN every circuit of the WAN
    const onWan = design.planner.wan?.sites.includes(s.name) === true;
    const mine = design.planner.circuits.filter((c) => c.site === s.name || (onWan && (c.connectivity === 'ipvpn' || (c.site !== undefined && design.planner.wan!.sites.includes(c.site)))));
    const states: Resource['states'] = [{ state: 'all up', patch: size }];
    if (mine.length > 0) {
      // the circuits gone for the whole run (not failing at its start: no detection or convergence to wait for)
      states.push({ state: 'its circuits down', patch: (bps) => mergeOverride(size(bps), { circuits: Object.fromEntries(mine.map((c) => [c.name, null])) }) });
    }
    resources.push({ kind: 'internet-access', name: s.name, sizes: ACCESS_SIZES_BPS, states, links: (bps) => ({ names: new Set([`${s.name}->${s.name}.isp`, `${s.name}.isp->${s.name}`]), capacityBps: bps }) });
  }
  const wan = design.planner.wan;
  if (wan !== undefined) {
    // the provider's ports between the members: as they are, and with each circuit on the WAN gone (its traffic to another)
    const members = [...wan.sites, ...design.planner.circuits.filter((c) => c.connectivity === 'ipvpn').map((c) => `${c.name}.pe`)];
    const names = new Set(members.flatMap((x) => members.filter((y) => y !== x).map((y) => `${x}->${y}`)));
    const size = (bps: number) => ({ wan: { bandwidth: show(bps), ...crossTrafficAt(wan.crossTraffic, wan.bandwidthBps, bps) } });
    const onWan = design.planner.circuits.filter((c) => c.connectivity === 'ipvpn' || (c.site !== undefined && wan.sites.includes(c.site)));
    const states: Resource['states'] = [{ state: 'all up', patch: size }];
    if (onWan.length > 1) for (const c of onWan) states.push({ state: `${c.name} gone`, patch: (bps) => mergeOverride(size(bps), { circuits: { [c.name]: null } }) });
    resources.push({ kind: 'wan-port', name: 'wan', sizes: ACCESS_SIZES_BPS, states, links: (bps) => ({ names, capacityBps: bps }) });
  }
  return resources;
}

/**
 * The cross traffic of a link resized from `baseBps` to `bps`, at the rate the scenario gives it:
 * its `load` is a share of the link, and a bigger access does not bring more background traffic.
 * An access of two speeds keeps the faster direction's rate (the larger load at a symmetric size).
 */
function crossTrafficAt(x: CrossTrafficSpec | undefined, baseBps: number, bps: number): { cross_traffic?: { load: number } } {
  return x === undefined ? {} : { cross_traffic: { load: Math.min(0.999, (x.load * baseBps) / bps) } };
}

async function evaluate(
  file: string,
  design: Design,
  resource: Resource,
  state: Resource['states'][number],
  bps: number,
  options: SizeNetworkOptions,
): Promise<{ row: Pick<Evidence, 'resource' | 'kind' | 'state' | 'size' | 'utilization' | 'policer_drops' | 'calls' | 'calls_met' | 'unroutable'>; met: Set<string>; calls: number; carriedBps: number; capacityBps: number }> {
  const { result, unroutable } = await simulateState(file, design, mergeOverride(design.fields, state.patch(bps)), options);
  const { names, capacityBps } = resource.links(bps);
  const links = result.links.filter((l) => names.has(String(l.link)));
  const carriedBps = links.reduce((m, l) => Math.max(m, l.throughput_bps as number), 0);
  const utilization = carriedBps / capacityBps;
  const policerDrops = links.reduce((s, l) => s + (l.drops_policer as number), 0);
  const { calls, met } = callsMeetingTargets(result.apps);
  return {
    row: {
      resource: resource.name,
      kind: resource.kind,
      state: state.state,
      size: show(bps),
      utilization,
      policer_drops: policerDrops,
      calls,
      calls_met: met.size,
      unroutable,
    },
    met,
    calls,
    carriedBps,
    capacityBps,
  };
}

/**
 * Run the design with these fields. A state may leave a traffic entry with no route (its circuits
 * gone, a VNet only they reach): that traffic cannot load what is sized, so the state runs without
 * it and names it (`unroutable`) rather than stopping the sizing with the scenario error a run
 * would give.
 */
async function simulateState(file: string, design: Design, fields: Record<string, unknown>, options: SizeNetworkOptions): Promise<{ result: Awaited<ReturnType<typeof simulateLoaded>>['result']; unroutable: string }> {
  const run = (f: Record<string, unknown>) =>
    simulateLoaded(parseScenarioText(withVariants(design, { sizing: f }), file, options.overrides, design.attachments), file, { ...options, report: false, timeSeriesInterval: undefined, quiet: true });
  try {
    return { result: (await run(fields)).result, unroutable: '' };
  } catch (error) {
    const traffic = (fields.traffic ?? design.data.traffic) as Record<string, unknown>[] | undefined;
    const cut = error instanceof ScenarioError && Array.isArray(traffic) ? unroutableTraffic(error, traffic.length) : undefined;
    if (cut === undefined) throw error;
    const names = [...cut].map((i) => String(traffic![i]!.name ?? `traffic[${i}]`));
    return { result: (await run({ ...fields, traffic: traffic!.filter((_, i) => !cut.has(i)) })).result, unroutable: names.join(' ') };
  }
}

/** The traffic entries (their indices) that a scenario error says have no route, if that is all it says. */
function unroutableTraffic(error: ScenarioError, entries: number): Set<number> | undefined {
  const cut = new Set<number>();
  for (const issue of error.issues) {
    const [field, index] = issue.path;
    if (issue.kind !== 'no-route' || field !== 'traffic' || typeof index !== 'number' || index >= entries) return undefined;
    cut.add(index);
  }
  return cut.size > 0 ? cut : undefined;
}
