import type { Prefix } from '../core/prefix.js';
import type { Nanos } from '../core/time.js';
import type { FieldPath } from '../scenario/errors.js';
import type {
  CrossTrafficSpec,
  FailoverSpec,
  FlowSpec,
  LinkSpec,
  LossSpec,
  NetworkScenario,
  OutageProcessSpec,
  QueueSpec,
} from '../scenario/scenario.js';

/**
 * A planner's scenario: the generic network scenario plus sites, regions, services, circuits, VPNs
 * and applications (`planner`), which src/planner turns into more generic nodes, links and flows.
 */
export interface Scenario extends NetworkScenario {
  /** The planner's layer: sites, users, regions, services, the Internet; compiled into the above. */
  planner: PlannerSpec;
  /** Which Teams network targets calls are judged against. */
  targets: 'teams-client' | 'teams-edge';
  prices: PriceSpec;
}

/** What the planner knows of a flow beyond the generic fields: the path policy and the expansion read it. */
export interface PlannerFlowFields {
  /** To or from a VNet: on ExpressRoute it takes private peering, where DSCP is reset to 0. */
  privatePeering?: boolean;
  /** Its payload compresses (WAN optimizers on private peering shrink it on the wire). */
  compressible?: boolean;
  /** The name of the site whose proxy it goes through (resolved into `via` by the expansion). */
  viaSite?: string;
}

export type PlannerFlowSpec = FlowSpec & PlannerFlowFields;

/** What the planner knows of a link it builds: read by its path policy, never by the link. */
export interface LinkRole {
  /** An ExpressRoute connection: DSCP is rewritten by peering on the flows that cross it. */
  circuit?: boolean;
  /** What the link is part of (internet, expressroute, wan, lan, microsoft), to name a flow's path. */
  domain?: string;
  /** WAN optimizers at both ends of this circuit connection: compression ratio on private peering. */
  wanOptimizer?: number;
}

export type PlannerLinkSpec = LinkSpec & LinkRole;

/** Monthly prices (any currency) that give a variant its cost; absent entries cost nothing. */
export interface PriceSpec {
  /** Whether the scenario has a price table at all (no table: no costs, no checks). */
  given: boolean;
  /** Circuit price by bandwidth (bps): the metered data plan, and the unlimited one. */
  circuit: Map<number, number>;
  circuitUnlimited: Map<number, number>;
  /** Premium add-on by bandwidth (bps). */
  premium: Map<number, number>;
  /** Internet access: by Mbps of the larger of up and down, or by access size (bps). */
  internetPerMbps?: number;
  internet: Map<number, number>;
  /** Metered data out of Microsoft over circuits, per GB, by the peering location's zone (1-4); a number: every zone. */
  egressPerGb: Map<number, number>;
  /** Gateways by SKU (ErGwScale: per scale unit); ExpressRoute Direct port pairs by port bandwidth; the provider's fee by circuit bandwidth. */
  erGateway: Map<string, number>;
  vpnGateway: Map<string, number>;
  directPort: Map<number, number>;
  providerPort: Map<number, number>;
  /** Global Reach: per GB between linked circuits. */
  globalReachPerGb?: number;
  /** Hours a month the simulated load lasts (scales metered egress). */
  hoursPerMonth: number;
}

export type Location = readonly [number, number];

export interface RegionSpec {
  name: string;
  /** Its geopolitical region: a Standard circuit reaches the regions of its peering location's. */
  continent: string;
  location: Location;
  /** The catalogue's display name (the published latency table's key); undefined for a region the scenario defines. */
  display?: string;
}

export interface ServiceSpec {
  name: string;
  region: string;
  prefix: Prefix;
  kind: 'saas' | 'paas' | 'vnet' | 'internet';
  /** False for what never uses ExpressRoute (Intune, DNS, CRL, CDN). */
  expressroute: boolean;
  /** SaaS suites: Microsoft 365 needs Premium on a circuit; Dynamics 365 only outside the geopolitical region. */
  product?: 'microsoft-365' | 'dynamics-365';
  /** Internet traffic enters Microsoft's network at the edge nearest the user ('microsoft') or next to the region ('internet'). */
  routingPreference: 'microsoft' | 'internet';
  /**
   * VNets: the ExpressRoute gateway, as billed (its SKU; ErGwScale's scale units) and as it caps the
   * traffic between on-premises and the VNet (bit/s, packets/s), unless FastPath bypasses it.
   */
  gateway?: { sku: string; units: number; bps: number; pps: number; fastpath: boolean };
}

export interface PeeringLocationSpec {
  name: string;
  continent: string;
  location: Location;
  /** The regions ExpressRoute Local reaches from here. */
  localRegions: readonly string[];
  /** Its pricing zone (1-4): metered egress is priced by zone. */
  zone: number;
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
  /** The site's edge shapes its traffic towards Microsoft to the purchased rate (else it meets Microsoft's policer). */
  shaping: boolean;
  /** Microsoft polices each connection at the purchased rate (provider circuits always; Direct when rate limiting is on). */
  policed: boolean;
  /** Metered (egress billed per GB) or unlimited data. */
  dataPlan: 'metered' | 'unlimited';
  /** The policer's bucket, as time at the purchased rate. */
  policerBurst: Nanos;
  /** The port each connection runs on: the provider's hand-off or the Direct port. */
  portBps: number;
  /** BGP: the site's local preference for the routes the circuit brings, and its prepends towards Microsoft. */
  localPreference: number;
  asPathPrepend: number;
  /** Global Reach: circuits linked with this one (their sites reach each other over Microsoft's backbone). */
  globalReach: string[];
  loss: LossSpec;
  crossTraffic?: CrossTrafficSpec;
  qos: boolean;
  failover: FailoverSpec;
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
  qos: boolean;
  loss: LossSpec;
  crossTraffic?: CrossTrafficSpec;
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
  /** Users by persona, when the site counts them so (its users are their sum). */
  personas?: ReadonlyMap<string, number>;
  /** Hours from UTC, and the load by local hour (fractions of the busy hour). */
  utcOffset: number;
  profile: readonly number[];
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
  /** The gateway's aggregate throughput (its SKU), and the SKU (undefined for a bandwidth of its own). */
  gatewayBps: number;
  gatewaySku?: string;
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
  failover: FailoverSpec;
}

export interface PlannerSpec {
  /** The UTC hour the applications' load is taken at (undefined: every site at its busy hour). */
  atUtcHour?: number;
  /** Per persona, how much of each application one user of it uses. */
  personas: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Services with an instance in several regions: their instances (services named NAME.REGION). */
  instances: ReadonlyMap<string, readonly string[]>;
  regions: RegionSpec[];
  services: ServiceSpec[];
  sites: SiteSpec[];
  internet: InternetCoreSpec;
  peeringLocations: PeeringLocationSpec[];
  circuits: CircuitSpec[];
  vpns: VpnSpec[];
  wan?: WanSpec;
  /** Flows between sites, remote groups and services. */
  traffic: PlannerFlowSpec[];
}

