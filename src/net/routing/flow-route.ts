import type { Link, LinkEnd } from '../link.js';
import type { PacketSink } from '../packet.js';
import { Exposure, type Hop } from './path-policy.js';
import type { RoutingControl } from './routing-control.js';

/** Longer routes are taken for loops and end as no_route. */
const MAX_HOPS = 64;

/**
 * The route of one direction of a flow: resolved hop by hop from the forwarding tables (longest-
 * prefix match on the destination address, equal-cost next hops chosen by a hash of the flow id),
 * then cached until the tables change. A pinned route never changes.
 */
export class FlowRoute {
  private route: readonly PacketSink[] = [];
  private epoch = -1;
  private readonly pinned: boolean;
  /** The DSCP the flow's packets carry on the current route (the path policy's `dscpOn`). */
  dscp: number;
  /** How much WAN optimizers shrink the flow's payload on the current route (1: not at all). */
  compression = 1;
  /** How exposed the current route is (see `Exposure`). */
  exposure: number = Exposure.private;
  /** The smallest MTU on the current route (a tunnel's is the largest packet it carries inside). */
  mtu = Infinity;
  /** What the flow's packets carry for the routes' shared end to find the receiver by (see `PacketPool.tag`). */
  readonly tag: number;

  constructor(
    private readonly routing: RoutingControl,
    private readonly source: LinkEnd,
    /** The address, or how to pick it when the tables change (a site's private or NAT address). */
    private readonly destination: number | (() => number),
    private readonly flowId: number,
    /** The flow's receiver: its packets name it by `tag` for the routes' shared end. */
    readonly receiver: PacketSink,
    pinnedLinks?: readonly Link[],
    private readonly marking: Marking = { dscp: 0, flowClass: 0 },
    /** A proxy the flow passes through (hair-pinning): first to its address, then on from it. */
    private readonly via?: { node: LinkEnd; address: number | (() => number) },
  ) {
    this.pinned = pinnedLinks !== undefined;
    this.dscp = marking.dscp;
    this.tag = receiver.endsRoutes === true ? 0 : routing.delivery.tagOf(receiver);
    if (pinnedLinks !== undefined) {
      this.route = routing.routes.intern([...pinnedLinks, this.end()]);
      this.applyPolicy(pinnedLinks);
    }
  }

  /** The elements a packet sent now crosses: links, then the sink (or a node's no-route drop). */
  current(): readonly PacketSink[] {
    if (!this.pinned && this.epoch !== this.routing.epoch) this.resolve();
    return this.route;
  }

  /** The kinds of network the route crosses (the path policy's label), or 'none' when it does not arrive. */
  pathLabel(): string {
    const { links, complete } = this.links();
    return complete ? this.routing.policy.labelOf(links) : 'none';
  }

  /** The links of the current route, and whether it reaches the destination. */
  links(): { links: Hop[]; complete: boolean } {
    const route = this.current();
    const last = route[route.length - 1];
    return { links: route.slice(0, -1) as Hop[], complete: last === this.end() };
  }

  private resolve(): void {
    this.epoch = this.routing.epoch;
    const destination = typeof this.destination === 'number' ? this.destination : this.destination();
    let { links, end, complete } = walk(this.source, destination, this.flowId);
    if (this.via !== undefined) {
      const proxy = typeof this.via.address === 'number' ? this.via.address : this.via.address();
      const first = walk(this.source, proxy, this.flowId);
      const second = walk(this.via.node, destination, this.flowId);
      const reached = first.complete && first.end === this.via.node;
      links = reached ? [...first.links, ...second.links] : first.links;
      end = reached ? second.end : first.end;
      complete = reached && second.complete;
    }
    this.applyPolicy(links);
    const route: PacketSink[] = links;
    route.push(complete ? this.end() : end.noRoute);
    this.route = this.routing.routes.intern(route);
  }

  /** The last element of the route when it arrives: the receiver itself if all its flows share it, else the shared `Delivery`. */
  private end(): PacketSink {
    return this.receiver.endsRoutes === true ? this.receiver : this.routing.delivery;
  }

  private applyPolicy(links: readonly Hop[]): void {
    let mtu = Infinity;
    for (const l of links) if (l.mtu < mtu) mtu = l.mtu;
    this.mtu = mtu;
    const policy = this.routing.policy;
    this.dscp = policy.dscpOn(links, this.marking.dscp, this.marking.flowClass);
    this.exposure = policy.exposureOf(links);
    this.compression = policy.compressionOn(links, this.marking.flowClass);
  }
}

/**
 * Follow the forwarding tables from `source` towards `destination`: the links crossed, the node
 * where the walk ended, and whether the destination's prefix is local there.
 */
export function walk(source: LinkEnd, destination: number, flowId: number, stopAt?: LinkEnd, depth = 0): { links: Hop[]; end: LinkEnd; complete: boolean } {
  const links: Hop[] = [];
  let node = source;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (node === stopAt) return { links, end: node, complete: true };
    const entry = node.fib.lookup(destination);
    if (entry === undefined || entry.discard === true) break;
    if (entry.local) return { links, end: node, complete: stopAt === undefined };
    const hops = entry.nextHops;
    const link = hops.length === 1 ? hops[0]! : hops[hashIndex(flowId, node.index, hops.length)]!;
    const tunnel = link.tunnel;
    if (tunnel === undefined) links.push(link);
    else {
      // the packets go into the tunnel here and cross the underlay to its far end
      const underlay = depth < MAX_TUNNEL_NESTING ? walk(node, tunnel.remoteAddress, flowId, link.to, depth + 1) : undefined;
      links.push(tunnel.entrance);
      if (underlay === undefined || !underlay.complete) return { links: [...links, ...(underlay?.links ?? [])], end: underlay?.end ?? node, complete: false };
      for (const l of underlay.links) links.push(l);
      links.push(tunnel.exit);
    }
    node = link.to;
  }
  return { links, end: node, complete: false };
}

const MAX_TUNNEL_NESTING = 4;

/** A flow's DSCP marking and its class for the path policy (`PathPolicy.classOf`). */
export interface Marking {
  dscp: number;
  flowClass: number;
}

/** A deterministic spread of (flow, node) over n equal-cost next hops. */
function hashIndex(flowId: number, nodeIndex: number, n: number): number {
  let h = Math.imul(flowId + 1, 0x9e3779b1) ^ Math.imul(nodeIndex + 1, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) % n;
}
