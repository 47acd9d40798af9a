import type { Link } from '../link.js';
import { TunnelEndpoint } from './tunnel.js';

/** What a route crosses: links, and the ends of the tunnels it goes through. */
export type Hop = Link | TunnelEndpoint;

/**
 * How exposed a route's packets are: on a public network in clear, inside a tunnel, or on private
 * paths only. Which links are public is the path policy's to say; the flow table counts the bytes
 * sent at each level.
 */
export const Exposure = { internet: 0, vpn: 1, private: 2 } as const;
export const EXPOSURE_NAMES = ['internet', 'vpn', 'private'] as const;

/**
 * What the network does to a flow's packets beyond forwarding them, by the route they take: the
 * layer that builds the network (the planner) implements it, and `net` only calls it, once per
 * route change and never per packet. A flow's `flowClass` is whatever number the policy gave it
 * (see `classOf`).
 */
export interface PathPolicy {
  /** A flow's class for this policy, from its name: passed back to `dscpOn` and `compressionOn`. */
  classOf(flowName: string): number;
  /** The DSCP a flow's packets, marked `dscp`, carry along `links` (a domain boundary may rewrite it). */
  dscpOn(links: readonly Hop[], dscp: number, flowClass: number): number;
  /** How much the flow's payload shrinks on the wire along `links` (1: not at all; a WAN optimizer). */
  compressionOn(links: readonly Hop[], flowClass: number): number;
  /** How exposed a route is (`Exposure`). */
  exposureOf(links: readonly Hop[]): number;
  /** Whether a route reaches its destination privately, so that replies go to private addresses (not a NAT pool). */
  reachesPrivately(links: readonly Hop[]): boolean;
  /** The kinds of network a complete route crosses, in order ('internet+expressroute'), or 'direct'. */
  labelOf(links: readonly Hop[]): string;
}

/**
 * The generic network's policy: markings and payloads pass unchanged, no link is public (a tunnel
 * is a tunnel, everything else private) and every complete route is 'direct'.
 */
export class NeutralPathPolicy implements PathPolicy {
  classOf(_flowName: string): number {
    return 0;
  }

  dscpOn(_links: readonly Hop[], dscp: number, _flowClass: number): number {
    return dscp;
  }

  compressionOn(_links: readonly Hop[], _flowClass: number): number {
    return 1;
  }

  exposureOf(links: readonly Hop[]): number {
    return links.some((l) => l instanceof TunnelEndpoint) ? Exposure.vpn : Exposure.private;
  }

  reachesPrivately(links: readonly Hop[]): boolean {
    return links.some((l) => l instanceof TunnelEndpoint);
  }

  labelOf(_links: readonly Hop[]): string {
    return 'direct';
  }
}
