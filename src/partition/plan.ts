import { NS_PER_MS } from '../core/time.js';
import type { Nanos } from '../core/time.js';
import type { CompiledRun } from '../compile/compile.js';
import { Link } from '../net/link.js';
import { FlowRoute } from '../net/routing/flow-route.js';
import type { NetworkScenario } from '../scenario/scenario.js';
import { AUTO_MIN_EVENTS, AUTO_PARTITIONS, flowEvents } from '../planner/cost.js';

/** No boundary cuts a link shorter than this: a shorter window costs more in barriers than it gains. */
export const MIN_LOOKAHEAD: Nanos = NS_PER_MS / 2;
/**
 * Windows are never longer than this, however long the cut links: what two threads exchange in a
 * window then stays far below a mailbox's size (a millisecond of 100 Gbps is 8,300 packets).
 */
export const MAX_WINDOW: Nanos = NS_PER_MS;
/**
 * What a window and an event cost (ns; docs/parallel.md): a window of two threads, barrier and
 * mailboxes, measured at 8-11 us (0.7-1.4 us on one thread); an event of the small enterprise's
 * packet path about 300 ns (4 M events/s). A short lookahead over a long run is all windows.
 */
const WINDOW_NS = 10_000;
const EVENT_NS = 300;
/** 'auto' splits only when the estimated speed-up on `partitions` threads is at least this. */
const AUTO_MIN_SPEEDUP = 1.5;

/** How one replication is split: each node's partition, and the window every partition advances by. */
export interface PartitionPlan {
  count: number;
  /** The shortest delay of a link whose ends are in different partitions. */
  lookahead: Nanos;
  /** Every window's length: the lookahead, at most MAX_WINDOW. */
  window: Nanos;
  /** Partition of node i (the network's node order). */
  partitionOf: Int32Array;
  /** Estimated events of each partition (for placing them on threads). */
  weights: number[];
  /** The speed-up estimated with every partition on a thread of its own, windows counted. */
  speedup: number;
}

/**
 * Split a compiled network into partitions at long links (docs/parallel.md). Every partition runs
 * a copy of the whole network and simulates the packets at its own nodes; the cut links carry
 * packets between partitions, and their delay is the lookahead. The plan depends on the scenario
 * alone (never on the number of threads): every copy of the network computes the same one.
 * `split` false (a run without packets) or a network too small to be worth it: one partition.
 */
export function planPartitions(run: CompiledRun, scenario: NetworkScenario, split = true): PartitionPlan {
  const nodes = run.network.nodes.length;
  const one: PartitionPlan = { count: 1, lookahead: Infinity, window: Infinity, partitionOf: new Int32Array(nodes), weights: [1], speedup: 1 };
  const requested = scenario.parallel?.partitions ?? 'auto';
  if (!split || requested === 1) return one;
  const weight = nodeWeights(run, scenario);
  let total = 0;
  for (const w of weight) total += w;
  if (requested === 'auto' && total < AUTO_MIN_EVENTS) return one;
  const wanted = requested === 'auto' ? AUTO_PARTITIONS : requested;

  const links = run.network.links;
  const floor = scenario.parallel?.lookahead ?? MIN_LOOKAHEAD;
  const candidates = [...new Set(links.map((l) => l.delay).filter((d) => d >= floor))].sort((a, b) => b - a);
  let best: PartitionPlan | undefined;
  for (const lookahead of candidates) {
    const plan = cutAt(lookahead, links, nodes, weight, total, wanted, scenario.duration);
    // the longest lookahead (fewest windows) among equals
    if (plan.count >= 2 && (best === undefined || plan.speedup > best.speedup)) best = plan;
  }
  if (best === undefined || (requested === 'auto' && best.speedup < AUTO_MIN_SPEEDUP)) return one;
  return best;
}

/** The plan that cuts every link at least `lookahead` long and deals the pieces into `wanted` partitions. */
function cutAt(lookahead: Nanos, links: readonly Link[], nodes: number, weight: Float64Array, total: number, wanted: number, duration: Nanos): PartitionPlan {
  const parent = Int32Array.from({ length: nodes }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const l of links) {
    if (l.delay >= lookahead) continue;
    const a = find(l.from.index);
    const b = find(l.to.index);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const componentWeight = new Map<number, number>();
  for (let n = 0; n < nodes; n++) componentWeight.set(find(n), (componentWeight.get(find(n)) ?? 0) + weight[n]!);
  // largest first into the lightest partition (ties: the lower component, the lower partition)
  const components = [...componentWeight].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const count = Math.min(wanted, components.length);
  const weights = new Array<number>(count).fill(0);
  const partitionOfComponent = new Map<number, number>();
  for (const [root, w] of components) {
    let lightest = 0;
    for (let p = 1; p < count; p++) if (weights[p]! < weights[lightest]!) lightest = p;
    weights[lightest]! += w;
    partitionOfComponent.set(root, lightest);
  }
  const partitionOf = new Int32Array(nodes);
  for (let n = 0; n < nodes; n++) partitionOf[n] = partitionOfComponent.get(find(n))!;
  let heaviest = 0;
  for (const w of weights) heaviest = Math.max(heaviest, w);
  // the window is the shortest link actually cut
  let shortest = Infinity;
  for (const l of links) if (partitionOf[l.from.index] !== partitionOf[l.to.index]) shortest = Math.min(shortest, l.delay);
  const window = Math.min(shortest, MAX_WINDOW);
  const speedup = (total * EVENT_NS) / (heaviest * EVENT_NS + (duration / window) * WINDOW_NS);
  return { count, lookahead: shortest, window, partitionOf, weights, speedup };
}

/**
 * Where the work is: each flow's estimated events (planner/cost.ts) on the nodes that send its
 * packets onto each link of its route at the start, and at its two ends; cross traffic at its link's sender.
 */
function nodeWeights(run: CompiledRun, scenario: NetworkScenario): Float64Array {
  const network = run.network;
  const weight = new Float64Array(network.nodes.length);
  const specs = new Map(scenario.flows.map((f) => [f.name, f]));
  for (const flow of network.flows) {
    if (flow.info.background) continue;
    const spec = specs.get(flow.name) ?? specs.get(flow.name.replace(/\.(down|response)$/, ''));
    const route = flow.route;
    if (spec === undefined || !(route instanceof FlowRoute)) continue;
    const hops = route.links().links.filter((h): h is Link => h instanceof Link);
    let rate = flowEvents(spec);
    if (spec.protocol !== 'udp') rate /= 2;
    // a bulk TCP flow: as many packets as the slowest link of its route carries
    if (!(rate > 0) && spec.protocol === 'tcp' && hops.length > 0) {
      let slowest = Infinity;
      for (const h of hops) slowest = Math.min(slowest, h.bandwidthBps);
      rate = (slowest / (8 * 1500)) * ((spec.stop - spec.start) / 1e9);
    }
    if (!(rate > 0) || !Number.isFinite(rate)) continue;
    // the flow's events shared by the nodes that handle its packets
    const share = rate / (hops.length + 2);
    for (const h of hops) weight[h.from.index]! += share;
    weight[network.node(flow.info.from).index]! += share;
    weight[network.node(flow.info.to).index]! += share;
  }
  for (const spec of scenario.links) {
    const x = spec.crossTraffic;
    if (x !== undefined) weight[network.node(spec.from).index]! += ((x.load * spec.bandwidthBps) / (8 * x.packetSize)) * (scenario.duration / 1e9);
  }
  return weight;
}
