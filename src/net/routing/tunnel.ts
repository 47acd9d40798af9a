import type { PacketId, PacketPool, PacketSink } from '../packet.js';

/**
 * One end of an IPsec tunnel on a route: the entrance adds the encapsulation (ESP, outer IP header)
 * to each packet, the exit removes it. Between them a route crosses the underlay (the Internet)
 * links. They look like links to whatever reads a route (path label, MTU, markings) but take no time.
 */
export class TunnelEndpoint implements PacketSink {
  readonly domain = 'vpn';
  readonly circuit = false;
  readonly wanOptimizer = 1;
  readonly delay = 0;
  readonly up = true;

  constructor(
    readonly name: string,
    /** Bytes added (entrance) or removed (exit). */
    private readonly overhead: number,
    /** The largest inner packet the tunnel carries (the MSS is clamped to it less 40). */
    readonly mtu: number,
    readonly entrance: boolean,
    private readonly packets: PacketPool,
  ) {}

  transmissionTime(_bytes: number): number {
    return 0;
  }

  receive(packet: PacketId, route: readonly PacketSink[], hop: number): void {
    const p = this.packets;
    p.setSize(packet, p.size(packet) + (this.entrance ? this.overhead : -this.overhead));
    route[hop]!.receive(packet, route, hop + 1);
  }
}

/** What makes a link a tunnel: its packets really travel the underlay towards `remoteAddress`. */
export interface TunnelSpec {
  overhead: number;
  mtu: number;
  /** The far end's public (underlay) address. */
  remoteAddress: number;
}

export interface Tunnel {
  entrance: TunnelEndpoint;
  exit: TunnelEndpoint;
  remoteAddress: number;
}
