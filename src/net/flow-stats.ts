import type { Nanos } from '../core/time.js';
import type { DelayStats } from '../probes/delay-stats.js';
import { FLOW_ROW, type FlowTable } from './flow-table.js';
import type { TcpStats } from '../probes/tcp-stats.js';

/** What a flow is, for the result rows. */
export interface FlowInfo {
  from: string;
  to: string;
  dscp: number;
  protocol: 'udp' | 'tcp';
  /** Cross traffic: counted by the links it loads, not reported as a flow. */
  background?: boolean;
  /** The planner's pair of places the flow runs between ("boston -> microsoft365"), for exposure.csv. */
  pair?: string;
}

/**
 * Per-flow counters in the spirit of ns-3's FlowMonitor. Each event (send, arrival, drop) counts when
 * it happens after the warm-up. The numbers live in the network's FlowTable (row `row`); this is
 * the flow's view of them.
 */
export class FlowStats {
  /** Present for TCP flows. */
  tcp: TcpStats | undefined;
  /** Told of every packet of the flow the network drops (media quality windows). */
  watcher: { dropped(sentAt: Nanos): void } | undefined;
  /** How the flow's packets go, to name its path in the results. */
  route: { pathLabel(): string } | undefined;

  constructor(
    readonly name: string,
    readonly index: number,
    readonly info: FlowInfo,
    readonly table: FlowTable,
    readonly row: number,
  ) {}

  get txPackets(): number {
    return this.table.get(this.row, FLOW_ROW.txPackets);
  }
  get txBytes(): number {
    return this.table.sentBytes(this.row);
  }
  get rxPackets(): number {
    return this.table.get(this.row, FLOW_ROW.rxPackets);
  }
  get rxBytes(): number {
    return this.table.get(this.row, FLOW_ROW.rxBytes);
  }
  get lostPackets(): number {
    return this.table.get(this.row, FLOW_ROW.lostPackets);
  }
  /** TCP: pure ACKs dropped on the way back. */
  get lostAcks(): number {
    return this.table.get(this.row, FLOW_ROW.lostAcks);
  }
  /** Bytes sent (after the warm-up) by how exposed the route was (see `Exposure`). */
  get bytesInternet(): number {
    return this.table.get(this.row, FLOW_ROW.bytesInternet);
  }
  get bytesVpn(): number {
    return this.table.get(this.row, FLOW_ROW.bytesVpn);
  }
  get bytesPrivate(): number {
    return this.table.get(this.row, FLOW_ROW.bytesPrivate);
  }
  /** RFC 3550 interarrival jitter estimate after the last packet, nanoseconds. */
  get jitter(): number {
    return this.table.get(this.row, FLOW_ROW.jitter);
  }
  /** The flow's jitter: the mean of the RFC 3550 estimate over its packets (NaN: none), nanoseconds. */
  get meanJitter(): number {
    return this.meanJitterOf ?? this.table.meanJitter(this.row);
  }
  /** Set by a flow whose packets belong to many streams (a site's calls): the mean of their own estimates. */
  meanJitterOf: number | undefined;
  /** The 95th percentile over 15 s windows of the mean RFC 3550 jitter (NaN: no packet), ns. */
  get jitterP95(): number {
    return this.jitterP95Of ?? this.table.jitterP95(this.row);
  }
  /** Set by a flow whose packets belong to many streams (a site's calls): their windowed figure. */
  jitterP95Of: number | undefined;
  /** When the first packet after the warm-up was sent (NaN: none). */
  get firstSentAt(): Nanos {
    const t = this.table.get(this.row, FLOW_ROW.firstSent);
    return t < 0 ? NaN : t;
  }
  /** When the last packet arrived (NaN: none). */
  get lastArrivalAt(): Nanos {
    const t = this.table.get(this.row, FLOW_ROW.lastArrival);
    return t < 0 ? NaN : t;
  }
  /** One-way delays of the packets delivered (a copy, taken when asked). */
  get delay(): DelayStats {
    return this.table.delay(this.row);
  }

  /** Count a packet sent after the warm-up: `exposure` is the route's (Exposure.internet, vpn or private). */
  countSent(bytes: number, exposure: number): void {
    this.table.countSent(this.row, bytes, exposure);
  }

  /** Count a packet delivered after the warm-up, its delay, and (with `jitter`) the flow's RFC 3550 jitter. */
  recordArrival(bytes: number, transit: Nanos, jitter = true): void {
    this.table.recordArrival(this.row, bytes, transit, jitter);
  }

  /** The same, for a packet delivered at `at`, counted later in a batch (see FlowTable's feeders). */
  recordArrivalAt(bytes: number, transit: Nanos, jitter: boolean, at: Nanos): void {
    this.table.recordArrivalAt(this.row, bytes, transit, jitter, at);
  }
}
