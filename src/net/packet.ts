import type { Nanos } from '../core/time.js';

/** Anything a packet can be handed to: a link, or the sink at the end of a route. */
export interface PacketSink {
  receive(packet: Packet): void;
  /**
   * True for a receiver that every flow of its kind shares (the UDP sink): it ends their routes
   * itself, without the detour through `Delivery` that per-connection receivers take.
   */
  readonly endsRoutes?: boolean;
}

/**
 * A packet carries its route (htsim style): the links it crosses, then its sink. `hop` indexes the
 * element that is to receive it next. Packets are pooled and reused; see PacketPool.
 */
export class Packet {
  flow = 0;
  /** UDP: packet number. TCP: first byte of the payload. */
  seq = 0;
  /** Bytes on the wire (IP packet). */
  size = 0;
  /** TCP payload bytes (0 for a pure ACK). */
  payload = 0;
  /** TCP cumulative acknowledgement: next byte expected (ACK packets only). */
  ack = 0;
  /** True for a packet that only acknowledges (counted apart from the flow's data). */
  isAck = false;
  /** TCP SACK blocks carried by an ACK: [start, end) pairs, `sackCount` of them (lent by `PacketPool.sackBlocks`). */
  sack: Float64Array | null = null;
  sackCount = 0;
  dscp = 0;
  route: readonly PacketSink[] = [];
  hop = 0;
  sentAt: Nanos = 0;
  enqueuedAt: Nanos = 0;
  /**
   * TCP ACKs: the timestamp echoed (RFC 7323 TSecr), the `sentAt` of the data segment the receiver
   * last took its TS.Recent from. Only a TCP receiver's ACK sets it (and only a TCP sender reads it).
   */
  tsEcr: Nanos = 0;
  /**
   * What a request/response exchange's data says of itself (see traffic/exchange.ts): the request's
   * end and the response's end in the connection's byte streams. The server reads them from the
   * request's bytes rather than from the client's memory, which a partitioned run keeps elsewhere.
   * Only a TCP sender's data sets them (and only a TCP receiver reads them): `stamp` leaves them.
   */
  requestEnd = 0;
  responseEnd = 0;
  /** Who receives the packet when its route reaches the flows' shared end (`Delivery`): its flow's receiver. */
  receiver: PacketSink | null = null;

  /**
   * Fill every field for a new packet of `flow` about to leave on `route` at time `now`; a route
   * that ends in `Delivery` needs the `receiver` it hands the packet to.
   */
  stamp(flow: number, seq: number, size: number, dscp: number, route: readonly PacketSink[], now: Nanos, receiver: PacketSink | null = null, payload = 0, ack = 0, isAck = false): this {
    this.flow = flow;
    this.seq = seq;
    this.size = size;
    this.dscp = dscp;
    this.route = route;
    this.receiver = receiver;
    this.hop = 0;
    this.sentAt = now;
    this.payload = payload;
    this.ack = ack;
    this.isAck = isAck;
    return this;
  }

  /** Hand the packet to the next element of its route. */
  forward(): void {
    this.route[this.hop++]!.receive(this);
  }
}

/** Recycles packets so that the hot path allocates nothing in the steady state. */
export class PacketPool {
  private readonly free: Packet[] = [];
  /** Room for SACK blocks, lent to the few packets in flight that carry some. */
  private readonly freeSacks: Float64Array[] = [];
  allocated = 0;

  take(): Packet {
    const p = this.free.pop();
    if (p !== undefined) return p;
    this.allocated++;
    return new Packet();
  }

  release(packet: Packet): void {
    packet.route = EMPTY_ROUTE;
    if (packet.sack !== null) {
      this.freeSacks.push(packet.sack);
      packet.sack = null;
    }
    packet.sackCount = 0;
    this.free.push(packet);
  }

  /**
   * Room for `packet`'s SACK blocks (three [start, end) pairs), back in the pool with the packet:
   * kept by every packet that ever carried some, they were a third of a large network's packet memory.
   */
  sackBlocks(packet: Packet): Float64Array {
    return (packet.sack ??= this.freeSacks.pop() ?? new Float64Array(6));
  }
}

const EMPTY_ROUTE: readonly PacketSink[] = [];
