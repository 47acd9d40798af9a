import { hostIn, parsePrefix, prefixKey } from '../core/prefix.js';
import type { AccessSpec, Scenario, SiteSpec } from './scenario.js';
import { carriedPrefixes, expandExpressRoute } from './expressroute.js';
import { addressesOf, expandVpns } from './vpn.js';
import { fibreDelay } from './geography.js';
import { edgeNode, ispNode, siteUsersNode } from './node-names.js';
import { Scope, TopologyBuilder, plainBody, scopes, type ExpandedTopology } from './topology-builder.js';
import { BACKBONE_BPS, EDGE_TO_REGION_DELAY, REGION_TO_SERVICE_DELAY } from './assumptions.js';
import { ER_GATEWAYS } from './azure/facts.js';

const DEFAULT_ROUTE = parsePrefix('0.0.0.0/0')!;
/** A site's own announcement beats its ISP's announcement of it, wherever both arrive. */
export const CUSTOMER_PREFERENCE = 100;


/**
 * Sites, remote users, regions and services as nodes and links: each site is users -- LAN -- edge
 * router -- access link -- ISP; each ISP reaches, across the Internet core, the Microsoft edge
 * nearest to every region (one-way delay 5 us/km x great-circle distance x route stretch, unless
 * given); the edge reaches the region's datacenter, which hosts the services. Then the circuits.
 *
 * Routing: a site's edge knows only its ISP's default route over the access link, and the specific
 * prefixes its circuits carry; the ISP announces the site to the Internet. So the more specific
 * ExpressRoute routes win while they are advertised, and traffic falls back to the Internet when
 * they are withdrawn. Access and core links fail over under the Internet's routing.
 */
export function expandPlanner(scenario: Scenario): ExpandedTopology {
  const { regions, services, sites, internet, traffic } = scenario.planner;
  const b = new TopologyBuilder(scenario.links.reduce((max, l) => Math.max(max, l.group + 1), 0));

  for (const region of regions) {
    b.node(edgeNode(region.name), region.name);
    b.cable(edgeNode(region.name), region.name, plainBody(BACKBONE_BPS, EDGE_TO_REGION_DELAY, ['regions', region.name]));
  }
  for (const service of services) {
    b.node(service.name);
    b.advertise(service.name, service.prefix, service.kind === 'vnet' ? Scope.vnet : Scope.public);
    const attach = plainBody(BACKBONE_BPS, REGION_TO_SERVICE_DELAY, ['services', service.name]);
    if (service.kind === 'vnet' && service.gateway !== 'FastPath') {
      // The ExpressRoute gateway in front of the VNet caps throughput and packets per second.
      const cap = ER_GATEWAYS[service.gateway];
      b.cable(service.region, service.name, { ...attach, bandwidthBps: cap.bps, ppsLimit: cap.pps });
    } else {
      b.cable(service.region, service.name, attach);
    }
  }
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
    for (const region of regions) {
      const explicit = internet.delays.get(`${site.name}|${region.name}`);
      b.cable(
        isp,
        edgeNode(region.name),
        {
          bandwidthBps: internet.bandwidthBps,
          delay: explicit ?? fibreDelay(site.location, region.location, internet.stretch),
          mtu: site.internet.mtu,
          queue: internet.queue,
          loss: internet.loss,
          outages: [],
          outageProcess: internet.outageProcess,
          crossTraffic: internet.crossTraffic,
          failover: internet.failover,
          origin: ['internet'],
          domain: 'internet',
        },
        { routeFilter: scopes(Scope.public) },
        { routeFilter: scopes(Scope.internetCustomer) },
      );
    }
    for (const service of services) {
      b.out.reachability.push({
        name: `${site.name} -> ${service.name}`,
        from: users,
        to: service.name,
        toAddress: hostIn(service.prefix),
        fromAddress: addressesOf(site).address,
        fromInternetAddress: addressesOf(site).internet,
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
