import type { Link } from '../net/link.js';
import type { Network } from '../net/network.js';
import type { PacketSink } from '../net/packet.js';
import { FlowRoute, type Marking } from '../net/routing/flow-route.js';
import type { IssueList } from '../scenario/errors.js';
import type { FieldPath } from '../scenario/errors.js';
import type { RouteTo } from '../transport/tcp/tcp-connection.js';

/** Every node owns a host address (/32) in 10.0.0.0/16, in node order: 10.0.0.1, 10.0.0.2, ... */
export const hostAddress = (nodeIndex: number): number => 0x0a000000 + nodeIndex + 1;
/** Host addresses stay inside 10.0.0.0/16 (the planner's sites start at 10.1.0.0). */
export const MAX_NODES = 65_534;

/** The links of a pinned path of node names; undefined (and an issue) if two of them are not linked. */
export function pinnedLinks(network: Network, path: readonly string[], origin: FieldPath, issues: IssueList): Link[] | undefined {
  const links: Link[] = [];
  for (let k = 1; k < path.length; k++) {
    const link = network.node(path[k - 1]!).out.find((l) => l.to.name === path[k]);
    if (link === undefined) {
      issues.add([...origin, 'path', k], `no link from '${path[k - 1]}' to '${path[k]}'`);
      return undefined;
    }
    links.push(link);
  }
  return links;
}

const MAX_MTU = 9000;
const PROBE: PacketSink = { receive: () => undefined };

export interface CheckedRoute {
  routeTo: RouteTo;
  /** Smallest MTU on the route as it is at the start. */
  mtu: number;
}

/**
 * Routes from `from` towards `address` for flow `flowId`, checked against the tables at the start:
 * if the route does not reach the address, an issue is added and undefined returned.
 */
export function checkedRoute(
  network: Network,
  from: string,
  address: number | (() => number),
  flowId: number,
  pinned: readonly Link[] | undefined,
  marking: Marking,
  onFailure: () => void,
  via?: { node: string; address: number | (() => number) },
  /** Build the route even when it does not reach its destination at the start (an application whose service a variant cannot reach: its packets are dropped with no_route). */
  allowIncomplete = false,
): CheckedRoute | undefined {
  const source = network.node(from);
  const proxy = via && { node: network.node(via.node), address: via.address };
  const routeTo: RouteTo = (sink, hash = flowId) => new FlowRoute(network.routing, source, address, hash, sink, pinned, marking, proxy);
  const probe = routeTo(PROBE).links();
  if (!probe.complete) {
    onFailure();
    if (!allowIncomplete) return undefined;
  }
  return { routeTo, mtu: probe.links.reduce((m, l) => Math.min(m, l.mtu), MAX_MTU) };
}

/**
 * A site talks to a service from its private address when the way there is an ExpressRoute
 * circuit, and from its Internet NAT address otherwise, so replies come back the way requests went.
 */
export function siteAddress(network: Network, site: string, privateAddress: number, internetAddress: number | undefined, peer: number, flowId: number): number | (() => number) {
  if (internetAddress === undefined) return privateAddress;
  const towardsPeer = new FlowRoute(network.routing, network.node(site), peer, flowId, PROBE);
  return () => (network.routing.policy.reachesPrivately(towardsPeer.links().links) ? privateAddress : internetAddress);
}
