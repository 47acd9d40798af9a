import type { Nanos } from '../core/time.js';
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
}

export interface QueueClassSpec {
  name: string;
  dscp: number[] | 'default';
  limitPackets: number;
  limitBytes: number;
  weight: number;
}

export type QueueSpec =
  | { kind: 'droptail'; limitPackets: number; limitBytes: number; classes: QueueClassSpec[] }
  | { kind: 'priority'; classes: QueueClassSpec[] }
  | { kind: 'drr'; quantum: number; classes: QueueClassSpec[] };

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
  loss: number;
  /** 1-based numbers of the packets to drop deterministically on the wire. */
  dropPackets: number[];
  outages: { at: Nanos; duration: Nanos }[];
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

interface FlowBase {
  name: string;
  from: string;
  to: string;
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

export type FlowSpec = UdpFlowSpec | TcpFlowSpec;

export const DEFAULTS = {
  seed: 1,
  replications: 1,
  mtu: 1500,
  queueLimitPackets: 1000,
  packetSize: 1500,
  drrQuantum: 1500,
} as const;
