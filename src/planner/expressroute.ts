import { prefixKey } from '../core/prefix.js';
import type { CircuitSpec, Location, PeeringLocationSpec, PlannerLinkSpec, Scenario } from './scenario.js';
import { distanceKm, fibreDelay } from './geography.js';
import { Scope, TopologyBuilder, plainBody, scopes, scopesOf, type LinkBody } from './topology-builder.js';
import {
  BACKBONE_BPS,
  BACKBONE_STRETCH,
  COLOCATED_DELAY,
  LOCAL_SKU_KM,
  MICROSOFT_PEERING_QOS,
  MIN_PORT_BPS,
  MSEE_TO_EDGE_DELAY,
  PROVIDER_HANDOFF_DELAY,
  PROVIDER_STRETCH,
  WAN_EXTRA_DELAY,
  WAN_MTU,
} from './assumptions.js';
import { DIRECT_CIRCUIT_MTU, POLICER_BURST_S, PROVIDER_CIRCUIT_MTU } from './azure/facts.js';

/** The node of a circuit's connection to one of the two MSEEs. */
export const mseeNode = (circuit: string, connection: 'primary' | 'secondary'): string => `${circuit}.${connection}`;
/** Where an IP VPN circuit joins the provider's WAN. */
export const peNode = (circuit: string): string => `${circuit}.pe`;

/**
 * The regions a circuit reaches and the prefixes it carries: Microsoft peering carries the public
 * prefixes of services that use ExpressRoute (Microsoft 365 and Dynamics 365 only on Premium),
 * private peering the VNets; Local reaches regions within 1000 km, Standard its peering location's
 * continent (geopolitical region), Premium every region.
 */
export function carriedPrefixes(scenario: Scenario, circuit: CircuitSpec): Set<string> {
  const { regions, services, peeringLocations } = scenario.planner;
  const location = peeringLocations.find((p) => p.name === circuit.peeringLocation)!;
  const carried = new Set<string>();
  for (const service of services) {
    const region = regions.find((r) => r.name === service.region);
    if (region === undefined || !service.expressroute) continue;
    const reach =
      circuit.sku === 'premium' ||
      (circuit.sku === 'standard' && region.continent === location.continent) ||
      (circuit.sku === 'local' && distanceKm(region.location, location.location) <= LOCAL_SKU_KM);
    if (!reach) continue;
    const peering = service.kind === 'vnet' ? 'private' : 'microsoft';
    if (!circuit.peerings.includes(peering)) continue;
    if (service.kind === 'saas' && circuit.sku !== 'premium') continue;
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
  for (const pl of peeringLocations) {
    b.node(pl.name);
    for (const region of regions) {
      b.cable(pl.name, region.name, plainBody(BACKBONE_BPS, fibreDelay(pl.location, region.location, BACKBONE_STRETCH), ['peering_locations', pl.name]));
    }
  }
  const locationOf = (name: string): PeeringLocationSpec => peeringLocations.find((p) => p.name === name)!;
  const carried = new Map(circuits.map((c) => [c.name, carriedPrefixes(scenario, c)]));
  const wanSites = new Set(wan?.sites ?? []);
  const customerScopes = (attach: string): string[] =>
    attach.endsWith('.pe') || wanSites.has(attach) ? [...wanSites].map(Scope.customer) : [Scope.customer(attach)];

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
          { ...plainBody(wan.bandwidthBps, fibreDelay(x.location, y.location, wan.stretch) + WAN_EXTRA_DELAY, ['wan']), mtu: WAN_MTU, domain: 'wan' },
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
    const port = Math.max(MIN_PORT_BPS, c.bandwidthBps);
    const body: LinkBody = {
      bandwidthBps: c.shaping ? c.bandwidthBps : port,
      delay: accessDelay,
      mtu: c.direct ? DIRECT_CIRCUIT_MTU : PROVIDER_CIRCUIT_MTU,
      queue: c.qos ? MICROSOFT_PEERING_QOS : plainBody(0, 0, []).queue,
      // Shaped connections never exceed the rate, so only an unshaped (faster) port meets the policer.
      policer: c.shaping ? undefined : { rateBps: c.bandwidthBps, burstBytes: Math.max(3000, (c.bandwidthBps * POLICER_BURST_S) / 8) },
      loss: { kind: 'none' },
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
        ...b.cable(attach, msee, { ...body, outages }, { routeFilter: { prefixes: carried.get(c.name)! } }, { routeFilter: scopesOf(customerScopes(attach)) }),
      );
      b.cable(msee, pl.name, plainBody(BACKBONE_BPS, MSEE_TO_EDGE_DELAY, c.origin));
    }
    b.out.failureGroups.push({
      name: c.name,
      links: connectionLinks.map((l) => l.name),
      process: c.circuitFailures,
      outages: c.outages.filter((o) => o.connection === 'both').map(({ at, duration }) => ({ at, duration })),
    });
  }
}
