import type { Link } from '../link.js';
import type { Node } from '../node.js';

/**
 * The lowest-delay path from `from` to `to` (Dijkstra on propagation delay; among equal delays the
 * path with fewer hops, then the one using earlier-defined links). Returns undefined if unreachable.
 * Links that are down are ignored.
 */
export function shortestPath(nodes: readonly Node[], from: Node, to: Node): Link[] | undefined {
  const n = nodes.length;
  const delay = new Float64Array(n).fill(Infinity);
  const hops = new Float64Array(n).fill(Infinity);
  const via: (Link | undefined)[] = new Array<Link | undefined>(n);
  const done = new Uint8Array(n);
  delay[from.index] = 0;
  hops[from.index] = 0;
  for (;;) {
    let u = -1;
    for (let i = 0; i < n; i++) {
      if (done[i] || delay[i] === Infinity) continue;
      if (u < 0 || delay[i]! < delay[u]! || (delay[i] === delay[u] && hops[i]! < hops[u]!)) u = i;
    }
    if (u < 0) return undefined;
    if (u === to.index) break;
    done[u] = 1;
    for (const link of nodes[u]!.out) {
      if (!link.up) continue;
      const v = link.to.index;
      const d = delay[u]! + link.delay;
      const h = hops[u]! + 1;
      if (d < delay[v]! || (d === delay[v] && h < hops[v]!)) {
        delay[v] = d;
        hops[v] = h;
        via[v] = link;
      }
    }
  }
  const path: Link[] = [];
  for (let v = to.index; v !== from.index; ) {
    const link = via[v]!;
    path.push(link);
    v = link.from.index;
  }
  return path.reverse();
}
