import type { Nanos } from '../core/time.js';
import type { Prefix } from '../core/prefix.js';
import type { TcpConfig } from '../transport/tcp/tcp-config.js';
import type { DistributionSpec } from '../core/distribution.js';
import type { FieldPath } from './errors.js';

/**
 * A validated network scenario with every default filled in: nodes, links, prefixes and flows,
 * what compile/ turns into a network. The planner's scenario (src/planner/scenario.ts) extends it.
 */
export interface NetworkScenario {
  name: string;
  description: string;
  duration: Nanos;
  warmup: Nanos;
  seed: number;
  replications: number;
  /** How one replication may be split across threads (src/partition/). */
  parallel: ParallelSpec;
  nodes: string[];
  links: LinkSpec[];
  flows: FlowSpec[];
  /** Prefixes advertised besides each node's own host address (/32 in 10.0.0.0/8). */
  prefixes: PrefixSpec[];
  /** Pairs whose reachability is tracked in availability.csv (besides every flow's ends). */
  reachability: ReachabilitySpec[];
  /** Failures spanning several cables. */
  failureGroups: FailureGroupSpec[];
  /** The variant this scenario is ('base' when the file has none). */
  variant: string;
}

/** Partitions of one replication: 'auto' chooses (docs/parallel.md); 1 never splits. */
export interface ParallelSpec {
  partitions: number | 'auto';
  /** The shortest link a partition boundary may cut (default: the planner's choice, at least MIN_LOOKAHEAD). */
  lookahead?: Nanos;
}

/** How routing reacts to a link's failure: the time to notice it, then the time to route around it. */
export interface FailoverSpec {
  detection: Nanos;
  convergence: Nanos;
}

/** Which routes a link carries: those of the listed prefixes (by prefixKey) or scopes. */
export interface RouteFilterSpec {
  prefixes?: ReadonlySet<string>;
  scopes?: ReadonlySet<string>;
}

/** Failures that take several cables down together (an ExpressRoute circuit's common mode). */
export interface FailureGroupSpec {
  name: string;
  links: string[];
  process?: OutageProcessSpec;
  outages: { at: Nanos; duration: Nanos }[];
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
  /** Other addresses `from` must reach too for the pair to work (what the service depends on, e.g. DNS). */
  needs?: number[];
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
  failover?: FailoverSpec;
  /** Background cross traffic loading this direction. */
  crossTraffic?: CrossTrafficSpec;
  /** Which routes the link carries (default: all). */
  routeFilter?: RouteFilterSpec;
  /** A packet-rate cap (an ExpressRoute gateway's packets per second); excess is policed. */
  ppsLimit?: number;
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
  /** A proxy at a site the flow goes through, both ways (the article's hair-pinning). */
  via?: { node: string; address: number; internetAddress?: number };
  /** The pair of places it runs between ("boston -> microsoft365"): exposure.csv sums flows by pair. */
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

/** Defaults of the generic network (the planner's are in src/planner/assumptions.ts and src/planner/azure/). */
export const DEFAULTS = {
  crossTrafficSources: 32,
  seed: 1,
  replications: 1,
  mtu: 1500,
  queueLimitPackets: 1000,
  packetSize: 1500,
  drrQuantum: 1500,
} as const;
