import { prefixKey } from '../core/prefix.js';
import type { CircuitSpec, Location, PeeringLocationSpec, PlannerLinkSpec, Scenario } from './scenario.js';
import { fibreDelay } from './geography.js';
import { backboneBetween, backboneDelay } from './backbone.js';
import { erGatewayNode, peeringNode } from './node-names.js';
import type { QueueSpec } from '../scenario/scenario.js';
import { Scope, TopologyBuilder, plainBody, scopes, scopesOf, type LinkBody } from './topology-builder.js';
import {
  BACKBONE_BPS,
  bgpMetric,
  CIRCUIT_BUFFER_S,
  COLOCATED_DELAY,
  MICROSOFT_PEERING_QOS,
  MSEE_TO_EDGE_DELAY,
  PROVIDER_HANDOFF_DELAY,
  PROVIDER_STRETCH,
  WAN_EXTRA_DELAY,
  WAN_MTU,
} from './assumptions.js';
import { DIRECT_CIRCUIT_MTU, PROVIDER_CIRCUIT_MTU } from './azure/facts.js';

/** The node of a circuit's connection to one of the two MSEEs. */
export const mseeNode = (circuit: string, connection: 'primary' | 'secondary'): string => `${circuit}.${connection}`;
/** Where an IP VPN circuit joins the provider's WAN. */
export const peNode = (circuit: string): string => `${circuit}.pe`;

/**
 * The prefixes a circuit carries, by the regions it reaches (expressroute-locations.md,
 * expressroute-faqs.md): Local reaches the regions listed for its peering location; Standard the
 * regions of its peering location's geopolitical region; Premium every region. Microsoft peering
 * carries the public prefixes of services that use ExpressRoute, private peering the VNets.
 * Microsoft 365 needs Premium wherever it is; Dynamics 365 only outside the geopolitical region.
 */
export function carriedPrefixes(scenario: Scenario, circuit: CircuitSpec): Set<string> {
  const { regions, services, peeringLocations } = scenario.planner;
  const location = peeringLocations.find((p) => p.name === circuit.peeringLocation)!;
  const carried = new Set<string>();
  for (const service of services) {
    const region = regions.find((r) => r.name === service.region);
    if (region === undefined || !service.expressroute) continue;
    const sameGeo = region.continent === location.continent;
    const reach =
      circuit.sku === 'premium' ||
      (circuit.sku === 'standard' && sameGeo) ||
      (circuit.sku === 'local' && location.localRegions.includes(region.name));
    if (!reach) continue;
    const peering = service.kind === 'vnet' ? 'private' : 'microsoft';
    if (!circuit.peerings.includes(peering)) continue;
    if (service.product === 'microsoft-365' && circuit.sku !== 'premium') continue;
    if (service.product === 'dynamics-365' && circuit.sku !== 'premium' && !sameGeo) continue;
    carried.add(prefixKey(service.prefix));
  }
  return carried;
}

/**
 * Peering locations, Microsoft's backbone, the provider's IP VPN and the circuits. Each circuit is
 * two connections (primary, secondary) from the site's edge (or the provider WAN) to two MSEEs,
 * active-active: the edge splits flows over them as equal-cost paths. Each connection carries the
 * circuit's prefixes towards Microsoft and the site's prefixes back; it is shaped to the purchased
 * bandwidth with Microsoft-peering QoS queues, or policed at it on a faster port. Connections fail
 * on their own and the circuit as a whole; BFD (or the BGP hold time) detects it.
 */
export function expandExpressRoute(scenario: Scenario, b: TopologyBuilder): void {
  const { peeringLocations, circuits, wan, regions, sites } = scenario.planner;
  const vnets = scenario.planner.services.filter((s) => s.kind === 'vnet');
  for (const pl of peeringLocations) {
    const node = peeringNode(pl.name);
    b.node(node);
    // Microsoft peering reaches the regions' public services; private peering reaches a VNet only through its gateway
    for (const region of regions) {
      b.cable(node, region.name, plainBody(BACKBONE_BPS, backboneDelay({ location: pl.location, local: pl.localRegions }, region), ['peering_locations', pl.name]), { routeFilter: scopes(Scope.public) });
    }
    for (const vnet of vnets) {
      const region = regions.find((r) => r.name === vnet.region)!;
      b.cable(node, erGatewayNode(vnet.name), plainBody(BACKBONE_BPS, backboneDelay({ location: pl.location, local: pl.localRegions }, region), ['peering_locations', pl.name]), {
        routeFilter: { prefixes: new Set([prefixKey(vnet.prefix)]) },
      });
    }
  }
  const locationOf = (name: string): PeeringLocationSpec => peeringLocations.find((p) => p.name === name)!;
  const carried = new Map(circuits.map((c) => [c.name, carriedPrefixes(scenario, c)]));
  const wanSites = new Set(wan?.sites ?? []);
  const customerScopes = (attach: string): string[] =>
    attach.endsWith('.pe') || wanSites.has(attach) ? [...wanSites].map(Scope.customer) : [Scope.customer(attach)];
  const attachOf = (c: CircuitSpec): string => c.site ?? peNode(c.name);
  /** Global Reach, both ways: the circuits linked with `c`. */
  const reachPeers = (c: CircuitSpec): CircuitSpec[] => circuits.filter((d) => d !== c && (c.globalReach.includes(d.name) || d.globalReach.includes(c.name)));
  const peerScopes = (c: CircuitSpec): string[] => reachPeers(c).flatMap((d) => customerScopes(attachOf(d)));

  // The provider's any-to-any IP VPN: a mesh between its sites and the circuits that join it.
  if (wan !== undefined) {
    const members: { node: string; location: Location; customer?: string; prefixes: Set<string> }[] = [];
    for (const name of wan.sites) {
      const site = sites.find((s) => s.name === name);
      if (site === undefined) continue;
      const viaHere = new Set(circuits.filter((c) => c.site === name).flatMap((c) => [...carried.get(c.name)!]));
      members.push({ node: name, location: site.location, customer: Scope.customer(name), prefixes: viaHere });
    }
    for (const c of circuits.filter((c) => c.connectivity === 'ipvpn')) {
      b.node(peNode(c.name));
      members.push({ node: peNode(c.name), location: locationOf(c.peeringLocation).location, prefixes: carried.get(c.name)! });
    }
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const x = members[i]!;
        const y = members[j]!;
        const towards = (m: typeof x) => ({ scopes: new Set(m.customer ? [m.customer] : []), prefixes: m.prefixes });
        b.cable(
          x.node,
          y.node,
          // the provider's network is an AS of its own between the sites
          {
            ...plainBody(wan.bandwidthBps, fibreDelay(x.location, y.location, wan.stretch) + WAN_EXTRA_DELAY, ['wan']),
            mtu: WAN_MTU,
            queue: circuitQueue(wan.bandwidthBps, wan.qos),
            loss: wan.loss,
            crossTraffic: wan.crossTraffic,
            domain: 'wan',
            metric: bgpMetric(1),
          },
          { routeFilter: towards(y) },
          { routeFilter: towards(x) },
        );
      }
    }
  }

  for (const c of circuits) {
    const pl = locationOf(c.peeringLocation);
    const attach = c.site ?? peNode(c.name);
    const site = sites.find((s) => s.name === c.site);
    const accessDelay =
      c.accessDelay ??
      (c.connectivity === 'colocated' || c.connectivity === 'ipvpn' || site === undefined
        ? COLOCATED_DELAY
        : fibreDelay(site.location, pl.location, PROVIDER_STRETCH) + PROVIDER_HANDOFF_DELAY);
    // Each connection runs on a port faster than the circuit; Microsoft polices it at the purchased
    // rate in both directions (provider-rate-limit.md), unless the site shapes what it sends.
    const policer = c.policed ? { rateBps: c.bandwidthBps, burstBytes: Math.max(3000, (c.bandwidthBps * c.policerBurst) / 8 / 1e9) } : undefined;
    const atPort: Partial<LinkBody> = { bandwidthBps: c.portBps, queue: circuitQueue(c.portBps, c.qos), policer };
    const shaped: Partial<LinkBody> = { bandwidthBps: c.bandwidthBps, queue: circuitQueue(c.bandwidthBps, c.qos), policer: undefined };
    const body: LinkBody = {
      bandwidthBps: c.portBps,
      delay: accessDelay,
      mtu: c.direct ? DIRECT_CIRCUIT_MTU : PROVIDER_CIRCUIT_MTU,
      queue: circuitQueue(c.portBps, c.qos),
      loss: c.loss,
      crossTraffic: c.crossTraffic,
      outages: [],
      outageProcess: c.connectionFailures,
      failover: c.failover,
      circuit: true,
      domain: 'expressroute',
      wanOptimizer: c.wanOptimizerRatio,
      origin: c.origin,
    };
    const connectionLinks: PlannerLinkSpec[] = [];
    for (const connection of ['primary', 'secondary'] as const) {
      const msee = mseeNode(c.name, connection);
      b.node(msee);
      const outages = c.outages.filter((o) => o.connection === connection).map(({ at, duration }) => ({ at, duration }));
      connectionLinks.push(
        ...b.cable(
          attach,
          msee,
          { ...body, outages },
          // towards Microsoft: Microsoft's routes (AS path of one), at the site's local preference; back:
          // the site's routes as Microsoft sees them, longer by the site's prepends
          { ...(c.shaping ? shaped : atPort), routeFilter: { prefixes: carried.get(c.name)!, scopes: new Set(peerScopes(c)) }, metric: bgpMetric(1, c.localPreference) },
          { ...atPort, routeFilter: scopesOf([...customerScopes(attach), ...peerScopes(c)]), metric: bgpMetric(1 + c.asPathPrepend) },
        ),
      );
      b.cable(msee, peeringNode(pl.name), plainBody(BACKBONE_BPS, MSEE_TO_EDGE_DELAY, c.origin));
    }
    b.out.failureGroups.push({
      name: c.name,
      links: connectionLinks.map((l) => l.name),
      process: c.circuitFailures,
      outages: c.outages.filter((o) => o.connection === 'both').map(({ at, duration }) => ({ at, duration })),
    });
  }

  // Global Reach: the linked circuits' peering locations over Microsoft's backbone, carrying each site's private prefix to the other
  const linked = new Set<string>();
  for (const c of circuits) {
    for (const d of reachPeers(c)) {
      const key = [c.name, d.name].sort().join('|');
      if (linked.has(key)) continue;
      linked.add(key);
      const [x, y] = [locationOf(c.peeringLocation), locationOf(d.peeringLocation)];
      if (x.name === y.name) continue; // one peering location: its node joins the two circuits already
      b.cable(
        peeringNode(x.name),
        peeringNode(y.name),
        plainBody(BACKBONE_BPS, backboneBetween({ location: x.location, local: x.localRegions }, { location: y.location, local: y.localRegions }), [...c.origin, 'global_reach']),
        { routeFilter: scopesOf(customerScopes(attachOf(d))) },
        { routeFilter: scopesOf(customerScopes(attachOf(c))) },
      );
    }
  }
}

/**
 * A connection's queue: the Microsoft-peering QoS classes (EF strict, then weighted) or one FIFO,
 * each holding CIRCUIT_BUFFER_S of the link's rate (at least 64 KB): a realistic router buffer,
 * so that turning QoS off compares scheduling, not buffer sizes.
 */
function circuitQueue(rateBps: number, qos: boolean): QueueSpec {
  const limitBytes = Math.max(65_536, Math.round((rateBps * CIRCUIT_BUFFER_S) / 8));
  if (qos) return { ...MICROSOFT_PEERING_QOS, classes: MICROSOFT_PEERING_QOS.classes.map((c) => ({ ...c, limitBytes })) };
  return { kind: 'droptail', limitPackets: Infinity, limitBytes, classes: [{ name: 'default', dscp: 'default', limitPackets: Infinity, limitBytes, weight: 1 }] };
}
