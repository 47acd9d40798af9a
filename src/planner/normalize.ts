import type { Prefix } from '../core/prefix.js';
import { ADDRESS_POOLS, type AddressPool } from './address-pools.js';
import type { FieldPath, IssueList } from '../scenario/errors.js';
import { normalizeCrossTraffic, normalizeFailures, normalizeLoss } from '../scenario/impairments.js';
import { DEFAULTS, type QueueSpec } from '../scenario/scenario.js';
import type { AccessSpec, InternetCoreSpec, PlannerSpec, SiteSpec } from './scenario.js';
import {
  ACCESS_DELAY,
  DEFAULT_CIRCUIT_FAILURES,
  DEFAULT_CONNECTION_FAILURES,
  ER_CONVERGENCE_NS,
  INTERNET_CONVERGENCE_NS,
  INTERNET_CORE_BPS,
  INTERNET_DETECTION_NS,
  INTERNET_STRETCH,
  LAN_BPS,
  LAN_DELAY,
  WAN_BPS,
  WAN_STRETCH,
} from './assumptions.js';
import {
  BFD_DETECTION_NS,
  BGP_HOLD_TIME_NS,
  MAX_DIRECT_CIRCUIT_BPS,
  MAX_PROVIDER_CIRCUIT_BPS,
  TUNNEL_DEFAULTS,
  VPN_GATEWAY_BPS,
} from './azure/facts.js';
import type { ParsedQueue } from '../scenario/schema.js';
import type { ParsedInternetAccess, ParsedScenario } from './schema.js';

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

  const regions = Object.entries(parsed.regions ?? {}).map(([name, r]) => {
    claim(name, 'region', ['regions', name]);
    return { name, continent: r.continent, location: r.location };
  });
  const regionNames = new Set(regions.map((r) => r.name));
  /** The k-th default prefix of `pool`, or (with an issue at the field to set) a placeholder when it has run out. */
  const fromPool = (pool: AddressPool, k: number, at: FieldPath): Prefix => {
    const prefix = pool.subnet(k);
    if (prefix !== undefined) return prefix;
    issues.add(at, pool.exhausted());
    return pool.subnet(0)!;
  };

  const services = Object.entries(parsed.services ?? {}).map(([name, s], k) => {
    claim(name, 'service', ['services', name]);
    if (!regionNames.has(s.region)) issues.add(['services', name, 'region'], `no region named '${s.region}'`);
    const kind = s.kind ?? 'saas';
    if (s.gateway !== undefined && kind !== 'vnet') issues.add(['services', name, 'gateway'], 'only a VNet (kind: vnet) has an ExpressRoute gateway');
    return {
      name,
      region: s.region,
      prefix: s.prefix ?? fromPool(ADDRESS_POOLS.services, k, ['services', name, 'prefix']),
      kind,
      expressroute: s.expressroute ?? kind !== 'internet',
      gateway: s.gateway ?? 'ErGw1Az',
    };
  });

  /** What offices and remote user groups share: a place on the map, users, addresses, an ISP. */
  const place = (section: 'sites' | 'remote_users', name: string, p: ParsedPlace, kind: SiteSpec['kind'], k: number): SiteSpec => {
    const at = [section, name];
    const pool = section === 'sites' ? ADDRESS_POOLS.sites : ADDRESS_POOLS.remote;
    claim(name, kind === 'site' ? 'site' : 'remote user group', at);
    return {
      name,
      kind,
      location: p.location,
      continent: p.continent,
      users: p.users ?? 0,
      prefix: p.prefix ?? fromPool(pool, k, [...at, 'prefix']),
      internet: access(p.internet, [...at, 'internet'], queue),
      origin: at,
    };
  };
  const sites: SiteSpec[] = Object.entries(parsed.sites ?? {}).map(([name, s], k) => ({
    ...place('sites', name, s, 'site', k),
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
    if (!regionNames.has(d.region)) issues.add(['internet', 'delays', i, 'region'], `no region named '${d.region}'`);
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

  const peeringLocations = Object.entries(parsed.peering_locations ?? {}).map(([name, p]) => {
    claim(name, 'peering location', ['peering_locations', name]);
    return { name, continent: p.continent, location: p.location };
  });
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
    if (!peeringLocations.some((p) => p.name === c.peering_location)) issues.add([...at, 'peering_location'], `no peering location named '${c.peering_location}'`);
    const direct = c.direct ?? false;
    if (!direct && c.bandwidth > MAX_PROVIDER_CIRCUIT_BPS) issues.add([...at, 'bandwidth'], 'provider circuits go up to 10 Gbps (ExpressRoute Direct: 100 Gbps)');
    if (direct && c.bandwidth > MAX_DIRECT_CIRCUIT_BPS) issues.add([...at, 'bandwidth'], 'ExpressRoute Direct circuits go up to 100 Gbps');
    const bfd = c.bfd ?? true;
    return {
      name,
      site: c.site,
      peeringLocation: c.peering_location,
      bandwidthBps: c.bandwidth,
      sku: c.sku ?? 'standard',
      direct,
      peerings: [...new Set(c.peerings ?? (['microsoft', 'private'] as const))],
      connectivity,
      accessDelay: c.access_delay,
      shaping: c.shaping ?? true,
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
      ...tunnel(v, at, issues),
      origin: at,
    };
  });
  const wan = parsed.wan && {
    sites: [...wanSites],
    bandwidthBps: parsed.wan.bandwidth ?? WAN_BPS,
    stretch: parsed.wan.stretch ?? WAN_STRETCH,
  };
  return { regions, services, sites, internet, peeringLocations, circuits, vpns, wan, traffic: [] };
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
