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
 * A packet's numbers that are not small integers, side by side in its pool's slab (see Packet).
 * The slab is only 16-byte aligned, so a packet's 64 bytes usually straddle two cache lines: what a
 * UDP or call receiver reads (sequence number and send time) lies in 16 bytes, which never do, and
 * what every send writes (those, the acknowledgement and the payload) in the 32 bytes from there.
 */
const SEQ = 0;
const SENT_AT = 1;
const ACK = 2;
const PAYLOAD = 3;
const TS_ECR = 4;
const REQUEST_END = 5;
const RESPONSE_END = 6;
/** Doubles per packet (one spare): 64 bytes, a cache line's worth (the slab's alignment is the allocator's). */
const PACKET_DOUBLES = 8;

/**
 * A packet carries its route (htsim style): the links it crosses, then its sink. `hop` indexes the
 * element that is to receive it next. From link to link the links pass on their own copies of
 * route, hop, size and DSCP (HopFields, in their queues' and wires' rings) and leave the object
 * alone: its `hop` is brought up to date where it leaves the links (a receiver, a tunnel's end, a
 * loss model's draw, a partition's boundary). Packets are pooled and reused; see PacketPool.
 *
 * Its times and byte counts live in a Float64Array shared by a chunk of packets, 8 doubles each,
 * not in fields: V8 keeps a double field in a box of its own, allocated elsewhere, so every one
 * read on a hop of a large network was one more cold cache line (docs/performance.md). The fields
 * the first hop reads (route, hop, size, dscp) come first, then those its delivery reads (the receiver, its
 * tag and the place of its numbers), so that the last hop has them in the line it has just loaded.
 */
export class Packet {
  route: readonly PacketSink[] = [];
  hop = 0;
  /** Bytes on the wire (IP packet). */
  size = 0;
  dscp = 0;
  /** Who receives the packet when its route reaches the flows' shared end (`Delivery`): its flow's receiver. */
  receiver: PacketSink | null = null;
  /** What a receiver shared by many flows needs to find the packet's own one: a call's number in its pool. */
  tag = 0;
  private readonly numbers: Float64Array;
  private readonly at: number;
  flow = 0;
  /** True for a packet that only acknowledges (counted apart from the flow's data). */
  isAck = false;
  /** TCP SACK blocks carried by an ACK: [start, end) pairs, `sackCount` of them (lent by `PacketPool.sackBlocks`). */
  sack: Float64Array | null = null;
  sackCount = 0;

  constructor(numbers: Float64Array = new Float64Array(PACKET_DOUBLES), at = 0) {
    this.numbers = numbers;
    this.at = at;
  }

  /** UDP: packet number. TCP: first byte of the payload. */
  get seq(): number {
    return this.numbers[this.at + SEQ]!;
  }
  set seq(v: number) {
    this.numbers[this.at + SEQ] = v;
  }
  /** TCP payload bytes (0 for a pure ACK). */
  get payload(): number {
    return this.numbers[this.at + PAYLOAD]!;
  }
  set payload(v: number) {
    this.numbers[this.at + PAYLOAD] = v;
  }
  /** TCP cumulative acknowledgement: next byte expected (ACK packets only). */
  get ack(): number {
    return this.numbers[this.at + ACK]!;
  }
  set ack(v: number) {
    this.numbers[this.at + ACK] = v;
  }
  get sentAt(): Nanos {
    return this.numbers[this.at + SENT_AT]!;
  }
  set sentAt(v: Nanos) {
    this.numbers[this.at + SENT_AT] = v;
  }
  /**
   * TCP ACKs: the timestamp echoed (RFC 7323 TSecr), the `sentAt` of the data segment the receiver
   * last took its TS.Recent from. Only a TCP receiver's ACK sets it (and only a TCP sender reads it).
   */
  get tsEcr(): Nanos {
    return this.numbers[this.at + TS_ECR]!;
  }
  set tsEcr(v: Nanos) {
    this.numbers[this.at + TS_ECR] = v;
  }
  /**
   * What a request/response exchange's data says of itself (see traffic/exchange.ts): the request's
   * end and the response's end in the connection's byte streams. The server reads them from the
   * request's bytes rather than from the client's memory, which a partitioned run keeps elsewhere.
   * Only a TCP sender's data sets them (and only a TCP receiver reads them): `stamp` leaves them.
   */
  get requestEnd(): number {
    return this.numbers[this.at + REQUEST_END]!;
  }
  set requestEnd(v: number) {
    this.numbers[this.at + REQUEST_END] = v;
  }
  get responseEnd(): number {
    return this.numbers[this.at + RESPONSE_END]!;
  }
  set responseEnd(v: number) {
    this.numbers[this.at + RESPONSE_END] = v;
  }

  /**
   * Fill every field for a new packet of `flow` about to leave on `route` at time `now`; a route
   * that ends in `Delivery` needs the `receiver` it hands the packet to.
   */
  stamp(flow: number, seq: number, size: number, dscp: number, route: readonly PacketSink[], now: Nanos, receiver: PacketSink | null = null, payload = 0, ack = 0, isAck = false): this {
    const n = this.numbers;
    const at = this.at;
    this.flow = flow;
    n[at + SEQ] = seq;
    this.size = size;
    this.dscp = dscp | 0; // a small integer kept as such: a field V8 has seen hold a double is a box of its own
    this.route = route;
    this.receiver = receiver;
    this.hop = 0;
    n[at + SENT_AT] = now;
    n[at + PAYLOAD] = payload;
    n[at + ACK] = ack;
    this.isAck = isAck;
    return this;
  }

  /** Hand the packet to the next element of its route. */
  forward(): void {
    this.route[this.hop++]!.receive(this);
  }
}

/** Packets made at once by the pool, sharing one slab of numbers. */
const CHUNK = 256;

/** Recycles packets so that the hot path allocates nothing in the steady state. */
export class PacketPool {
  private readonly free: Packet[] = [];
  /** Room for SACK blocks, lent to the few packets in flight that carry some. */
  private readonly freeSacks: Float64Array[] = [];
  /** The slab new packets take their numbers from, and how many of its places are taken. */
  private slab = new Float64Array(0);
  private used = CHUNK;
  allocated = 0;

  take(): Packet {
    const p = this.free.pop();
    if (p !== undefined) return p;
    if (this.used === CHUNK) {
      this.slab = new Float64Array(CHUNK * PACKET_DOUBLES);
      this.used = 0;
    }
    this.allocated++;
    return new Packet(this.slab, PACKET_DOUBLES * this.used++);
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
