import type { Nanos } from '../core/time.js';
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
  outages: { at: Nanos; duration: Nanos }[];
  /** Where the link was written in the file, for error messages. */
  origin: FieldPath;
}

export type SizeSpec = { kind: 'fixed'; bytes: number } | { kind: 'exponential'; mean: number };

export type PeriodSpec =
  | { kind: 'exponential'; mean: Nanos }
  | { kind: 'pareto'; mean: Nanos; shape: number };

export type SourceSpec =
  | { kind: 'cbr'; rateBps: number; size: SizeSpec }
  | { kind: 'poisson'; rateBps: number; size: SizeSpec }
  | { kind: 'onoff'; rateBps: number; size: SizeSpec; on: PeriodSpec; off: PeriodSpec };

export interface FlowSpec {
  name: string;
  from: string;
  to: string;
  protocol: 'udp';
  source: SourceSpec;
  dscp: number;
  start: Nanos;
  stop: Nanos;
  /** Node names to pin the path to, or undefined for the lowest-delay path. */
  path?: string[];
  origin: FieldPath;
}

export const DEFAULTS = {
  seed: 1,
  replications: 1,
  mtu: 1500,
  queueLimitPackets: 1000,
  packetSize: 1500,
  drrQuantum: 1500,
} as const;
