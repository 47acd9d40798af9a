import { hostIn } from '../net/routing/prefix.js';
import type {
  AccessSpec,
  FlowSpec,
  LinkSpec,
  Location,
  PrefixSpec,
  QueueSpec,
  ReachabilitySpec,
  Scenario,
  SiteSpec,
} from '../scenario/scenario.js';
import type { Failover } from '../net/routing/routing-control.js';
import type { FieldPath } from '../scenario/errors.js';

/** Light in fibre: about 5 microseconds per kilometre, one way. */
export const NS_PER_KM = 5_000;
const EARTH_RADIUS_KM = 6371;
/** Inside Microsoft's network: edge to datacenter, datacenter to a service's front end. */
const BACKBONE_BPS = 100e9;
const EDGE_TO_REGION_DELAY = 500_000;
const REGION_TO_SERVICE_DELAY = 100_000;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: Location, b: Location): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The generic pieces the planner's layer becomes. */
export interface ExpandedTopology {
  nodes: string[];
  links: LinkSpec[];
  prefixes: PrefixSpec[];
  reachability: ReachabilitySpec[];
  flows: FlowSpec[];
}

/** Node names: where a site's users sit, its edge router, its ISP; a region's nearest Microsoft edge. */
export const siteUsersNode = (site: SiteSpec): string => (site.kind === 'site' ? `${site.name}.lan` : site.name);
export const ispNode = (name: string): string => `${name}.isp`;
export const edgeNode = (region: string): string => `${region}.edge`;

const FAST_QUEUE: QueueSpec = {
  kind: 'droptail',
  limitPackets: 10_000,
  limitBytes: Infinity,
  classes: [{ name: 'default', dscp: 'default', limitPackets: 10_000, limitBytes: Infinity, weight: 1 }],
};

/**
 * Sites, remote users, regions and services as nodes and links: each site is users -- LAN -- edge
 * router -- access link -- ISP; each ISP reaches, across the Internet core, the Microsoft edge
 * nearest to every region (one-way delay 5 us/km x great-circle distance x route stretch, unless
 * given); the edge reaches the region's datacenter, which hosts the services. Access and core links
 * fail over under the Internet's routing (BGP detection and convergence).
 */
export function expandPlanner(scenario: Scenario): ExpandedTopology {
  const { regions, services, sites, internet, traffic } = scenario.planner;
  const out: ExpandedTopology = { nodes: [], links: [], prefixes: [], reachability: [], flows: [] };
  let group = scenario.links.reduce((max, l) => Math.max(max, l.group + 1), 0);
  const cable = (from: string, to: string, forward: Partial<LinkSpec>, reverse: Partial<LinkSpec>, base: Omit<LinkSpec, 'name' | 'from' | 'to' | 'group'>) => {
    const g = group++;
    out.links.push({ ...base, ...forward, name: `${from}->${to}`, from, to, group: g });
    out.links.push({ ...base, ...reverse, name: `${to}->${from}`, from: to, to: from, group: g });
  };
  const plain = (bandwidthBps: number, delay: number, origin: FieldPath): Omit<LinkSpec, 'name' | 'from' | 'to' | 'group'> => ({
    bandwidthBps,
    delay,
    mtu: 9000,
    queue: FAST_QUEUE,
    loss: { kind: 'none' },
    outages: [],
    origin,
  });

  for (const region of regions) {
    out.nodes.push(edgeNode(region.name), region.name);
    cable(edgeNode(region.name), region.name, {}, {}, plain(BACKBONE_BPS, EDGE_TO_REGION_DELAY, ['regions', region.name]));
  }
  for (const service of services) {
    out.nodes.push(service.name);
    out.prefixes.push({ node: service.name, prefix: service.prefix, preference: 0 });
    cable(service.region, service.name, {}, {}, plain(BACKBONE_BPS, REGION_TO_SERVICE_DELAY, ['services', service.name]));
  }
  for (const site of sites) {
    const users = siteUsersNode(site);
    const isp = ispNode(site.name);
    if (site.kind === 'site') {
      out.nodes.push(users, site.name, isp);
      const lan = site.lan!;
      cable(users, site.name, {}, {}, { ...plain(lan.bandwidthBps, lan.delay, [...site.origin, 'lan']), mtu: site.internet.mtu, loss: lan.loss });
      access(site.name, isp, site.internet, internet.failover, cable);
    } else {
      out.nodes.push(users, isp);
      access(users, isp, site.internet, internet.failover, cable);
    }
    out.prefixes.push({ node: users, prefix: site.prefix, preference: 0 });
    for (const region of regions) {
      const explicit = internet.delays.get(`${site.name}|${region.name}`);
      const delay = explicit ?? Math.round(distanceKm(site.location, region.location) * NS_PER_KM * internet.stretch);
      const core: Omit<LinkSpec, 'name' | 'from' | 'to' | 'group'> = {
        bandwidthBps: internet.bandwidthBps,
        delay: Math.max(delay, 100_000),
        mtu: site.internet.mtu,
        queue: internet.queue,
        loss: internet.loss,
        outages: [],
        outageProcess: internet.outageProcess,
        crossTraffic: internet.crossTraffic,
        failover: internet.failover,
        origin: ['internet'],
      };
      cable(isp, edgeNode(region.name), {}, {}, core);
    }
    for (const service of services) {
      out.reachability.push({
        name: `${site.name} -> ${service.name}`,
        from: users,
        to: service.name,
        toAddress: hostIn(service.prefix),
        fromAddress: hostIn(site.prefix),
      });
    }
  }

  const addressOf = new Map<string, { node: string; address: number }>();
  for (const s of sites) addressOf.set(s.name, { node: siteUsersNode(s), address: hostIn(s.prefix) });
  for (const s of services) addressOf.set(s.name, { node: s.name, address: hostIn(s.prefix) });
  for (const flow of traffic) {
    const from = addressOf.get(flow.from);
    const to = addressOf.get(flow.to);
    out.flows.push({
      ...flow,
      from: from?.node ?? flow.from,
      to: to?.node ?? flow.to,
      toAddress: to?.address ?? flow.toAddress,
      fromAddress: from?.address ?? flow.fromAddress,
    });
  }
  return out;
}

type Cable = (from: string, to: string, forward: Partial<LinkSpec>, reverse: Partial<LinkSpec>, base: Omit<LinkSpec, 'name' | 'from' | 'to' | 'group'>) => void;

/** The access link between a site's edge (or a remote group) and its ISP: up and down bandwidths. */
function access(edge: string, isp: string, a: AccessSpec, failover: Failover, cable: Cable): void {
  cable(
    edge,
    isp,
    { bandwidthBps: a.upBps },
    { bandwidthBps: a.downBps },
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
    },
  );
}
