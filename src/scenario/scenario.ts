import type { Nanos } from '../core/time.js';
import type { Failover, RouteFilter } from '../net/routing/routing-control.js';
import type { Prefix } from '../core/prefix.js';
import type { TcpConfig } from '../transport/tcp/tcp-config.js';
import type { DistributionSpec } from '../traffic/distribution.js';
import type { FieldPath } from './errors.js';

/** A validated scenario with every default filled in: what compile/ turns into a network. */
export interface Scenario {
  name: string;
  description: string;
  duration: Nanos;
  warmup: Nanos;
  seed: number;
  replications: number;
  nodes: string[];
  links: LinkSpec[];
  flows: FlowSpec[];
  /** Prefixes advertised besides each node's own host address (/32 in 10.0.0.0/8). */
  prefixes: PrefixSpec[];
  /** Pairs whose reachability is tracked in availability.csv (besides every flow's ends). */
  reachability: ReachabilitySpec[];
  /** The planner's layer: sites, users, regions, services, the Internet; compiled into the above. */
  planner: PlannerSpec;
  /** Failures spanning several cables. */
  failureGroups: FailureGroupSpec[];
  /** The variant this scenario is ('base' when the file has none). */
  variant: string;
  /** Which Teams network targets calls are judged against. */
  targets: 'teams-client' | 'teams-edge';
  prices: PriceSpec;
}

/** Monthly prices (any currency) that give a variant its cost; absent entries cost nothing. */
export interface PriceSpec {
  /** Circuit price by bandwidth (bps). */
  circuit: Map<number, number>;
  /** Premium add-on by bandwidth (bps). */
  premium: Map<number, number>;
  internetPerMbps: number;
  /** Metered data: outbound from Microsoft over circuits. */
  egressPerGb: number;
  /** Hours a month the simulated load lasts (scales metered egress). */
  hoursPerMonth: number;
}

export type Location = readonly [number, number];

export interface RegionSpec {
  name: string;
  continent: string;
  location: Location;
}

export interface ServiceSpec {
  name: string;
  region: string;
  prefix: Prefix;
  kind: 'saas' | 'paas' | 'vnet' | 'internet';
  /** False for what never uses ExpressRoute (Intune, DNS, CRL, CDN). */
  expressroute: boolean;
  /** VNets: the ExpressRoute gateway that caps private-peering traffic. */
  gateway: 'ErGw1Az' | 'ErGw2Az' | 'ErGw3Az' | 'FastPath';
}

export interface PeeringLocationSpec {
  name: string;
  continent: string;
  location: Location;
}

export type Peering = 'microsoft' | 'private';

/** An ExpressRoute circuit: two connections (primary, secondary) to two MSEEs at a peering location. */
export interface CircuitSpec {
  name: string;
  /** The site whose edge terminates it; undefined for a circuit on the provider's IP VPN. */
  site?: string;
  peeringLocation: string;
  bandwidthBps: number;
  sku: 'local' | 'standard' | 'premium';
  direct: boolean;
  peerings: Peering[];
  connectivity: 'colocated' | 'point-to-point' | 'ipvpn';
  accessDelay?: Nanos;
  /** Connections shaped to the purchased rate (true) or policed at it on a faster port (false). */
  shaping: boolean;
  qos: boolean;
  failover: Failover;
  connectionFailures?: OutageProcessSpec;
  circuitFailures?: OutageProcessSpec;
  outages: { at: Nanos; duration: Nanos; connection: 'primary' | 'secondary' | 'both' }[];
  /** The site advertises the default route to Microsoft: VNet traffic to anything else goes through it. */
  forcedTunneling: boolean;
  /** WAN optimizers on both sides of private peering: compressible traffic shrinks by this ratio. */
  wanOptimizerRatio: number;
  origin: FieldPath;
}

/** The provider's any-to-any IP VPN (MPLS) between sites. */
export interface WanSpec {
  sites: string[];
  bandwidthBps: number;
  stretch: number;
}

/** Failures that take several cables down together (an ExpressRoute circuit's common mode). */
export interface FailureGroupSpec {
  name: string;
  links: string[];
  process?: OutageProcessSpec;
  outages: { at: Nanos; duration: Nanos }[];
}

/** A site's or a remote group's connection to its ISP. */
export interface AccessSpec {
  downBps: number;
  upBps: number;
  delay: Nanos;
  mtu: number;
  queue: QueueSpec;
  loss: LossSpec;
  outages: { at: Nanos; duration: Nanos }[];
  outageProcess?: OutageProcessSpec;
  crossTraffic?: CrossTrafficSpec;
  origin: FieldPath;
}

/** An office (with its LAN and edge router) or a group of remote users (no LAN). */
export interface SiteSpec {
  name: string;
  kind: 'site' | 'remote';
  location: Location;
  continent?: string;
  users: number;
  /** Private addresses (LAN, WAN, circuits); for remote users, their public addresses. */
  prefix: Prefix;
  /** A site's public NAT pool: what the Internet sees of it. */
  natPrefix?: Prefix;
  /** Security appliances at the edge: every packet in or out crosses them. */
  security?: { delay: Nanos; throughputBps: number };
  lan?: { bandwidthBps: number; delay: Nanos; loss: LossSpec };
  internet: AccessSpec;
  /** Remote users: a remote access VPN into a site. */
  vpn?: RemoteAccessVpnSpec;
  origin: FieldPath;
}

export interface TunnelSettings {
  /** Bytes of encapsulation per packet (ESP, outer IP header). */
  overhead: number;
  /** Largest inner packet (TCP's MSS is clamped to it less 40). */
  mtu: number;
}

export interface RemoteAccessVpnSpec extends TunnelSettings {
  site: string;
  /** split: only the site's and its VNets' prefixes go through the tunnel; forced: everything, through the site. */
  tunnel: 'split' | 'forced';
  /** Addresses the site gives the VPN clients (part of its private space). */
  pool: Prefix;
}

/** A site-to-site VPN between a site's edge and a VNet's VPN gateway, over the Internet. */
export interface VpnSpec extends TunnelSettings {
  name: string;
  site: string;
  vnet: string;
  /** The gateway's aggregate throughput (its SKU). */
  gatewayBps: number;
  origin: FieldPath;
}

/** The Internet between ISPs and the Microsoft edge nearest to each region. */
export interface InternetCoreSpec {
  /** Path length / great-circle distance. */
  stretch: number;
  bandwidthBps: number;
  /** Explicit one-way delays, by "site|region". */
  delays: Map<string, Nanos>;
  queue: QueueSpec;
  loss: LossSpec;
  outageProcess?: OutageProcessSpec;
  crossTraffic?: CrossTrafficSpec;
  failover: Failover;
}

export interface PlannerSpec {
  regions: RegionSpec[];
  services: ServiceSpec[];
  sites: SiteSpec[];
  internet: InternetCoreSpec;
  peeringLocations: PeeringLocationSpec[];
  circuits: CircuitSpec[];
  vpns: VpnSpec[];
  wan?: WanSpec;
  /** Flows between sites, remote groups and services. */
  traffic: FlowSpec[];
}

export interface PrefixSpec {
  node: string;
  prefix: Prefix;
  /** Among routes to the same prefix, the higher preference wins. */
  preference: number;
  /** What kind of route it is, for link route filters (default 'any'). */
  scope?: string;
  /** A route that attracts traffic but delivers none (an ISP's default, an aggregate): no_route there. */
  discard?: boolean;
}

export interface ReachabilitySpec {
  name: string;
  from: string;
  to: string;
  /** Addresses towards `to` and back towards `from`. */
  toAddress: number;
  fromAddress: number;
  /** `from`'s address as the Internet sees it (its NAT pool), when the way there is not a circuit. */
  fromInternetAddress?: number;
}

/** Loss on the wire of one link direction. */
export type LossSpec =
  | { kind: 'none' }
  | { kind: 'bernoulli'; p: number }
  | { kind: 'gilbert'; p: number; r: number; lossGood: number; lossBad: number }
  | { kind: 'list'; packets: number[] };

/** Alternating up/down renewal process of a cable (both directions fail together). */
export interface OutageProcessSpec {
  up: DistributionSpec;
  down: DistributionSpec;
}

export interface QueueClassSpec {
  name: string;
  dscp: number[] | 'default';
  limitPackets: number;
  limitBytes: number;
  weight: number;
  /** qos queues: served in strict priority before the weighted classes. */
  strict?: boolean;
}

export type QueueSpec =
  | { kind: 'droptail'; limitPackets: number; limitBytes: number; classes: QueueClassSpec[] }
  | { kind: 'priority'; classes: QueueClassSpec[] }
  | { kind: 'drr'; quantum: number; classes: QueueClassSpec[] }
  | { kind: 'qos'; quantum: number; classes: QueueClassSpec[] };

/** One direction of a link. */
export interface LinkSpec {
  name: string;
  from: string;
  to: string;
  bandwidthBps: number;
  delay: Nanos;
  mtu: number;
  queue: QueueSpec;
  policer?: { rateBps: number; burstBytes: number };
  loss: LossSpec;
  /** Scheduled outages of the cable. */
  outages: { at: Nanos; duration: Nanos }[];
  /** Random outages of the cable. */
  outageProcess?: OutageProcessSpec;
  /** Directions of one cable share a group: they fail together. */
  group: number;
  /** How routing reacts to failures of this link (none: routes are static). */
  failover?: Failover;
  /** Background cross traffic loading this direction. */
  crossTraffic?: CrossTrafficSpec;
  /** Which routes the link carries (default: all). */
  routeFilter?: RouteFilter;
  /** An ExpressRoute connection: DSCP is rewritten by peering on the flows that cross it. */
  circuit?: boolean;
  /** A packet-rate cap (an ExpressRoute gateway's packets per second); excess is policed. */
  ppsLimit?: number;
  /** What the link is part of (internet, expressroute, wan, lan, microsoft), to name a flow's path. */
  domain?: string;
  /** WAN optimizers at both ends of this circuit connection: compression ratio on private peering. */
  wanOptimizer?: number;
  /** Extra routing cost (ns): a path used only when nothing cheaper is left. */
  metric?: number;
  /** A VPN tunnel to the `to` node: its packets cross the underlay to `remoteAddress`. */
  tunnel?: { overhead: number; mtu: number; remoteAddress: number };
  /** Where the link was written in the file, for error messages. */
  origin: FieldPath;
}

export type SizeSpec = { kind: 'fixed'; bytes: number } | { kind: 'exponential'; mean: number };


export type SourceSpec =
  | { kind: 'cbr'; rateBps: number; size: SizeSpec }
  | { kind: 'poisson'; rateBps: number; size: SizeSpec }
  | { kind: 'onoff'; rateBps: number; size: SizeSpec; on: DistributionSpec; off: DistributionSpec };

export type AppSpec =
  | { kind: 'bulk'; size: number }
  | {
      kind: 'request_response';
      request: DistributionSpec;
      response: DistributionSpec;
      think: DistributionSpec;
      count: number;
    };

/** TCP settings of a flow; `mss` undefined means "path MTU - 40". */
export type TcpSpec = Omit<TcpConfig, 'mss'> & { mss?: number };

/** Background load on a link: on/off sources with heavy-tailed periods (self-similar in aggregate). */
export interface CrossTrafficSpec {
  /** Mean utilization it adds, 0-1. */
  load: number;
  sources: number;
  on: DistributionSpec;
  off: DistributionSpec;
  packetSize: number;
  /** Load multipliers per hour of the day (24 values) and the hour at which the run starts. */
  profile?: { hourly: number[]; startHour: number };
}

interface FlowBase {
  name: string;
  from: string;
  to: string;
  /** Destination address (default: the `to` node's host address) and the way back. */
  toAddress?: number;
  fromAddress?: number;
  /** `from`'s Internet (NAT) address: replies come back to it when the flow does not go by circuit. */
  fromInternetAddress?: number;
  /** `to`'s Internet (NAT) address, for flows from a service to a site. */
  toInternetAddress?: number;
  /** To or from a VNet: on ExpressRoute it takes private peering, where DSCP is reset to 0. */
  privatePeering?: boolean;
  /** A proxy at a site the flow goes through, both ways (the article's hair-pinning). */
  via?: { node: string; address: number; internetAddress?: number };
  /** The planner's name of the site whose proxy it is (resolved by the planner's layer). */
  viaSite?: string;
  /** Its payload compresses (WAN optimizers on private peering shrink it on the wire). */
  compressible?: boolean;
  /** The planner's names of its two ends ("site -> service"), for exposure.csv. */
  pair?: string;
  dscp: number;
  start: Nanos;
  stop: Nanos;
  /** Node names to pin the path to, or undefined for the lowest-delay path. */
  path?: string[];
  origin: FieldPath;
}

export interface UdpFlowSpec extends FlowBase {
  protocol: 'udp';
  source: SourceSpec;
}

export interface TcpFlowSpec extends FlowBase {
  protocol: 'tcp';
  tcp: TcpSpec;
  app: AppSpec;
}

/** E-model (G.107) codec impairment: equipment impairment Ie and packet-loss robustness Bpl. */
export interface CodecSpec {
  name: string;
  ie: number;
  bpl: number;
}

/** What users of an application do (per user rates; a site multiplies them by its users). */
export type ApplicationModel =
  | {
      kind: 'call';
      media: 'audio' | 'video' | 'sharing';
      callsPerHour: number;
      duration: DistributionSpec;
      /** Payload bit rate of each direction. */
      bitrateBps: number;
      packetInterval: Nanos;
      /** Bytes on the wire (payload + IP/UDP/RTP headers). */
      packetBytes: number;
      codec: CodecSpec;
    }
  | { kind: 'web'; requestsPerMinute: number; request: DistributionSpec; response: DistributionSpec; maxConnections: number }
  | { kind: 'transfer'; transfersPerHour: number; size: DistributionSpec; direction: 'up' | 'down'; maxConnections: number };

/** One application as used by one site's (or remote group's) users towards its service. */
export interface AppFlowSpec extends FlowBase {
  protocol: 'app';
  application: string;
  site: string;
  service: string;
  users: number;
  model: ApplicationModel;
  tcp: TcpSpec;
}

export type FlowSpec = UdpFlowSpec | TcpFlowSpec | AppFlowSpec;

export const DEFAULTS = {
  erConvergence: 15e9,
  bfdDetection: 900_000_000,
  bgpHoldTime: 180e9,
  wanBandwidth: 1e9,
  wanStretch: 1.3,
  accessDelay: 2_000_000,
  lanBandwidth: 10e9,
  lanDelay: 100_000,
  coreBandwidth: 100e9,
  routeStretch: 1.5,
  internetDetection: 180e9,
  internetConvergence: 60e9,
  crossTrafficSources: 32,
  seed: 1,
  replications: 1,
  mtu: 1500,
  queueLimitPackets: 1000,
  packetSize: 1500,
  drrQuantum: 1500,
} as const;
