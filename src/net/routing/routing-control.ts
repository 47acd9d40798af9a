import { RouteInterner } from './route-interner.js';
import { Delivery } from '../delivery.js';
import type { PacketPool } from '../packet.js';
import type { EventHandler } from '../../core/event-list.js';
import type { Simulator } from '../../core/simulator.js';
import type { Nanos } from '../../core/time.js';
import type { Link, LinkEnd as Node } from '../link.js';
import type { FibEntry as GenericFibEntry } from './fib.js';
import type { Failover } from './link-routing.js';
import { NeutralPathPolicy, type PathPolicy } from './path-policy.js';
import { RoutingGraph } from './routing-graph.js';

type FibEntry = GenericFibEntry<Link>;
import { prefixKey, type Prefix } from '../../core/prefix.js';

/** A route announced by its owner. `scope` lets link filters tell kinds of routes apart. */
export interface Advertisement {
  readonly prefix: Prefix;
  readonly key: string;
  readonly origin: Node;
  readonly preference: number;
  readonly scope: string;
  readonly discard: boolean;
}

/** Distances kept for incremental convergence at most (advertisements x nodes x 8 bytes); a larger network recomputes every table at every change. */
const MAX_KEPT_DISTANCE_BYTES = 64 * 1024 * 1024;
const NO_DISTANCES = new Float64Array(0);

type Action =
  | { kind: 'withdraw'; link: Link; version: number; convergence: Nanos }
  | { kind: 'restore'; link: Link; version: number }
  | { kind: 'converge' };

/**
 * The control plane of the whole network. Owners advertise prefixes (with a preference: among
 * routes to the same prefix the higher preference wins, then the lower delay; equal ones are kept
 * as equal-cost next hops). Each node gets a forwarding table (FIB) for longest-prefix match.
 *
 * When a link with a `failover` fails, routing learns it only after the detection delay (BGP hold
 * time, BFD): until then packets follow the stale route and die on the dead link. At detection the
 * routes that crossed it are withdrawn everywhere (a less specific route, if any, takes over; else
 * packets are dropped as no_route), and after the convergence delay the new best paths are
 * installed. A repaired link is used again once its routes have converged. Links without failover
 * are never withdrawn. Every change of the tables bumps `epoch`, which invalidates cached routes.
 */
export class RoutingControl implements EventHandler {
  epoch = 0;
  /** False: every convergence computes every table from scratch (the reference the incremental tables are tested against). */
  incremental = true;
  /** Flows' routes, one array per distinct route. */
  readonly routes = new RouteInterner();
  /** The end of every flow's route (see Delivery). */
  readonly delivery: Delivery;
  private readonly advertisements: Advertisement[] = [];
  private readonly knownDown = new Set<Link>();
  private readonly versions = new Map<Link, number>();
  private readonly pending = new Map<number, Action>();
  private nextAction = 0;
  private readonly listeners: (() => void)[] = [];
  /**
   * Each advertisement's distances from every node, for the links believed up when they were last
   * computed: a change of a link then recomputes only the prefixes whose paths it can change.
   */
  private distances: Float64Array[] = [];
  /** Advertisements by prefix key, in the order they were made; undefined until the first convergence. */
  private byKey: Map<string, number[]> | undefined;
  /** Links whose believed state changed since the tables were last computed. */
  private readonly changed = new Set<Link>();
  private graph: RoutingGraph | undefined;
  /** Whether `distances` are kept between convergences (see MAX_KEPT_DISTANCE_BYTES). */
  private cached = false;
  /** Per prefix, the nodes whose entries a withdrawal changed since the tables were last computed. */
  private readonly withdrawn = new Map<string, number[]>();

  constructor(
    private readonly sim: Simulator,
    private readonly nodes: readonly Node[],
    packets: PacketPool,
    /** What routes do to the packets of the flows that take them (markings, payload, exposure). */
    readonly policy: PathPolicy = new NeutralPathPolicy(),
  ) {
    this.delivery = new Delivery(packets);
  }

  advertise(prefix: Prefix, origin: Node, preference = 0, scope = 'any', discard = false): void {
    this.advertisements.push({ prefix, key: prefixKey(prefix), origin, preference, scope, discard });
    this.byKey = undefined;
  }

  /** Called after every change of the forwarding tables. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Compute and install the tables from the links routing believes up: every table the first time
   * (or after a new advertisement), then only the prefixes a changed link can move (see `affected`).
   * Either way the tables are those a computation from scratch gives.
   */
  converge(): void {
    if (!this.cached || this.byKey === undefined || this.graph === undefined) {
      this.graph = new RoutingGraph(this.nodes, this.advertisements);
      for (const link of this.knownDown) this.graph.setUp(link, false);
      this.byKey = new Map();
      this.advertisements.forEach((ad, a) => {
        const list = this.byKey!.get(ad.key);
        if (list === undefined) this.byKey!.set(ad.key, [a]);
        else list.push(a);
      });
      // the distances are kept for incremental convergence when they fit (a network's every node advertises itself: they grow as nodes^2)
      this.cached = this.incremental && this.advertisements.length * this.nodes.length * 8 <= MAX_KEPT_DISTANCE_BYTES;
      this.distances = new Array<Float64Array>(this.advertisements.length).fill(NO_DISTANCES);
      const tables: FibEntry[][] = this.nodes.map(() => []);
      for (const ads of this.byKey.values()) {
        for (const a of ads) this.distances[a] = this.graph.distancesTo(a);
        this.nodes.forEach((node, u) => {
          const entry = this.entryFor(node, ads);
          if (entry !== undefined) tables[u]!.push(entry);
        });
        if (!this.cached) for (const a of ads) this.distances[a] = NO_DISTANCES;
      }
      this.nodes.forEach((node, u) => node.fib.replaceAll(tables[u]!));
    } else {
      // per prefix: only nodes whose distance changed, those with a link into one, and the changed links' tails can get a new entry
      const n = this.nodes.length;
      const moved = new Uint8Array(n);
      const recompute = new Uint8Array(n);
      const keys = this.affected(this.changed);
      for (const key of this.withdrawn.keys()) keys.add(key);
      for (const key of keys) {
        const ads = this.byKey.get(key)!;
        moved.fill(0);
        recompute.fill(0);
        // a link back up before its withdrawal converged leaves the distances as they were: the withdrawn entries come back all the same
        for (const v of this.withdrawn.get(key) ?? []) recompute[v] = 1;
        for (const a of ads) {
          const before = this.distances[a]!;
          const after = this.graph.distancesTo(a);
          for (let v = 0; v < n; v++) if (before[v] !== after[v]) moved[v] = 1;
          this.distances[a] = after;
        }
        this.graph.markPredecessors(moved, recompute);
        for (const link of this.changed) recompute[link.from.index] = 1;
        for (let v = 0; v < n; v++) if (recompute[v] === 1) this.nodes[v]!.fib.set(key, this.entryFor(this.nodes[v]!, ads));
      }
    }
    this.changed.clear();
    this.withdrawn.clear();
    this.tablesChanged();
  }

  /** The forwarding entry of `node` for a prefix advertised by `ads`, or undefined when it has no route. */
  private entryFor(node: Node, ads: readonly number[]): FibEntry | undefined {
    const u = node.index;
    let best: number[] = [];
    for (const a of ads) {
      if (this.distances[a]![u] === Infinity) continue;
      if (best.length === 0) best = [a];
      else {
        const b = best[0]!;
        const better = this.advertisements[a]!.preference - this.advertisements[b]!.preference || this.distances[b]![u]! - this.distances[a]![u]!;
        if (better > 0) best = [a];
        else if (better === 0) best.push(a);
      }
    }
    if (best.length === 0) return undefined;
    const own = best.find((a) => this.advertisements[a]!.origin === node);
    const local = own !== undefined;
    const discard = own !== undefined && this.advertisements[own]!.discard;
    const nextHops = local ? [] : this.graph!.nextHops(u, best, this.distances);
    const ad = this.advertisements[ads[0]!]!;
    return local || nextHops.length > 0 ? { prefix: ad.prefix, key: ad.key, local, discard, nextHops } : undefined;
  }

  /**
   * The prefixes whose tables a change of `links` can alter, judged on the distances last computed:
   * a link now believed down that lies on a shortest path of one of the prefix's advertisements (it
   * may be a next hop), or a link back up that would give a path as short or shorter (it may become
   * one). Any other change leaves every distance and next hop as it was.
   */
  private affected(links: Iterable<Link>): Set<string> {
    if (!this.cached) return new Set(this.byKey?.keys()); // without kept distances, every prefix
    const keys = new Set<string>();
    const graph = this.graph!;
    for (const link of links) {
      const down = this.knownDown.has(link);
      const cost = graph.costOf(link);
      const from = link.from.index;
      const to = link.to.index;
      this.advertisements.forEach((ad, a) => {
        if (keys.has(ad.key) || !graph.carries(link, a)) return;
        const d = this.distances[a]!;
        const via = d[to]! + cost;
        if (via === Infinity) return;
        if (down ? d[from] === via : d[from]! >= via) keys.add(ad.key);
      });
    }
    return keys;
  }

  /** The physical state of a link changed (now). */
  linkChanged(link: Link, up: boolean, failover: Failover | undefined): void {
    const version = (this.versions.get(link) ?? 0) + 1;
    this.versions.set(link, version);
    if (failover === undefined) return;
    if (!up) {
      this.schedule(this.sim.now + failover.detection, { kind: 'withdraw', link, version, convergence: failover.convergence });
    } else if (this.knownDown.has(link)) {
      this.schedule(this.sim.now + failover.convergence, { kind: 'restore', link, version });
    }
  }

  onEvent(id: number): void {
    const action = this.pending.get(id)!;
    this.pending.delete(id);
    if (action.kind === 'converge') return this.converge();
    if (this.versions.get(action.link) !== action.version) return; // the link changed again meanwhile
    this.changed.add(action.link);
    this.graph?.setUp(action.link, action.kind !== 'withdraw');
    if (action.kind === 'withdraw') {
      this.knownDown.add(action.link);
      this.withdrawThrough(action.link);
      this.schedule(this.sim.now + action.convergence, { kind: 'converge' });
    } else {
      this.knownDown.delete(action.link);
      this.converge();
    }
  }

  /** Remove from every table the next hops whose path crosses a link known to be down (`link` now, the others before). */
  private withdrawThrough(link: Link): void {
    // only prefixes whose shortest paths crossed the link can have a next hop through it
    for (const key of this.affected([link])) {
      const state = new Int8Array(this.nodes.length); // 0 unknown, 1 visiting, 2 usable, 3 broken
      const touched = this.withdrawn.get(key) ?? [];
      this.withdrawn.set(key, touched);
      const usable = (node: Node): boolean => {
        const s = state[node.index];
        if (s === 2) return true;
        if (s === 1 || s === 3) return false;
        state[node.index] = 1;
        const entry = node.fib.get(key);
        let ok = false;
        if (entry !== undefined) {
          if (entry.local) ok = true;
          else {
            const before = entry.nextHops.length;
            entry.nextHops = entry.nextHops.filter((l) => !this.knownDown.has(l) && usable(l.to));
            if (entry.nextHops.length !== before) touched.push(node.index);
            ok = entry.nextHops.length > 0;
          }
        }
        state[node.index] = ok ? 2 : 3;
        return ok;
      };
      for (const node of this.nodes) {
        if (usable(node) || node.fib.get(key) === undefined) continue;
        node.fib.remove(key);
        touched.push(node.index);
      }
    }
    this.tablesChanged();
  }

  private schedule(at: Nanos, action: Action): void {
    const id = this.nextAction++;
    this.pending.set(id, action);
    this.sim.at(at, this, id);
  }

  private tablesChanged(): void {
    this.epoch++;
    for (const listener of this.listeners) listener();
  }
}
