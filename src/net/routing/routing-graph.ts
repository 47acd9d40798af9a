import { Heap } from 'heap-js';
import type { Link, LinkEnd as Node } from '../link.js';
import type { RouteFilter } from './link-routing.js';

/** What the routing graph needs of an advertisement: its scope and prefix (the filters' criteria) and origin. */
export interface RoutedAdvertisement {
  readonly key: string;
  readonly scope: string;
  readonly origin: Node;
}

/** Per hop, on top of the propagation delay: among equal delays, fewer hops win. */
export const HOP_COST = 1;

const carries = (filter: RouteFilter | undefined, ad: RoutedAdvertisement): boolean =>
  filter === undefined || filter.scopes?.has(ad.scope) === true || filter.prefixes?.has(ad.key) === true;

/**
 * The network as routing computes on it: links numbered, each with its cost (delay + metric + a hop,
 * all whole numbers, so sums along paths are exact) and which advertisements it carries, looked up in
 * a table of (advertisement, distinct filter) instead of testing the filter's sets on every relaxation.
 * Links believed down are left out of the graph.
 */
export class RoutingGraph {
  private readonly links: Link[] = [];
  private readonly index = new Map<Link, number>();
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly cost: Float64Array;
  /** Each link's filter class, -1 for a link that carries every route. */
  private readonly filterOf: Int32Array;
  private readonly filters: number;
  /** carry[ad * filters + class]: whether links of that class carry the advertisement. */
  private readonly carry: Uint8Array;
  private readonly up: Uint8Array;
  /** Links out of each node, by index. */
  private readonly out: Int32Array[];
  /** The up links into each node (compressed rows), rebuilt after a change. */
  private inStart = new Int32Array(0);
  private inLinks = new Int32Array(0);
  private stale = true;

  constructor(
    private readonly nodes: readonly Node[],
    private readonly ads: readonly RoutedAdvertisement[],
  ) {
    for (const node of nodes) for (const l of node.out) this.index.set(l, this.links.push(l) - 1);
    const count = this.links.length;
    this.from = new Int32Array(count);
    this.to = new Int32Array(count);
    this.cost = new Float64Array(count);
    this.filterOf = new Int32Array(count);
    this.up = new Uint8Array(count).fill(1);
    const classes = new Map<string, number>();
    const representatives: RouteFilter[] = [];
    this.links.forEach((l, i) => {
      this.from[i] = l.from.index;
      this.to[i] = l.to.index;
      this.cost[i] = l.delay + l.metric + HOP_COST;
      const f = l.routeFilter;
      if (f === undefined) return void (this.filterOf[i] = -1);
      const signature = `${[...(f.scopes ?? [])].sort().join(' ')}|${[...(f.prefixes ?? [])].sort().join(' ')}`;
      let c = classes.get(signature);
      if (c === undefined) {
        c = representatives.push(f) - 1;
        classes.set(signature, c);
      }
      this.filterOf[i] = c;
    });
    this.filters = representatives.length;
    this.carry = new Uint8Array(ads.length * this.filters);
    ads.forEach((ad, a) => representatives.forEach((f, c) => (this.carry[a * this.filters + c] = carries(f, ad) ? 1 : 0)));
    this.out = nodes.map((node) => Int32Array.from(node.out, (l) => this.index.get(l)!));
  }

  /** Routing believes the link up (or down). */
  setUp(link: Link, up: boolean): void {
    const i = this.index.get(link);
    if (i === undefined || (this.up[i] === 1) === up) return;
    this.up[i] = up ? 1 : 0;
    this.stale = true;
  }

  /** Whether `link` carries advertisement `a` (a link outside the graph carries nothing). */
  carries(link: Link, a: number): boolean {
    const i = this.index.get(link);
    return i !== undefined && this.carriesAt(i, a);
  }

  private carriesAt(i: number, a: number): boolean {
    const c = this.filterOf[i]!;
    return c < 0 || this.carry[a * this.filters + c] === 1;
  }

  /** The cost of crossing `link`. */
  costOf(link: Link): number {
    return this.cost[this.index.get(link)!]!;
  }

  /** Shortest distances (delay + metric + hop cost) from every node to the origin of advertisement `a`, over up links that carry it. */
  distancesTo(a: number): Float64Array {
    if (this.stale) this.rebuildIncoming();
    const n = this.nodes.length;
    const dist = new Float64Array(n).fill(Infinity);
    const done = new Uint8Array(n);
    const origin = this.ads[a]!.origin.index;
    dist[origin] = 0;
    // Reverse Dijkstra: relax the links that lead into the node just settled.
    const frontier = new Heap<[number, number]>((x, y) => x[0] - y[0] || x[1] - y[1]);
    frontier.push([0, origin]);
    for (let top = frontier.pop(); top !== undefined; top = frontier.pop()) {
      const v = top[1];
      if (done[v]) continue;
      done[v] = 1;
      for (let k = this.inStart[v]!; k < this.inStart[v + 1]!; k++) {
        const i = this.inLinks[k]!;
        if (!this.carriesAt(i, a)) continue;
        const u = this.from[i]!;
        const d = dist[v]! + this.cost[i]!;
        if (d < dist[u]!) {
          dist[u] = d;
          frontier.push([d, u]);
        }
      }
    }
    return dist;
  }

  /** Up links out of node `u` on a shortest path to the origin of any of `best` (advertisements with their distances). */
  nextHops(u: number, best: readonly number[], distances: readonly Float64Array[]): Link[] {
    const hops: Link[] = [];
    for (const i of this.out[u]!) {
      if (this.up[i] === 0) continue;
      const to = this.to[i]!;
      for (const a of best) {
        const d = distances[a]!;
        if (this.carriesAt(i, a) && d[to]! + this.cost[i]! === d[u]) {
          hops.push(this.links[i]!);
          break;
        }
      }
    }
    return hops;
  }

  /** Marks in `into` every node with an up link into a node marked in `marks` (and those marked). */
  markPredecessors(marks: Uint8Array, into: Uint8Array): void {
    if (this.stale) this.rebuildIncoming();
    for (let v = 0; v < marks.length; v++) {
      if (marks[v] === 0) continue;
      into[v] = 1;
      for (let k = this.inStart[v]!; k < this.inStart[v + 1]!; k++) into[this.from[this.inLinks[k]!]!] = 1;
    }
  }

  private rebuildIncoming(): void {
    const n = this.nodes.length;
    const start = new Int32Array(n + 1);
    for (let i = 0; i < this.links.length; i++) if (this.up[i] === 1) start[this.to[i]! + 1]!++;
    for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, n);
    const links = new Int32Array(start[n]!);
    for (let i = 0; i < this.links.length; i++) if (this.up[i] === 1) links[fill[this.to[i]!]!++] = i;
    this.inStart = start;
    this.inLinks = links;
    this.stale = false;
  }
}
