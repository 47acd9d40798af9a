import type { Link } from '../link.js';
import { TunnelEndpoint } from './tunnel.js';
import type { Node } from '../node.js';
import type { PacketSink } from '../packet.js';
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
  /** The DSCP the flow's packets carry on the current route (see `markingOn`). */
  dscp: number;
  /** How much WAN optimizers shrink the flow's payload on the current route (1: not at all). */
  compression = 1;
  /** How exposed the current route is (see `Exposure`). */
  exposure: number = Exposure.private;

  constructor(
    private readonly routing: RoutingControl,
    private readonly source: Node,
    /** The address, or how to pick it when the tables change (a site's private or NAT address). */
    private readonly destination: number | (() => number),
    private readonly flowId: number,
    private readonly sink: PacketSink,
    pinnedLinks?: readonly Link[],
    private readonly marking: Marking = { dscp: 0, privatePeering: false },
    /** A proxy the flow passes through (hair-pinning): first to its address, then on from it. */
    private readonly via?: { node: Node; address: number | (() => number) },
  ) {
    this.pinned = pinnedLinks !== undefined;
    this.dscp = marking.dscp;
    if (pinnedLinks !== undefined) {
      this.route = routing.routes.intern([...pinnedLinks, sink]);
      this.dscp = markingOn(pinnedLinks, marking);
      this.exposure = exposureOf(pinnedLinks);
    }
  }

  /** The elements a packet sent now crosses: links, then the sink (or a node's no-route drop). */
  current(): readonly PacketSink[] {
    if (!this.pinned && this.epoch !== this.routing.epoch) this.resolve();
    return this.route;
  }

  /** The kinds of network the route crosses, in order ('internet', 'expressroute', ...), or 'direct'. */
  pathLabel(): string {
    const { links, complete } = this.links();
    if (!complete) return 'none';
    const domains: string[] = [];
    let inTunnel = 0;
    for (const l of links) {
      // a tunnel is named once, whatever its underlay crosses
      if (l instanceof TunnelEndpoint) inTunnel += l.entrance ? 1 : -1;
      else if (inTunnel > 0) continue;
      if (l.domain !== '' && l.domain !== domains[domains.length - 1]) domains.push(l.domain);
    }
    // the site's own LAN at either end says nothing about the path; in the middle it does (hair-pins)
    while (domains[0] === 'lan') domains.shift();
    while (domains[domains.length - 1] === 'lan') domains.pop();
    return domains.length === 0 ? 'direct' : domains.join('+');
  }

  /** The links of the current route, and whether it reaches the destination. */
  links(): { links: Hop[]; complete: boolean } {
    const route = this.current();
    const last = route[route.length - 1];
    return { links: route.slice(0, -1) as Hop[], complete: last === this.sink };
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
    this.dscp = markingOn(links, this.marking);
    this.exposure = exposureOf(links);
    this.compression = 1;
    if (this.marking.privatePeering && this.marking.compressible === true) {
      for (const l of links) if (l.wanOptimizer > this.compression) this.compression = l.wanOptimizer;
    }
    const route: PacketSink[] = links;
    route.push(complete ? this.sink : end.noRoute);
    this.route = this.routing.routes.intern(route);
  }
}

/**
 * Follow the forwarding tables from `source` towards `destination`: the links crossed, the node
 * where the walk ended, and whether the destination's prefix is local there.
 */
export function walk(source: Node, destination: number, flowId: number, stopAt?: Node, depth = 0): { links: Hop[]; end: Node; complete: boolean } {
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
      links.push(...underlay.links, tunnel.exit);
    }
    node = link.to;
  }
  return { links, end: node, complete: false };
}

/** Whether a route reaches its destination privately (a circuit or a tunnel), so replies go to private addresses. */
export const crossesPrivatePath = (links: readonly Hop[]): boolean => links.some((l) => l.circuit || l instanceof TunnelEndpoint);

/** What a route crosses: links, and the ends of the tunnels it goes through. */
export type Hop = Link | TunnelEndpoint;

const MAX_TUNNEL_NESTING = 4;

/** How exposed a route's packets are: the public Internet in clear, inside a VPN tunnel, or private paths only. */
export const Exposure = { internet: 0, vpn: 1, private: 2 } as const;
export const EXPOSURE_NAMES = ['internet', 'vpn', 'private'] as const;

/** The most exposed part of a route: Internet links outside any tunnel, else a tunnel, else private. */
export function exposureOf(links: readonly Hop[]): number {
  let inTunnel = 0;
  let exposure: number = Exposure.private;
  for (const l of links) {
    if (l instanceof TunnelEndpoint) {
      inTunnel += l.entrance ? 1 : -1;
      if (exposure > Exposure.vpn) exposure = Exposure.vpn;
    } else if (inTunnel === 0 && l.domain === 'internet') return Exposure.internet;
  }
  return exposure;
}

/** A flow's DSCP marking, and whether it uses ExpressRoute private peering (to or from a VNet). */
export interface Marking {
  dscp: number;
  privatePeering: boolean;
  /** Payload that WAN optimizers can compress. */
  compressible?: boolean;
}

/** The markings Microsoft peering keeps: EF, AF41, AF21, AF11 and CS0; it rewrites others to 0. */
const KEPT_ON_MICROSOFT_PEERING = new Set([46, 34, 18, 10, 0]);

/** The DSCP a flow's packets carry on a route: ExpressRoute resets it on private peering. */
export function markingOn(links: readonly Hop[], marking: Marking): number {
  if (!links.some((l) => l.circuit)) return marking.dscp;
  if (marking.privatePeering) return 0;
  return KEPT_ON_MICROSOFT_PEERING.has(marking.dscp) ? marking.dscp : 0;
}

/** A deterministic spread of (flow, node) over n equal-cost next hops. */
function hashIndex(flowId: number, nodeIndex: number, n: number): number {
  let h = Math.imul(flowId + 1, 0x9e3779b1) ^ Math.imul(nodeIndex + 1, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) % n;
}
