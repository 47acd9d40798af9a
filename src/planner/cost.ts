import { BURST_WINDOW, QUALITY_WINDOW } from '../probes/media-quality.js';
import { NS_PER_S } from '../core/time.js';
import type { FieldPath } from '../scenario/errors.js';
import type { FlowSpec, LinkSpec, SizeSpec } from '../scenario/scenario.js';
import { plannerNetwork } from './build.js';
import type { Scenario } from './scenario.js';

/** Events per packet: its sending, and about three hops (a pipe event each). */
const EVENTS_PER_PACKET = 4;
/** Payload of a full TCP segment, for the packets of a transaction. */
const SEGMENT = 1448;

/** Partitions 'auto' makes of a large run (docs/parallel.md), and the estimated events from which it may. */
export const AUTO_PARTITIONS = 4;
export const AUTO_MIN_EVENTS = 5e7;

/** What one replication would cost, and the field that drives most of it. */
export interface CostEstimate {
  events: number;
  /** The largest contributor: where it is written, and its events. */
  driver?: { path: FieldPath; events: number };
}

/**
 * Events one replication of a scenario would simulate, from the traffic it offers: UDP sources
 * (rate / packet size over their active time), cross traffic (load x bandwidth / packet size) and
 * the applications of sites' users (calls: concurrency x two directions / packet interval;
 * transactions: their segments). TCP bulk flows are left out: the links they cross bound them. An
 * estimate to refuse absurd runs before they start, not a prediction.
 */
export function estimateEvents(scenario: Scenario): CostEstimate {
  const { network } = plannerNetwork(scenario);
  const seconds = scenario.duration / NS_PER_S;
  let events = 0;
  let driver: CostEstimate['driver'];
  const add = (n: number, path: FieldPath): void => {
    if (!(n > 0)) return;
    events += n;
    if (driver === undefined || n > driver.events) driver = { path, events: n };
  };
  for (const flow of network.flows) add(flowEvents(flow), fieldOf(flow));
  for (const link of network.links) add(crossTrafficEvents(link, seconds), [...link.origin, 'cross_traffic', 'load']);
  return { events, driver };
}

function meanBytes(size: SizeSpec): number {
  return size.kind === 'fixed' ? size.bytes : size.mean;
}

/** Events a flow's packets cause over its active time (both directions of an application). */
export function flowEvents(flow: FlowSpec): number {
  const active = Math.max(0, flow.stop - flow.start) / NS_PER_S;
  if (flow.protocol === 'udp') return (flow.source.rateBps / (8 * meanBytes(flow.source.size))) * active * EVENTS_PER_PACKET;
  if (flow.protocol !== 'app') return 0;
  const m = flow.model;
  if (m.kind === 'call') {
    const concurrency = (flow.users * m.callsPerHour * (m.duration.mean / NS_PER_S)) / 3600;
    return concurrency * 2 * (NS_PER_S / m.packetInterval) * active * EVENTS_PER_PACKET;
  }
  const perSecond = (flow.users * (m.kind === 'web' ? m.requestsPerMinute * 60 : m.transfersPerHour)) / 3600;
  const bytes = m.kind === 'web' ? m.request.mean + m.response.mean : m.size.mean;
  // each segment and its ACK
  return perSecond * active * Math.ceil(bytes / SEGMENT + 1) * 2 * EVENTS_PER_PACKET;
}

function crossTrafficEvents(link: LinkSpec, seconds: number): number {
  const x = link.crossTraffic;
  return x === undefined ? 0 : ((x.load * link.bandwidthBps) / (8 * x.packetSize)) * seconds * 2;
}

/** Where a flow's volume is set: a UDP source's rate, an application's users and rates. */
function fieldOf(flow: FlowSpec): FieldPath {
  if (flow.protocol === 'udp') return [...flow.origin, 'source', 'rate'];
  if (flow.protocol === 'app') return [...flow.origin, flow.model.kind === 'call' ? 'calls_per_hour' : flow.model.kind === 'web' ? 'requests_per_minute' : 'transfers_per_hour'];
  return flow.origin;
}

/** Bytes a time-series sample of a flow or link takes (five doubles: see TimeSeries), and a flow. */
const SAMPLE_BYTES = 40;
const FLOW_BYTES = 2_000;
const PACKET_BYTES = 200;

/**
 * Memory one replication would need at its peak, in bytes: its flows (a row of counters, objects,
 * histograms), the packets its queues may hold, and the time-series samples it would keep (every flow
 * and link at every interval). An estimate to refuse absurd runs before they start.
 */
export function estimateMemory(scenario: Scenario, timeSeriesInterval?: number): { bytes: number; driver: FieldPath } {
  const { network } = plannerNetwork(scenario);
  const flows = network.flows.length + network.flows.filter((f) => f.protocol === 'app').length; // apps have two
  const queued = network.links.reduce((sum, l) => sum + queueLimit(l), 0);
  const samples = timeSeriesInterval === undefined ? 0 : ((flows + network.links.length) * (scenario.duration - scenario.warmup)) / timeSeriesInterval;
  // each direction of a call application keeps the Teams windows of the whole run (MediaQuality)
  const span = Math.max(0, scenario.duration - scenario.warmup);
  const callDirections = 2 * network.flows.filter((f) => f.protocol === 'app' && f.model.kind === 'call').length;
  const windowBytes = callDirections * 8 * (5 * Math.ceil(span / QUALITY_WINDOW) + 2 * Math.ceil(span / BURST_WINDOW));
  // a replication split into partitions keeps a copy of every flow and sample in each (docs/parallel.md)
  const copies = partitionsAtMost(scenario);
  const parts: [number, FieldPath][] = [
    [copies * flows * FLOW_BYTES, ['flows']],
    [copies * windowBytes, ['duration']],
    [queued * PACKET_BYTES, ['links']],
    [copies * samples * SAMPLE_BYTES, ['duration']],
  ];
  const bytes = parts.reduce((sum, [b]) => sum + b, 0);
  const driver = parts.reduce((a, b) => (b[0] > a[0] ? b : a))[1];
  return { bytes, driver };
}

/** The partitions a replication may split into (its `parallel:`; 'auto' splits only large runs). */
function partitionsAtMost(scenario: Scenario): number {
  const p = scenario.parallel?.partitions ?? 'auto';
  if (p !== 'auto') return p;
  return estimateEvents(scenario).events >= AUTO_MIN_EVENTS ? AUTO_PARTITIONS : 1;
}

/** The packets a link's queue may hold (all classes). */
function queueLimit(link: LinkSpec): number {
  const q = link.queue;
  const perClass = q.classes.reduce((sum, c) => sum + (Number.isFinite(c.limitPackets) ? c.limitPackets : 0), 0);
  return q.kind === 'droptail' && Number.isFinite(q.limitPackets) ? Math.max(q.limitPackets, perClass) : perClass;
}

