import type { Prefix } from '../core/prefix.js';
import { ADDRESS_POOLS, type AddressPool } from './address-pools.js';
import type { FieldPath, IssueList } from '../scenario/errors.js';
import { normalizeCrossTraffic, normalizeFailures, normalizeLoss } from '../scenario/impairments.js';
import { DEFAULTS, type QueueSpec } from '../scenario/scenario.js';
import { formatBandwidth } from '../scenario/units.js';
import type { AccessSpec, InternetCoreSpec, Location, PeeringLocationSpec, PlannerSpec, RegionSpec, ServiceSpec, SiteSpec } from './scenario.js';
import {
  ACCESS_DELAY,
  BGP,
  DEFAULT_CIRCUIT_FAILURES,
  DEFAULT_CONNECTION_FAILURES,
  ER_CONVERGENCE_NS,
  INTERNET_CONVERGENCE_NS,
  INTERNET_CORE_BPS,
  INTERNET_DETECTION_NS,
  INTERNET_STRETCH,
  LAN_BPS,
  LAN_DELAY,
  MIN_PORT_BPS,
  OFFICE_HOURS_PROFILE,
  WAN_BPS,
  WAN_STRETCH,
} from './assumptions.js';
import {
  BFD_DETECTION_NS,
  BGP_HOLD_TIME_NS,
  DIRECT_OVERSUBSCRIPTION,
  DIRECT_PORTS,
  ER_GATEWAYS,
  ER_SCALE_UNIT,
  FASTPATH_MIN_SCALE_UNITS,
  FASTPATH_SKUS,
  CIRCUITS_PER_LOCATION_PER_VNET,
  GATEWAY_CONNECTIONS,
  MICROSOFT_PEERING_ROUTES,
  PRIVATE_PEERING_ROUTES,
  POLICER_BURST_S,
  PROVIDER_CIRCUIT_BPS,
  TUNNEL_DEFAULTS,
  VPN_GATEWAY_BPS,
} from './azure/facts.js';
import { EDGE_SITES, PEERING_LOCATIONS, REGIONS, lookup, zoneOf } from './azure/catalogue.js';
import { nearestNames } from '../scenario/near-names.js';
import { nearest } from './geography.js';
import type { ParsedQueue } from '../scenario/schema.js';
import type { ParsedCircuit, ParsedInternetAccess, ParsedScenario } from './schema.js';

type ParsedPlace = NonNullable<ParsedScenario['remote_users']>[string];

type QueueNormalizer = (queue: ParsedQueue | undefined, at: FieldPath) => QueueSpec;


/**
 * Check the planner's layer and fill its defaults. Names of sites, remote groups, regions and
 * services share one namespace with the generic nodes (they become nodes).
 */
export function normalizePlanner(parsed: ParsedScenario, issues: IssueList, genericNodes: Set<string>, queue: QueueNormalizer): PlannerSpec {
  const names = new Map<string, string>(); // name -> what it is, for collision messages
  for (const node of genericNodes) names.set(node, 'node');
  const claim = (name: string, what: string, at: FieldPath): void => {
    const owner = names.get(name);
    if (owner !== undefined) issues.add(at, `'${name}' is already the name of a ${owner}`);
    names.set(name, what);
  };

  const regions: RegionSpec[] = [];
  const addRegion = (name: string, r: { continent?: string; location?: Location }, at: FieldPath): void => {
    claim(name, 'region', at);
    const known = lookup(REGIONS, name);
    if (known === undefined && (r.continent === undefined || r.location === undefined)) {
      issues.add(at, `'${name}' is not an Azure region of the catalogue (nearest: ${nearestNames(name, Object.keys(REGIONS)).join(', ')}); to define a region of your own give its location and continent`);
    }
    regions.push({ name, continent: r.continent ?? known?.geo ?? 'unknown', location: r.location ?? known?.location ?? [0, 0], display: known?.display });
  };
  if (Array.isArray(parsed.regions)) parsed.regions.forEach((name, i) => addRegion(name, {}, ['regions', i]));
  else for (const [name, r] of Object.entries(parsed.regions ?? {})) addRegion(name, r, ['regions', name]);
  const regionNames = new Set(regions.map((r) => r.name));
  /** A region the scenario names without listing it: taken from the catalogue (false when it is not there). */
  const catalogueRegion = (name: string, at: FieldPath): boolean => {
    if (regionNames.has(name)) return true;
    if (lookup(REGIONS, name) === undefined) {
      issues.add(at, `no region named '${name}' in regions: or in the catalogue (nearest: ${nearestNames(name, [...regionNames, ...Object.keys(REGIONS)]).join(', ')})`);
      return false;
    }
    addRegion(name, {}, at);
    regionNames.add(name);
    return true;
  };
  /** The k-th default prefix of `pool`, or (with an issue at the field to set) a placeholder when it has run out. */
  const fromPool = (pool: AddressPool, k: number, at: FieldPath): Prefix => {
    const prefix = pool.subnet(k);
    if (prefix !== undefined) return prefix;
    issues.add(at, pool.exhausted());
    return pool.subnet(0)!;
  };

  const instances = new Map<string, string[]>();
  const services: ServiceSpec[] = [];
  for (const [name, s] of Object.entries(parsed.services ?? {})) {
    const at = ['services', name];
    const kind = s.kind ?? 'saas';
    if (s.gateway !== undefined && kind !== 'vnet') issues.add([...at, 'gateway'], 'only a VNet (kind: vnet) has an ExpressRoute gateway');
    if (s.fastpath === true && kind !== 'vnet') issues.add([...at, 'fastpath'], 'FastPath bypasses the ExpressRoute gateway of a VNet (kind: vnet)');
    if (s.product !== undefined && kind !== 'saas') issues.add([...at, 'product'], 'a product (microsoft-365, dynamics-365) is a SaaS service (kind: saas)');
    const list = Array.isArray(s.region);
    if (list && (kind === 'vnet' || s.prefix !== undefined)) issues.add([...at, 'region'], 'a service in several regions is a public one with default addresses (not a VNet, no prefix)');
    if (list) claim(name, 'service', at);
    const regionsOf = Array.isArray(s.region) ? s.region : [s.region];
    regionsOf.forEach((region, i) => {
      const instance = list ? `${name}.${region}` : name;
      const where = list ? [...at, 'region', i] : [...at, 'region'];
      claim(instance, 'service', list ? where : at);
      catalogueRegion(region, where);
      services.push({
        name: instance,
        region,
        prefix: (list ? undefined : s.prefix) ?? fromPool(ADDRESS_POOLS.services, services.length, [...at, 'prefix']),
        kind,
        // Intune, DNS, certificate revocation and CDN never use ExpressRoute (see NEVER_OVER_EXPRESSROUTE)
        expressroute: s.expressroute ?? (kind !== 'internet' && !NEVER_OVER_EXPRESSROUTE.test(name)),
        product: s.product ?? (kind === 'saas' ? 'microsoft-365' : undefined),
        routingPreference: s.routing_preference ?? 'microsoft',
        gateway: kind === 'vnet' ? erGateway(s, at, issues) : undefined,
      });
      if (list) instances.set(name, [...(instances.get(name) ?? []), instance]);
    });
  }

  /** What offices and remote user groups share: a place on the map, users, addresses, an ISP. */
  const place = (section: 'sites' | 'remote_users', name: string, p: ParsedPlace & { utc_offset?: number; profile?: number[] }, kind: SiteSpec['kind'], k: number): SiteSpec => {
    const at = [section, name];
    const pool = section === 'sites' ? ADDRESS_POOLS.sites : ADDRESS_POOLS.remote;
    claim(name, kind === 'site' ? 'site' : 'remote user group', at);
    return {
      name,
      kind,
      ...located(placeLocation(p.location, [...at, 'location'], issues), p, parsed.profile),
      continent: p.continent,
      users: p.users ?? 0,
      prefix: p.prefix ?? fromPool(pool, k, [...at, 'prefix']),
      internet: access(p.internet, [...at, 'internet'], queue),
      origin: at,
    };
  };
  const personas = new Map(Object.entries(parsed.personas ?? {}).map(([p, apps]) => [p, new Map(Object.entries(apps))]));
  for (const [p, apps] of personas) {
    for (const app of apps.keys()) if (!Object.hasOwn(parsed.apps ?? {}, app)) issues.add(['personas', p, app], `no application named '${app}' in apps:`);
  }
  const sites: SiteSpec[] = Object.entries(parsed.sites ?? {}).map(([name, s], k) => ({
    ...place('sites', name, s, 'site', k),
    ...sitePersonas(name, s, personas, issues),
    natPrefix: s.nat_prefix ?? fromPool(ADDRESS_POOLS.nat, k, ['sites', name, 'nat_prefix']),
    security: s.security && { delay: s.security.delay, throughputBps: s.security.throughput ?? Infinity },
    lan: {
      bandwidthBps: s.lan?.bandwidth ?? LAN_BPS,
      delay: s.lan?.delay ?? LAN_DELAY,
      loss: normalizeLoss(s.lan?.loss, undefined),
    },
  }));
  Object.entries(parsed.remote_users ?? {}).forEach(([name, g], k) => {
    const group = place('remote_users', name, g, 'remote', k);
    if (g.vpn !== undefined) {
      const at = ['remote_users', name, 'vpn'];
      if (!parsed.sites?.[g.vpn.site]) issues.add([...at, 'site'], `no site named '${g.vpn.site}'`);
      group.vpn = { site: g.vpn.site, tunnel: g.vpn.tunnel ?? 'split', pool: g.vpn.pool ?? fromPool(ADDRESS_POOLS.vpnPools, k, [...at, 'pool']), ...tunnel(g.vpn, at, issues) };
    }
    sites.push(group);
  });

  const core = parsed.internet;
  const delays = new Map<string, number>();
  core?.delays?.forEach((d, i) => {
    if (!sites.some((s) => s.name === d.from)) issues.add(['internet', 'delays', i, 'from'], `no site or remote user group named '${d.from}'`);
    catalogueRegion(d.region, ['internet', 'delays', i, 'region']);
    delays.set(`${d.from}|${d.region}`, d.delay);
  });
  const internet: InternetCoreSpec = {
    stretch: core?.stretch ?? INTERNET_STRETCH,
    bandwidthBps: core?.bandwidth ?? INTERNET_CORE_BPS,
    delays,
    queue: queue(core?.queue, ['internet', 'queue']),
    loss: normalizeLoss(core?.loss, undefined),
    outageProcess: normalizeFailures(core?.failures),
    crossTraffic: normalizeCrossTraffic(core?.cross_traffic),
    failover: { detection: core?.detection ?? INTERNET_DETECTION_NS, convergence: core?.convergence ?? INTERNET_CONVERGENCE_NS },
  };
  if ((sites.length > 0 || services.length > 0) && regions.length === 0) issues.add(['regions'], 'sites and services need at least one region');

  const peeringLocations: PeeringLocationSpec[] = [];
  const addPeeringLocation = (name: string, p: { continent?: string; location?: Location; local_regions?: string[] }, at: FieldPath): void => {
    const known = lookup(PEERING_LOCATIONS, name);
    if (known === undefined && (p.continent === undefined || p.location === undefined)) {
      issues.add(at, `'${name}' is not an ExpressRoute peering location of the catalogue (nearest: ${nearestNames(name, Object.keys(PEERING_LOCATIONS)).join(', ')}); to define one of your own give its location and continent`);
    }
    const local = p.local_regions ?? known?.local ?? [];
    if (p.local_regions !== undefined) p.local_regions.forEach((r, i) => catalogueRegion(r, [...at, 'local_regions', i]));
    const continent = p.continent ?? known?.geo ?? 'unknown';
    peeringLocations.push({ name, continent, location: p.location ?? known?.location ?? [0, 0], localRegions: local, zone: known?.zone ?? zoneOf(continent) });
  };
  for (const [name, p] of Object.entries(parsed.peering_locations ?? {})) addPeeringLocation(name, p, ['peering_locations', name]);
  const siteNames = new Set(sites.filter((s) => s.kind === 'site').map((s) => s.name));
  const wanSites = new Set(parsed.wan?.sites ?? []);
  parsed.wan?.sites.forEach((s, i) => {
    if (!siteNames.has(s)) issues.add(['wan', 'sites', i], `no site named '${s}'`);
  });
  const circuits = Object.entries(parsed.circuits ?? {}).map(([name, c]) => {
    const at = ['circuits', name];
    claim(name, 'circuit', at);
    const connectivity = c.connectivity ?? 'point-to-point';
    if (connectivity === 'ipvpn') {
      if (parsed.wan === undefined) issues.add([...at, 'connectivity'], 'an IP VPN circuit needs a wan (kind: ipvpn) to attach to');
      if (c.site !== undefined) issues.add([...at, 'site'], 'an IP VPN circuit attaches to the provider WAN, not to one site');
    } else if (c.site === undefined) issues.add([...at, 'site'], 'this field is required (the site whose edge terminates the circuit)');
    else if (!siteNames.has(c.site)) issues.add([...at, 'site'], `no site named '${c.site}'`);
    if (!peeringLocations.some((p) => p.name === c.peering_location)) addPeeringLocation(c.peering_location, {}, [...at, 'peering_location']);
    const direct = c.direct ?? false;
    const sku = c.sku ?? 'standard';
    const portBps = circuitPort(c, direct, at, issues);
    if (sku === 'local') {
      const location = peeringLocations.find((p) => p.name === c.peering_location);
      if (location !== undefined && location.localRegions.length === 0) issues.add([...at, 'sku'], `ExpressRoute Local is not offered at ${c.peering_location} (no Local regions there); choose standard or premium`);
    }
    const bfd = c.bfd ?? true;
    return {
      name,
      site: c.site,
      peeringLocation: c.peering_location,
      bandwidthBps: c.bandwidth,
      sku,
      direct,
      peerings: [...new Set(c.peerings ?? (['microsoft', 'private'] as const))],
      connectivity,
      accessDelay: c.access_delay,
      shaping: c.shaping ?? false,
      policed: direct ? (c.rate_limit ?? false) : true,
      policerBurst: c.policer_burst ?? POLICER_BURST_S * 1e9,
      dataPlan: c.data_plan ?? 'metered',
      portBps,
      localPreference: c.local_preference ?? BGP.defaultLocalPreference,
      asPathPrepend: c.as_path_prepend ?? 0,
      globalReach: c.global_reach ?? [],
      loss: normalizeLoss(c.loss, undefined),
      crossTraffic: normalizeCrossTraffic(c.cross_traffic),
      qos: c.qos ?? true,
      failover: { detection: bfd ? BFD_DETECTION_NS : BGP_HOLD_TIME_NS, convergence: c.convergence ?? ER_CONVERGENCE_NS },
      connectionFailures: normalizeFailures(c.failures) ?? DEFAULT_CONNECTION_FAILURES,
      circuitFailures: normalizeFailures(c.circuit_failures) ?? DEFAULT_CIRCUIT_FAILURES,
      outages: (c.outages ?? []).map((o) => ({ at: o.at, duration: o.duration, connection: o.connection ?? 'both' })),
      forcedTunneling: c.forced_tunneling ?? false,
      wanOptimizerRatio: c.wan_optimizer?.ratio ?? 1,
      origin: at,
    };
  });
  // A Direct port pair carries circuits adding up to twice its bandwidth (per peering location and port size: one pair each)
  const directLoad = new Map<string, { total: number; port: number; at: FieldPath }>();
  for (const c of circuits.filter((c) => c.direct)) {
    const key = `${c.peeringLocation}|${c.portBps}`;
    const load = directLoad.get(key) ?? { total: 0, port: c.portBps, at: c.origin };
    load.total += c.bandwidthBps;
    directLoad.set(key, load);
  }
  for (const [key, load] of directLoad) {
    if (load.total > DIRECT_OVERSUBSCRIPTION * load.port) {
      issues.add([...load.at, 'bandwidth'], `the Direct circuits on the ${load.port / 1e9} Gbps port pair at ${key.split('|')[0]} add up to ${load.total / 1e9} Gbps, more than the ${(DIRECT_OVERSUBSCRIPTION * load.port) / 1e9} Gbps a pair may carry`);
    }
  }
  const vpns = Object.entries(parsed.vpns ?? {}).map(([name, v], k) => {
    const at = ['vpns', name];
    claim(name, 'VPN', at);
    if (ADDRESS_POOLS.vpnGateways.subnet(k) === undefined) issues.add(at, `at most ${ADDRESS_POOLS.vpnGateways.size} VPNs (their gateways' addresses)`);
    if (!siteNames.has(v.site)) issues.add([...at, 'site'], `no site named '${v.site}'`);
    const vnet = services.find((s) => s.name === v.vnet);
    if (vnet === undefined) issues.add([...at, 'vnet'], `no service named '${v.vnet}'`);
    else if (vnet.kind !== 'vnet') issues.add([...at, 'vnet'], `'${v.vnet}' is not a VNet (kind: vnet): a VPN gateway lives in a VNet`);
    const gateway = v.gateway ?? 'VpnGw1';
    return {
      name,
      site: v.site,
      vnet: v.vnet,
      gatewayBps: typeof gateway === 'string' ? VPN_GATEWAY_BPS[gateway] : gateway.bandwidth,
      gatewaySku: typeof gateway === 'string' ? gateway : undefined,
      ...tunnel(v, at, issues),
      origin: at,
    };
  });
  for (const v of vpns) {
    const first = vpns.find((w) => w.vnet === v.vnet)!;
    if (first !== v && first.gatewayBps !== v.gatewayBps) {
      issues.add([...v.origin, 'gateway'], `a VNet has one VPN gateway, shared by its tunnels: '${v.vnet}' already has ${first.gatewayBps / 1e6} Mbps from ${first.name}`);
    }
  }
  const wan = parsed.wan && {
    sites: [...wanSites],
    bandwidthBps: parsed.wan.bandwidth ?? WAN_BPS,
    stretch: parsed.wan.stretch ?? WAN_STRETCH,
    qos: parsed.wan.qos ?? false,
    loss: normalizeLoss(parsed.wan.loss, undefined),
    crossTraffic: normalizeCrossTraffic(parsed.wan.cross_traffic),
  };
  checkLimits(parsed, circuits, services, issues);
  return { atUtcHour: atHour(parsed.at, sites), personas, instances, regions, services, sites, internet, peeringLocations, circuits, vpns, wan, traffic: [] };
}

/**
 * What Azure refuses or drops (expressroute-faqs.md, expressroute-routing.md,
 * expressroute-about-virtual-network-gateways.md): a BGP session over which the site advertises
 * more than 4,000 prefixes on private peering (10,000 with Premium) or 200 on Microsoft peering is
 * dropped; a VNet's gateway connects at most 4 circuits of one peering location, and 4, 8 or 16 in
 * all by SKU; Global Reach links circuits that exist, with private peering, not a circuit to itself.
 */
function checkLimits(parsed: ParsedScenario, circuits: PlannerSpec['circuits'], services: ServiceSpec[], issues: IssueList): void {
  for (const c of circuits) {
    const routes = parsed.circuits?.[c.name]?.advertised_routes;
    const privateLimit = c.sku === 'premium' ? PRIVATE_PEERING_ROUTES.premium : PRIVATE_PEERING_ROUTES.standard;
    if ((routes?.private ?? 0) > privateLimit) {
      issues.add([...c.origin, 'advertised_routes', 'private'], `Microsoft accepts at most ${privateLimit} prefixes on private peering of a ${c.sku} circuit and drops the BGP session beyond; got ${routes!.private}`);
    }
    if ((routes?.microsoft ?? 0) > MICROSOFT_PEERING_ROUTES) {
      issues.add([...c.origin, 'advertised_routes', 'microsoft'], `Microsoft accepts at most ${MICROSOFT_PEERING_ROUTES} prefixes on Microsoft peering and drops the BGP session beyond; got ${routes!.microsoft}`);
    }
    c.globalReach.forEach((other, i) => {
      const at = [...c.origin, 'global_reach', i];
      const peer = circuits.find((d) => d.name === other);
      if (peer === undefined) issues.add(at, `no circuit named '${other}'`);
      else if (peer === c) issues.add(at, 'Global Reach links two different circuits');
      else if (!peer.peerings.includes('private') || !c.peerings.includes('private')) issues.add(at, 'Global Reach links circuits through their private peering');
    });
  }
  for (const vnet of services.filter((s) => s.kind === 'vnet')) {
    const connected = circuits.filter((c) => c.peerings.includes('private'));
    const g = vnet.gateway!;
    const limit = gatewayConnections(g.sku, g.units);
    if (connected.length > limit) {
      issues.add(['services', vnet.name, 'gateway'], `the ${gatewayLabel(g.sku, g.units)} gateway of '${vnet.name}' connects at most ${limit} circuits; ${connected.length} have private peering`);
    }
    const perLocation = new Map<string, number>();
    for (const c of connected) perLocation.set(c.peeringLocation, (perLocation.get(c.peeringLocation) ?? 0) + 1);
    for (const [location, n] of perLocation) {
      if (n > CIRCUITS_PER_LOCATION_PER_VNET) issues.add(['services', vnet.name], `a VNet connects at most ${CIRCUITS_PER_LOCATION_PER_VNET} circuits of one peering location; ${n} are at ${location}`);
    }
  }
}

/** Circuits a gateway SKU connects (Standard/ErGw1Az 4, HighPerformance/ErGw2Az 8, UltraPerformance/ErGw3Az 16; ErGwScale by units). */
function gatewayConnections(sku: string, units: number): number {
  if (sku === 'ErGwScale') return units >= 10 ? 16 : units >= 2 ? 8 : 4;
  return GATEWAY_CONNECTIONS[sku] ?? 16;
}

/** The instance of a service (in several regions) nearest to a place; the service itself otherwise. */
export function nearestInstance(planner: Pick<PlannerSpec, 'instances' | 'services' | 'regions'>, service: string, from: Location): string {
  const list = planner.instances.get(service);
  if (list === undefined) return service;
  const regionOf = (instance: string) => planner.regions.find((r) => r.name === planner.services.find((s) => s.name === instance)!.region)!;
  return nearest(list, from, (instance) => regionOf(instance).location)!;
}

/** A site's users by persona: known personas, and users (when given) equal to their sum. */
function sitePersonas(
  name: string,
  s: { users?: number; personas?: Record<string, number> },
  personas: ReadonlyMap<string, ReadonlyMap<string, number>>,
  issues: IssueList,
): { personas?: ReadonlyMap<string, number>; users?: number } {
  if (s.personas === undefined) return {};
  const counts = new Map(Object.entries(s.personas));
  for (const p of counts.keys()) if (!personas.has(p)) issues.add(['sites', name, 'personas', p], `no persona named '${p}' in personas:`);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (s.users !== undefined && s.users !== total) issues.add(['sites', name, 'users'], `the site's personas add up to ${total} users; drop users or make it ${total}`);
  return { personas: counts, users: total };
}

/** A place's location, its hours from UTC (given, or its longitude's rounded to the hour) and its daily profile. */
function located(location: Location, p: { utc_offset?: number; profile?: number[] }, scenarioProfile: number[] | undefined): Pick<SiteSpec, 'location' | 'utcOffset' | 'profile'> {
  return { location, utcOffset: p.utc_offset ?? Math.round(location[1] / 15), profile: p.profile ?? scenarioProfile ?? OFFICE_HOURS_PROFILE };
}

/** The UTC hour of `at` (HH:MMZ, minutes dropped), or the hour when the sites' users together are busiest. */
function atHour(at: string | undefined, sites: readonly SiteSpec[]): number | undefined {
  if (at === undefined) return undefined;
  if (at !== 'busy-hour') return Number(at.slice(0, 2));
  let best = 0;
  let bestLoad = -1;
  for (let hour = 0; hour < 24; hour++) {
    const load = sites.reduce((sum, s) => sum + s.users * localLoad(s, hour), 0);
    if (load > bestLoad) [best, bestLoad] = [hour, load];
  }
  return best;
}

/** A site's load at a UTC hour, as a fraction of its busy hour. */
export const localLoad = (site: Pick<SiteSpec, 'utcOffset' | 'profile'>, utcHour: number): number => site.profile[(((utcHour + site.utcOffset) % 24) + 24) % 24]!;

/** Intune, DNS, certificate revocation (CRL, OCSP) and CDN services go to the Internet whatever the circuits (seed article; expressroute-faqs.md). */
const NEVER_OVER_EXPRESSROUTE = /^(intune|dns|crl|ocsp|cdn)([-_.]|$)/i;

/**
 * A VNet's ExpressRoute gateway: its SKU and caps (FastPath alone is an ErGw3Az with it on). FastPath
 * needs ErGw3Az, UltraPerformance or ErGwScale of 10 units or more.
 */
function erGateway(s: NonNullable<ParsedScenario['services']>[string], at: FieldPath, issues: IssueList): NonNullable<ServiceSpec['gateway']> {
  const g = s.gateway ?? 'ErGw1Az';
  const fastpath = s.fastpath === true || g === 'FastPath';
  const sku = g === 'FastPath' ? 'ErGw3Az' : typeof g === 'string' ? g : 'ErGwScale';
  const units = typeof g === 'object' ? g.scale_units : 1;
  const caps = sku === 'ErGwScale' ? { bps: units * ER_SCALE_UNIT.bps, pps: units * ER_SCALE_UNIT.pps } : ER_GATEWAYS[sku as keyof typeof ER_GATEWAYS];
  const eligible = sku === 'ErGwScale' ? units >= FASTPATH_MIN_SCALE_UNITS : FASTPATH_SKUS.has(sku);
  if (fastpath && !eligible) {
    issues.add([...at, 'fastpath'], `FastPath needs an ErGw3Az or UltraPerformance gateway, or ErGwScale with at least ${FASTPATH_MIN_SCALE_UNITS} scale units; got ${gatewayLabel(sku, units)}`);
  }
  return { sku, units, ...caps, fastpath };
}

/** A gateway as a planner names it: the SKU, with ErGwScale's units. */
const gatewayLabel = (sku: string, units: number): string => (sku === 'ErGwScale' ? `ErGwScale(${units})` : sku);

/** The port a circuit's connections run on; its bandwidth must be one Microsoft sells (on that port, for Direct). */
function circuitPort(c: ParsedCircuit, direct: boolean, at: FieldPath, issues: IssueList): number {
  const show = (bps: number): string => formatBandwidth(bps, ' ');
  if (!direct) {
    if (c.port !== undefined) issues.add([...at, 'port'], 'a port is chosen for ExpressRoute Direct circuits (direct: true) only');
    if (!PROVIDER_CIRCUIT_BPS.includes(c.bandwidth)) {
      issues.add([...at, 'bandwidth'], `a provider circuit is ${PROVIDER_CIRCUIT_BPS.map(show).join(', ')}; got ${show(c.bandwidth)}`);
    }
    return Math.max(MIN_PORT_BPS, c.bandwidth);
  }
  const port = c.port ?? [...DIRECT_PORTS.keys()].find((p) => DIRECT_PORTS.get(p)!.includes(c.bandwidth)) ?? 100e9;
  const sizes = DIRECT_PORTS.get(port);
  if (sizes === undefined) issues.add([...at, 'port'], `an ExpressRoute Direct port pair is 10 Gbps or 100 Gbps; got ${show(port)}`);
  else if (!sizes.includes(c.bandwidth)) issues.add([...at, 'bandwidth'], `a circuit on a ${show(port)} Direct port is ${sizes.map(show).join(', ')}; got ${show(c.bandwidth)}`);
  return port;
}

/** Coordinates, or the location of a named edge site, peering location or region of the catalogue. */
function placeLocation(p: Location | string, at: FieldPath, issues: IssueList): Location {
  if (typeof p !== 'string') return p;
  const found = lookup(EDGE_SITES, p)?.location ?? lookup(PEERING_LOCATIONS, p)?.location ?? lookup(REGIONS, p)?.location;
  if (found !== undefined) return found;
  const names = new Set([...Object.keys(EDGE_SITES), ...Object.keys(PEERING_LOCATIONS), ...Object.keys(REGIONS)]);
  issues.add(at, `'${p}' is not a place of the catalogue (a city with a Microsoft edge site, a peering location or a region; nearest: ${nearestNames(p, names).join(', ')}); give [latitude, longitude] instead`);
  return [0, 0];
}

function tunnel(t: { overhead?: number; mtu?: number }, at: FieldPath, issues: IssueList): { overhead: number; mtu: number } {
  const overhead = t.overhead ?? TUNNEL_DEFAULTS.overhead;
  const mtu = t.mtu ?? TUNNEL_DEFAULTS.mtu;
  if (mtu + overhead > 1500) issues.add([...at, 'mtu'], `a tunnel MTU of ${mtu} B plus ${overhead} B of encapsulation exceeds the Internet's 1500 B`);
  if (mtu < 576) issues.add([...at, 'mtu'], 'a tunnel MTU must be at least 576 B');
  return { overhead, mtu };
}

function access(a: ParsedInternetAccess, at: FieldPath, queue: QueueNormalizer): AccessSpec {
  const bw = a.bandwidth;
  return {
    downBps: typeof bw === 'number' ? bw : bw.down,
    upBps: typeof bw === 'number' ? bw : bw.up,
    delay: a.delay ?? ACCESS_DELAY,
    mtu: a.mtu ?? DEFAULTS.mtu,
    queue: queue(a.queue, [...at, 'queue']),
    loss: normalizeLoss(a.loss, undefined),
    outages: a.outages ?? [],
    outageProcess: normalizeFailures(a.failures),
    crossTraffic: normalizeCrossTraffic(a.cross_traffic),
    origin: at,
  };
}
