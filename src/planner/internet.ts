import { hostIn, parsePrefix, prefixKey } from '../core/prefix.js';
import { EDGE_SITES } from './azure/catalogue.js';
import { ADDRESS_POOLS } from './address-pools.js';
import { nearestInstance } from './normalize.js';
import { backboneDelay } from './backbone.js';
import type { AccessSpec, Location, Scenario, SiteSpec } from './scenario.js';
import { carriedPrefixes, expandExpressRoute } from './expressroute.js';
import { addressesOf, expandVpns, vpnGatewayPrefixes } from './vpn.js';
import { fibreDelay, nearest } from './geography.js';
import { edgeNode, edgeSiteNode, erGatewayNode, ispNode, siteUsersNode } from './node-names.js';
import { Scope, TopologyBuilder, plainBody, scopes, type ExpandedTopology, type LinkBody } from './topology-builder.js';
import { BACKBONE_BPS, EDGE_TO_REGION_DELAY, REGION_TO_SERVICE_DELAY } from './assumptions.js';
import { ER_GATEWAY_MTU } from './azure/facts.js';

const DEFAULT_ROUTE = parsePrefix('0.0.0.0/0')!;
const INTERNET_DEPENDENCIES = ADDRESS_POOLS.internetDependencies.subnet(0)!;
/** A site's own announcement beats its ISP's announcement of it, wherever both arrive. */
export const CUSTOMER_PREFERENCE = 100;


/**
 * Sites, remote users, regions and services as nodes and links: each site is users -- LAN -- edge
 * router -- access link -- ISP. Internet traffic to a service enters Microsoft's network at the
 * edge site nearest the user (Azure's default "Microsoft global network" routing preference:
 * routing-preference-overview.md) and rides the backbone to the region (published latencies, see
 * backbone.ts); the public Internet is the segment between the ISP and that edge (5 us/km x
 * distance x the Internet's stretch), where its congestion, loss and outages apply. A service with
 * the "internet" routing preference (hot potato), or a site and region with an explicit Internet
 * delay, is reached over the public Internet up to the Microsoft edge next to its region instead.
 * Then the circuits and the VPNs.
 *
 * Routing: a site's edge knows only its ISP's default route over the access link, and the specific
 * prefixes its circuits carry; the ISP announces the site to the Internet. So the more specific
 * ExpressRoute routes win while they are advertised, and traffic falls back to the Internet when
 * they are withdrawn. Access and public Internet links fail over under the Internet's routing.
 * A VNet is reached from on-premises through its ExpressRoute gateway (gateway caps, MTU 1400),
 * and from Azure's own services directly: the gateway caps only what crosses it.
 */
export function expandPlanner(scenario: Scenario): ExpandedTopology {
  const { regions, services, sites, internet, traffic } = scenario.planner;
  const b = new TopologyBuilder(scenario.links.reduce((max, l) => Math.max(max, l.group + 1), 0));

  const instanceOf = new Map<string, string>();
  for (const [base, list] of scenario.planner.instances) for (const instance of list) instanceOf.set(instance, base);
  const hotPotato = new Set(services.filter((s) => s.kind !== 'vnet' && s.routingPreference === 'internet').map((s) => s.name));
  const needsRegionEdge = new Set([...services.filter((s) => hotPotato.has(s.name)).map((s) => s.region), ...[...internet.delays.keys()].map((k) => k.split('|')[1]!)]);
  for (const region of regions) {
    b.node(region.name);
    if (!needsRegionEdge.has(region.name)) continue;
    b.node(edgeNode(region.name));
    b.cable(edgeNode(region.name), region.name, plainBody(BACKBONE_BPS, EDGE_TO_REGION_DELAY, ['regions', region.name]));
  }
  const attach = (service: (typeof services)[number]) => plainBody(BACKBONE_BPS, REGION_TO_SERVICE_DELAY, ['services', service.name]);
  for (const service of services) {
    b.node(service.name);
    if (service.kind !== 'vnet') {
      b.advertise(service.name, service.prefix, Scope.public);
      b.cable(service.region, service.name, attach(service));
      continue;
    }
    // A VNet: Azure's services reach it directly; on-premises through its ExpressRoute gateway
    b.advertise(service.name, service.prefix, Scope.vnet);
    b.cable(service.name, service.region, attach(service), { routeFilter: scopes(Scope.public) }, { routeFilter: scopes(Scope.vnet) });
    const gateway = erGatewayNode(service.name);
    b.node(gateway);
    const g = service.gateway!;
    b.cable(service.name, gateway, {
      ...plainBody(g.fastpath ? BACKBONE_BPS : g.bps, REGION_TO_SERVICE_DELAY, ['services', service.name, 'gateway'], ER_GATEWAY_MTU),
      ...(g.fastpath ? {} : { ppsLimit: g.pps }),
    });
  }

  // Public addresses reached over Microsoft's network from the user's nearest edge: services that
  // keep the default routing preference, and the VPN gateways
  const microsoftRouted = services.filter((s) => s.kind !== 'vnet' && !hotPotato.has(s.name));
  const gatewayPrefixes = vpnGatewayPrefixes(scenario);
  const edgeSites = new Set<string>();
  for (const site of sites) {
    const users = siteUsersNode(site);
    const edge = site.kind === 'site' ? site.name : users;
    const isp = ispNode(site.name);
    if (site.kind === 'site') {
      b.node(users, edge, isp);
      const lan = site.lan!;
      const lanBody = { ...plainBody(lan.bandwidthBps, lan.delay, [...site.origin, 'lan'], site.internet.mtu), loss: lan.loss, domain: 'lan' };
      if (site.security === undefined) b.cable(users, edge, lanBody);
      else {
        // Security appliances between the users and the edge: all traffic in and out crosses them.
        const appliance = `${site.name}.security`;
        b.node(appliance);
        b.cable(users, appliance, lanBody);
        b.cable(appliance, edge, {
          ...lanBody,
          bandwidthBps: Math.min(site.security.throughputBps, lan.bandwidthBps),
          delay: site.security.delay,
          origin: [...site.origin, 'security'],
        });
      }
    } else {
      b.node(users, isp);
    }
    access(b, site.name, edge, isp, site.internet, internet.failover);
    // The Internet sees a site by its NAT pool, the circuits and the WAN by its private prefix.
    const publicPrefix = site.natPrefix ?? site.prefix;
    if (site.natPrefix !== undefined) b.advertise(users, site.prefix, Scope.customer(site.name), CUSTOMER_PREFERENCE);
    b.advertise(users, publicPrefix, Scope.nat(site.name), CUSTOMER_PREFERENCE);
    b.advertise(isp, publicPrefix, Scope.internetCustomer, 0, true);
    b.advertise(isp, DEFAULT_ROUTE, Scope.default, 0, true);

    const viaEdge = microsoftRouted.filter((s) => !internet.delays.has(`${site.name}|${s.region}`));
    const nearest = nearestEdgeSite(site.location);
    const edgeSite = edgeSiteNode(nearest.name);
    if (!edgeSites.has(nearest.name)) {
      edgeSites.add(nearest.name);
      b.node(edgeSite);
      // DNS, certificate revocation and CDN answer at the edge nearest the user, over the Internet only
      b.advertise(edgeSite, INTERNET_DEPENDENCIES, Scope.public);
      for (const region of regions) b.cable(edgeSite, region.name, plainBody(BACKBONE_BPS, backboneDelay(nearest, region), ['regions', region.name]));
    }
    const publicSegment = (delay: number): LinkBody => ({
      bandwidthBps: internet.bandwidthBps,
      delay,
      mtu: site.internet.mtu,
      queue: internet.queue,
      loss: internet.loss,
      outages: [],
      outageProcess: internet.outageProcess,
      crossTraffic: internet.crossTraffic,
      failover: internet.failover,
      origin: ['internet'],
      domain: 'internet',
    });
    b.cable(
      isp,
      edgeSite,
      publicSegment(fibreDelay(site.location, nearest.location, internet.stretch)),
      { routeFilter: { prefixes: new Set([...viaEdge.map((s) => prefixKey(s.prefix)), ...gatewayPrefixes, prefixKey(INTERNET_DEPENDENCIES)]) } },
      { routeFilter: scopes(Scope.internetCustomer) },
    );
    // the regions reached over the public Internet all the way: hot-potato services, explicit delays
    for (const regionName of needsRegionEdge) {
      const explicit = internet.delays.get(`${site.name}|${regionName}`);
      const region = regions.find((r) => r.name === regionName)!;
      const here = services.filter((s) => s.region === regionName && s.kind !== 'vnet' && (explicit !== undefined || hotPotato.has(s.name)));
      if (here.length === 0) continue;
      b.cable(
        isp,
        edgeNode(regionName),
        publicSegment(explicit ?? fibreDelay(site.location, region.location, internet.stretch)),
        { routeFilter: { prefixes: new Set(here.map((s) => prefixKey(s.prefix))) } },
        { routeFilter: scopes(Scope.internetCustomer) },
      );
    }
    for (const service of services) {
      // a service in several regions: each site is paired with the instance nearest it
      const base = instanceOf.get(service.name);
      if (base !== undefined && nearestInstance(scenario.planner, base, site.location) !== service.name) continue;
      b.out.reachability.push({
        name: `${site.name} -> ${service.name}`,
        from: users,
        to: service.name,
        toAddress: hostIn(service.prefix),
        fromAddress: addressesOf(site).address,
        fromInternetAddress: addressesOf(site).internet,
        // Microsoft 365 and Dynamics 365 need DNS and certificate revocation checks, which never use ExpressRoute
        needs: service.kind === 'saas' ? [hostIn(INTERNET_DEPENDENCIES)] : [],
      });
    }
  }

  expandExpressRoute(scenario, b);
  expandVpns(scenario, b);

  const vnets = new Set(services.filter((s) => s.kind === 'vnet').map((s) => s.name));
  const siteNames = new Set(sites.map((s) => s.name));
  const addressOf = new Map<string, { node: string; address: number; internet?: number }>();
  for (const s of sites) addressOf.set(s.name, { node: siteUsersNode(s), ...addressesOf(s) });
  for (const s of services) addressOf.set(s.name, { node: s.name, address: hostIn(s.prefix) });
  // Forced tunneling: a VNet whose circuit's site advertises the default route sends everything
  // but site and VNet traffic through that site (its proxy), over private peering and back.
  const tunnels = scenario.planner.circuits.filter((c) => c.forcedTunneling && c.site !== undefined && c.peerings.includes('private'));
  const forcedTunnel = (from: string, to: string) => {
    if (!vnets.has(from) || vnets.has(to) || siteNames.has(to)) return undefined;
    const vnet = services.find((s) => s.name === from)!;
    const circuit = tunnels.find((c) => carriedPrefixes(scenario, c).has(prefixKey(vnet.prefix)));
    return circuit === undefined ? undefined : proxyOf(circuit.site!);
  };
  // A remote group with a forced tunnel reaches public services through its site (the tunnel itself
  // carries the site's and the VNets' private prefixes, as with a split tunnel).
  const throughRemoteAccess = (from: string, to: string) => {
    const vpn = sites.find((s) => s.name === from)?.vpn;
    return vpn === undefined || vpn.tunnel !== 'forced' || siteNames.has(to) || vnets.has(to) ? undefined : proxyOf(vpn.site);
  };
  const proxyOf = (name: string) => {
    const a = addressOf.get(name)!;
    return { node: a.node, address: a.address, internetAddress: a.internet };
  };
  for (const flow of traffic) {
    const from = addressOf.get(flow.from);
    const to = addressOf.get(flow.to);
    b.out.flows.push({
      ...flow,
      pair: `${flow.from} -> ${flow.to}`,
      from: from?.node ?? flow.from,
      to: to?.node ?? flow.to,
      toAddress: to?.address ?? flow.toAddress,
      fromAddress: from?.address ?? flow.fromAddress,
      // a site's NAT address matters only towards services (site-to-site traffic stays private)
      fromInternetAddress: to !== undefined && !siteNames.has(flow.to) ? from?.internet : undefined,
      toInternetAddress: from !== undefined && !siteNames.has(flow.from) ? to?.internet : undefined,
      privatePeering: vnets.has(flow.from) || vnets.has(flow.to),
      via: flow.viaSite !== undefined ? proxyOf(flow.viaSite) : (forcedTunnel(flow.from, flow.to) ?? throughRemoteAccess(flow.from, flow.to)),
    });
  }
  return b.out;
}

/**
 * The access link between a site's edge (or a remote group) and its ISP, up and down bandwidths.
 * Upstream it carries only the ISP's default route; downstream only the site's own prefix.
 */
function access(b: TopologyBuilder, site: string, edge: string, isp: string, a: AccessSpec, failover: Scenario['planner']['internet']['failover']): void {
  b.cable(
    edge,
    isp,
    {
      bandwidthBps: a.upBps,
      delay: a.delay,
      mtu: a.mtu,
      queue: a.queue,
      loss: a.loss,
      outages: a.outages,
      outageProcess: a.outageProcess,
      crossTraffic: a.crossTraffic,
      failover,
      origin: a.origin,
      domain: 'internet',
    },
    { bandwidthBps: a.upBps, routeFilter: scopes(Scope.default) },
    { bandwidthBps: a.downBps, routeFilter: scopes(Scope.nat(site)) },
  );
}

/** Microsoft's edge sites by name (so that of two equally near, the first by name is taken). */
const EDGE_LIST = Object.entries(EDGE_SITES)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([name, point]) => ({ name, ...point }));

/** Microsoft's edge site nearest a place (where its Internet traffic enters Microsoft's network). */
const nearestEdgeSite = (location: Location): (typeof EDGE_LIST)[number] => nearest(EDGE_LIST, location, (e) => e.location)!;
