import { Heap } from 'heap-js';
import { RouteInterner } from './route-interner.js';
import type { EventHandler } from '../../core/event-list.js';
import type { Simulator } from '../../core/simulator.js';
import type { Nanos } from '../../core/time.js';
import type { Link, LinkEnd as Node } from '../link.js';
import type { FibEntry as GenericFibEntry } from './fib.js';
import type { Failover, RouteFilter } from './link-routing.js';
import { NeutralPathPolicy, type PathPolicy } from './path-policy.js';

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

const carries = (filter: RouteFilter | undefined, ad: Advertisement): boolean =>
  filter === undefined || filter.scopes?.has(ad.scope) === true || filter.prefixes?.has(ad.key) === true;

type Action =
  | { kind: 'withdraw'; link: Link; version: number; convergence: Nanos }
  | { kind: 'restore'; link: Link; version: number }
  | { kind: 'converge' };

/** Per hop, on top of the propagation delay: among equal delays, fewer hops win. */
const HOP_COST = 1;

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
  /** Flows' routes, one array per distinct route. */
  readonly routes = new RouteInterner();
  private readonly advertisements: Advertisement[] = [];
  private readonly knownDown = new Set<Link>();
  private readonly versions = new Map<Link, number>();
  private readonly pending = new Map<number, Action>();
  private nextAction = 0;
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly nodes: readonly Node[],
    /** What routes do to the packets of the flows that take them (markings, payload, exposure). */
    readonly policy: PathPolicy = new NeutralPathPolicy(),
  ) {}

  advertise(prefix: Prefix, origin: Node, preference = 0, scope = 'any', discard = false): void {
    this.advertisements.push({ prefix, key: prefixKey(prefix), origin, preference, scope, discard });
  }

  /** Called after every change of the forwarding tables. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Compute and install every table from the links routing believes up. */
  converge(): void {
    const byKey = new Map<string, Advertisement[]>();
    for (const ad of this.advertisements) byKey.set(ad.key, [...(byKey.get(ad.key) ?? []), ad]);
    const tables: FibEntry[][] = this.nodes.map(() => []);
    for (const ads of byKey.values()) {
      const distances = ads.map((ad) => this.distancesTo(ad));
      this.nodes.forEach((node, u) => {
        let best: number[] = [];
        for (let a = 0; a < ads.length; a++) {
          if (distances[a]![u] === Infinity) continue;
          if (best.length === 0) best = [a];
          else {
            const b = best[0]!;
            const better = ads[a]!.preference - ads[b]!.preference || distances[b]![u]! - distances[a]![u]!;
            if (better > 0) best = [a];
            else if (better === 0) best.push(a);
          }
        }
        if (best.length === 0) return;
        const own = best.find((a) => ads[a]!.origin === node);
        const local = own !== undefined;
        const discard = own !== undefined && ads[own]!.discard;
        const nextHops = local ? [] : this.nextHops(node, best.map((a) => ads[a]!), best.map((a) => distances[a]!));
        if (local || nextHops.length > 0) tables[u]!.push({ prefix: ads[0]!.prefix, key: ads[0]!.key, local, discard, nextHops });
      });
    }
    this.nodes.forEach((node, u) => node.fib.replaceAll(tables[u]!));
    this.changed();
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
    if (action.kind === 'withdraw') {
      this.knownDown.add(action.link);
      this.withdrawThrough();
      this.schedule(this.sim.now + action.convergence, { kind: 'converge' });
    } else {
      this.knownDown.delete(action.link);
      this.converge();
    }
  }

  /** Remove from every table the next hops whose path crosses a link known to be down. */
  private withdrawThrough(): void {
    const keys = new Set<string>();
    for (const node of this.nodes) for (const e of node.fib.all()) keys.add(e.key);
    for (const key of keys) {
      const state = new Int8Array(this.nodes.length); // 0 unknown, 1 visiting, 2 usable, 3 broken
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
            entry.nextHops = entry.nextHops.filter((l) => !this.knownDown.has(l) && usable(l.to));
            ok = entry.nextHops.length > 0;
          }
        }
        state[node.index] = ok ? 2 : 3;
        return ok;
      };
      for (const node of this.nodes) if (!usable(node) && node.fib.get(key) !== undefined) node.fib.remove(key);
    }
    this.changed();
  }

  /** Shortest distances (delay + hop cost) from every node to the origin of `ad`, over links believed up that carry it. */
  private distancesTo(ad: Advertisement): Float64Array {
    const origin = ad.origin;
    const n = this.nodes.length;
    const dist = new Float64Array(n).fill(Infinity);
    const done = new Uint8Array(n);
    dist[origin.index] = 0;
    // Reverse Dijkstra: relax the links that lead into the node just settled.
    const incoming: Link[][] = this.nodes.map(() => []);
    for (const node of this.nodes) for (const l of node.out) if (!this.knownDown.has(l) && carries(l.routeFilter, ad)) incoming[l.to.index]!.push(l);
    const frontier = new Heap<[number, number]>((a, b) => a[0] - b[0] || a[1] - b[1]);
    frontier.push([0, origin.index]);
    for (let top = frontier.pop(); top !== undefined; top = frontier.pop()) {
      const v = top[1];
      if (done[v]) continue;
      done[v] = 1;
      for (const l of incoming[v]!) {
        const u = l.from.index;
        const d = dist[v]! + l.delay + l.metric + HOP_COST;
        if (d < dist[u]!) {
          dist[u] = d;
          frontier.push([d, u]);
        }
      }
    }
    return dist;
  }

  /** Links out of `node` on a shortest path to any of the best origins. */
  private nextHops(node: Node, ads: Advertisement[], distances: Float64Array[]): Link[] {
    const hops: Link[] = [];
    for (const l of node.out) {
      if (this.knownDown.has(l)) continue;
      if (distances.some((d, i) => carries(l.routeFilter, ads[i]!) && d[l.to.index]! + l.delay + l.metric + HOP_COST === d[node.index])) hops.push(l);
    }
    return hops;
  }

  private schedule(at: Nanos, action: Action): void {
    const id = this.nextAction++;
    this.pending.set(id, action);
    this.sim.at(at, this, id);
  }

  private changed(): void {
    this.epoch++;
    for (const listener of this.listeners) listener();
  }
}
