import type { Nanos } from '../core/time.js';
import type { Packet } from '../net/packet.js';
import { DelayStats } from './delay-stats.js';
import type { TcpStats } from './tcp-stats.js';

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

/** Per-flow counters in the spirit of ns-3's FlowMonitor. Each event (send, arrival, drop) counts when it happens after the warm-up. */
export class FlowStats {
  txPackets = 0;
  txBytes = 0;
  rxPackets = 0;
  rxBytes = 0;
  lostPackets = 0;
  /** TCP: pure ACKs dropped on the way back. */
  lostAcks = 0;
  readonly delay = new DelayStats();
  /** Bytes sent (after the warm-up) by how exposed the route was (see `Exposure`); fields, not an array, to stay on the flow's cache lines. */
  bytesInternet = 0;
  bytesVpn = 0;
  bytesPrivate = 0;
  /** RFC 3550 interarrival jitter estimate, nanoseconds. */
  jitter = 0;
  private lastTransit = -1;

  /** Present for TCP flows. */
  tcp: TcpStats | undefined;
  /** Told of every packet of the flow the network drops (media quality windows). */
  watcher: { dropped(packet: Packet): void } | undefined;
  /** How the flow's packets go, to name its path in the results. */
  route: { pathLabel(): string } | undefined;

  constructor(
    readonly name: string,
    readonly index: number,
    readonly info: FlowInfo,
  ) {}

  /** Count a packet sent after the warm-up: `exposure` is the route's (Exposure.internet, vpn or private). */
  countSent(bytes: number, exposure: number): void {
    this.txPackets++;
    this.txBytes += bytes;
    if (exposure === 0) this.bytesInternet += bytes;
    else if (exposure === 1) this.bytesVpn += bytes;
    else this.bytesPrivate += bytes;
  }

  recordArrival(bytes: number, transit: Nanos): void {
    this.rxPackets++;
    this.rxBytes += bytes;
    this.delay.record(transit);
    if (this.lastTransit >= 0) {
      const d = transit - this.lastTransit;
      this.jitter += ((d < 0 ? -d : d) - this.jitter) / 16;
    }
    this.lastTransit = transit;
  }
}
