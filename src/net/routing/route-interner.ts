import type { PacketSink } from '../packet.js';

interface TrieNode {
  next: Map<PacketSink, TrieNode>;
  route: readonly PacketSink[] | undefined;
}

/**
 * One array per distinct route: flows that take the same links to the same sink share it, so a
 * packet's route is a few hot cache lines however many flows there are.
 */
export class RouteInterner {
  private readonly root: TrieNode = { next: new Map(), route: undefined };

  /** The shared array equal to `route` (which becomes it when first seen); never mutate either. */
  intern(route: readonly PacketSink[]): readonly PacketSink[] {
    let node = this.root;
    for (const element of route) {
      let child = node.next.get(element);
      if (child === undefined) {
        child = { next: new Map(), route: undefined };
        node.next.set(element, child);
      }
      node = child;
    }
    node.route ??= route;
    return node.route;
  }
}
