import { Exposure, type Hop, type PathPolicy } from '../net/routing/path-policy.js';
import { TunnelEndpoint } from '../net/routing/tunnel.js';
import { KEPT_ON_MICROSOFT_PEERING } from './azure/facts.js';
import type { LinkRole, PlannerFlowSpec, PlannerLinkSpec } from './scenario.js';

/** Bits of a flow's class: it goes to or from a VNet (private peering); its payload compresses. */
const PRIVATE_PEERING = 1;
const COMPRESSIBLE = 2;

const NO_ROLE: LinkRole = {};

/**
 * What the planner's networks do to packets by the route they take, from the roles of the links it
 * built: ExpressRoute rewrites DSCP (Microsoft peering keeps EF, AF41, AF21, AF11 and CS0 and resets
 * the rest; private peering resets every marking); WAN optimizers around a circuit compress
 * compressible private-peering payload; the public Internet outside a tunnel is exposed; a route is
 * named by the kinds of network it crosses.
 */
export class AzurePathPolicy implements PathPolicy {
  private readonly roles = new Map<string, LinkRole>();
  private readonly classes = new Map<string, number>();

  constructor(links: readonly PlannerLinkSpec[], flows: readonly PlannerFlowSpec[]) {
    for (const l of links) {
      if (l.circuit === true || l.domain !== undefined || l.wanOptimizer !== undefined) {
        this.roles.set(l.name, { circuit: l.circuit, domain: l.domain, wanOptimizer: l.wanOptimizer });
      }
    }
    for (const f of flows) {
      const bits = (f.privatePeering === true ? PRIVATE_PEERING : 0) | (f.compressible === true ? COMPRESSIBLE : 0);
      if (bits !== 0) this.classes.set(f.name, bits);
    }
  }

  classOf(flowName: string): number {
    return this.classes.get(flowName) ?? 0;
  }

  dscpOn(links: readonly Hop[], dscp: number, flowClass: number): number {
    if (!links.some((l) => this.roleOf(l).circuit === true)) return dscp;
    if ((flowClass & PRIVATE_PEERING) !== 0) return 0;
    return KEPT_ON_MICROSOFT_PEERING.has(dscp) ? dscp : 0;
  }

  compressionOn(links: readonly Hop[], flowClass: number): number {
    if (flowClass !== (PRIVATE_PEERING | COMPRESSIBLE)) return 1;
    let ratio = 1;
    for (const l of links) ratio = Math.max(ratio, this.roleOf(l).wanOptimizer ?? 1);
    return ratio;
  }

  /** The most exposed part of a route: Internet links outside any tunnel, else a tunnel, else private. */
  exposureOf(links: readonly Hop[]): number {
    let inTunnel = 0;
    let exposure: number = Exposure.private;
    for (const l of links) {
      if (l instanceof TunnelEndpoint) {
        inTunnel += l.entrance ? 1 : -1;
        if (exposure > Exposure.vpn) exposure = Exposure.vpn;
      } else if (inTunnel === 0 && this.roleOf(l).domain === 'internet') return Exposure.internet;
    }
    return exposure;
  }

  /** A circuit or a tunnel: replies come back to the site's private address, not its NAT pool. */
  reachesPrivately(links: readonly Hop[]): boolean {
    return links.some((l) => l instanceof TunnelEndpoint || this.roleOf(l).circuit === true);
  }

  labelOf(links: readonly Hop[]): string {
    const domains: string[] = [];
    let inTunnel = 0;
    for (const l of links) {
      // a tunnel is named once, whatever its underlay crosses
      let domain: string;
      if (l instanceof TunnelEndpoint) {
        inTunnel += l.entrance ? 1 : -1;
        domain = 'vpn';
      } else if (inTunnel > 0) continue;
      else domain = this.roleOf(l).domain ?? '';
      if (domain !== '' && domain !== domains[domains.length - 1]) domains.push(domain);
    }
    // the site's own LAN at either end says nothing about the path; in the middle it does (hair-pins)
    while (domains[0] === 'lan') domains.shift();
    while (domains[domains.length - 1] === 'lan') domains.pop();
    return domains.length === 0 ? 'direct' : domains.join('+');
  }

  private roleOf(hop: Hop): LinkRole {
    return hop instanceof TunnelEndpoint ? NO_ROLE : (this.roles.get(hop.name) ?? NO_ROLE);
  }
}
