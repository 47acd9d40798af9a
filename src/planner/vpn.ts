import { hostIn, prefixKey, type Prefix } from '../core/prefix.js';
import type { FieldPath } from '../scenario/errors.js';
import { ADDRESS_POOLS } from './address-pools.js';
import type { QueueSpec } from '../scenario/scenario.js';
import type { Scenario, SiteSpec } from './scenario.js';
import { fibreDelay } from './geography.js';
import { ispNode } from './node-names.js';
import { FAST_QUEUE, Scope, plainBody, scopes, scopesOf, type LinkBody, type TopologyBuilder } from './topology-builder.js';
import { BACKBONE_BPS, BGP, VPN_GATEWAY_DELAY as GATEWAY_DELAY, bgpMetric } from './assumptions.js';
const GATEWAY_QUEUE: QueueSpec = {
  kind: 'droptail',
  limitPackets: 1000,
  limitBytes: Infinity,
  classes: [{ name: 'default', dscp: 'default', limitPackets: 1000, limitBytes: Infinity, weight: 1 }],
};

export const vpnGatewayNode = (vnet: string): string => `${vnet}.gw`;

/** The VPN gateway of each VNet that has site-to-site VPNs: its public prefix and throughput (the first VPN's SKU). */
export function vpnGateways(scenario: Scenario): { vnet: string; prefix: Prefix; bps: number; origin: FieldPath }[] {
  const seen = new Map<string, { vnet: string; prefix: Prefix; bps: number; origin: FieldPath }>();
  for (const vpn of scenario.planner.vpns) {
    if (seen.has(vpn.vnet)) continue;
    seen.set(vpn.vnet, { vnet: vpn.vnet, prefix: ADDRESS_POOLS.vpnGateways.subnet(seen.size)!, bps: vpn.gatewayBps, origin: vpn.origin });
  }
  return [...seen.values()];
}

/** The public prefixes of the VPN gateways (reached over Microsoft's network from the user's nearest edge). */
export const vpnGatewayPrefixes = (scenario: Scenario): string[] => vpnGateways(scenario).map((g) => prefixKey(g.prefix));

/** The addresses a site or remote group talks from: private (circuits, tunnels) and, when it has one, public. */
export function addressesOf(site: SiteSpec): { address: number; internet?: number } {
  if (site.kind === 'site') return { address: hostIn(site.prefix), internet: site.natPrefix && hostIn(site.natPrefix) };
  if (site.vpn === undefined) return { address: hostIn(site.prefix) };
  // a remote access client talks from the site's pool through the tunnel, from its own address outside it
  return { address: hostIn(site.vpn.pool), internet: site.vpn.tunnel === 'split' ? hostIn(site.prefix) : undefined };
}

/**
 * Site-to-site VPNs: a VPN gateway in the VNet's region (its throughput the SKU's), reached over
 * the Internet at a public address, and a tunnel between it and the site's edge that carries the
 * VNet's prefix one way and the site's private prefix the other. The tunnel's packets cross the
 * Internet (its congestion, loss and outages) with the encapsulation added; a circuit's private
 * peering, when there is one, is preferred, and the tunnel takes over when its routes are withdrawn.
 *
 * Remote access VPNs: a tunnel between a remote group and its site's edge carrying the site's
 * private prefixes and the VNets it reaches (split tunnel); the clients take addresses from the
 * site's pool. With a forced tunnel all their traffic goes through the site (see internet.ts).
 */
export function expandVpns(scenario: Scenario, b: TopologyBuilder): void {
  const { services, sites, vpns } = scenario.planner;
  // A VNet has one VPN gateway: its site-to-site tunnels share its throughput
  vpnGateways(scenario).forEach(({ vnet: vnetName, prefix: gatewayPrefix, bps, origin }) => {
    const vnet = services.find((s) => s.name === vnetName)!;
    const tunnels = vpns.filter((v) => v.vnet === vnetName);
    const gateway = vpnGatewayNode(vnetName);
    b.node(gateway);
    b.advertise(gateway, gatewayPrefix, Scope.public);
    const underlay: LinkBody = { ...plainBody(bps, GATEWAY_DELAY, origin, 1500), queue: GATEWAY_QUEUE };
    b.cable(vnet.region, gateway, underlay, { routeFilter: scopes(Scope.public) }, { routeFilter: scopes(Scope.public, Scope.internetCustomer) });
    b.cable(
      gateway,
      vnet.name,
      plainBody(BACKBONE_BPS, GATEWAY_DELAY, origin),
      { routeFilter: { prefixes: new Set([prefixKey(vnet.prefix)]) } },
      { routeFilter: scopesOf(tunnels.map((v) => Scope.customer(v.site))) },
    );
    for (const vpn of tunnels) {
      const site = sites.find((s) => s.name === vpn.site)!;
      tunnel(
        b,
        site.name,
        gateway,
        vpn,
        { routeFilter: { prefixes: new Set([prefixKey(vnet.prefix)]) }, remoteAddress: hostIn(gatewayPrefix) },
        { routeFilter: scopes(Scope.customer(site.name)), remoteAddress: hostIn(site.natPrefix ?? site.prefix) },
        vpn.origin,
      );
    }
  });
  for (const group of sites) {
    const vpn = group.vpn;
    if (vpn === undefined) continue;
    const site = sites.find((s) => s.name === vpn.site)!;
    // the Internet between the two ISPs, which carries the tunnel (customers' public prefixes only)
    const core = scenario.planner.internet;
    b.cable(ispNode(group.name), ispNode(site.name), {
      bandwidthBps: core.bandwidthBps,
      delay: fibreDelay(group.location, site.location, core.stretch),
      mtu: 1500,
      queue: core.queue,
      loss: core.loss,
      outages: [],
      outageProcess: core.outageProcess,
      failover: core.failover,
      routeFilter: scopes(Scope.internetCustomer),
      origin: ['internet'],
      domain: 'internet',
    });
    b.advertise(group.name, vpn.pool, Scope.customer(site.name));
    tunnel(
      b,
      group.name,
      site.name,
      vpn,
      { routeFilter: scopes(Scope.customer(site.name), Scope.vnet), remoteAddress: hostIn(site.natPrefix ?? site.prefix), metric: 0 },
      { routeFilter: { prefixes: new Set([prefixKey(vpn.pool)]) }, remoteAddress: hostIn(group.prefix), metric: 0 },
      [...group.origin, 'vpn'],
    );
  }
}

interface TunnelEnd {
  routeFilter: LinkBody['routeFilter'];
  /** The public address of the far end, which the underlay routes to. */
  remoteAddress: number;
  metric?: number;
}

function tunnel(b: TopologyBuilder, from: string, to: string, t: { overhead: number; mtu: number }, there: TunnelEnd, back: TunnelEnd, origin: LinkBody['origin']): void {
  const body: LinkBody = { ...plainBody(BACKBONE_BPS, 0, origin, t.mtu), queue: FAST_QUEUE, domain: 'vpn' };
  const end = (e: TunnelEnd): Partial<LinkBody> => ({
    routeFilter: e.routeFilter,
    metric: e.metric ?? bgpMetric(1, BGP.vpnLocalPreference),
    tunnel: { overhead: t.overhead, mtu: t.mtu, remoteAddress: e.remoteAddress },
  });
  b.cable(from, to, body, end(there), end(back));
}
