import type { PacketSink } from '../packet.js';
import { MAX_ROUTE_LENGTH } from '../packet-ring.js';

interface TrieNode {
  next: Map<PacketSink, TrieNode>;
  id: number;
}

/**
 * One array per distinct route, numbered: flows that take the same links to the same sink share
 * it, so a packet's route is a few hot cache lines however many flows there are, and a table can
 * keep a route as a number (`byId`).
 */
export class RouteInterner {
  private readonly root: TrieNode = { next: new Map(), id: -1 };
  /** Every distinct route seen, by id. */
  readonly byId: (readonly PacketSink[])[] = [];
  private readonly ids = new Map<readonly PacketSink[], number>();

  /** The shared array equal to `route` (which becomes it when first seen); never mutate either. */
  intern(route: readonly PacketSink[]): readonly PacketSink[] {
    // links keep a packet's place on its route in a ring's slot
    if (route.length > MAX_ROUTE_LENGTH) throw new Error(`a route of ${route.length} elements: at most ${MAX_ROUTE_LENGTH} are supported`);
    let node = this.root;
    for (const element of route) {
      let child = node.next.get(element);
      if (child === undefined) {
        child = { next: new Map(), id: -1 };
        node.next.set(element, child);
      }
      node = child;
    }
    if (node.id < 0) {
      node.id = this.byId.length;
      this.byId.push(route);
      this.ids.set(route, node.id);
    }
    return this.byId[node.id]!;
  }

  /** The id of a route `intern` returned. */
  idOf(route: readonly PacketSink[]): number {
    const id = this.ids.get(route);
    if (id === undefined) throw new Error('route was not interned');
    return id;
  }
}
