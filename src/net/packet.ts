import type { Clock, Nanos } from '../core/time.js';
import { LINE_ALIGNED_BASE } from '../core/line-aligned-rows.js';

declare const packetBrand: unique symbol;
/**
 * A packet: the number of its row in its network's `PacketPool`, which holds all its fields. Not an
 * object: in a large network tens of thousands of packets are in flight, each read again where it
 * lands tens of milliseconds after it was written, and an object and its numbers were two cold cache
 * lines where a row is one (docs/performance.md).
 */
export type PacketId = number & { readonly [packetBrand]: true };

/**
 * Anything a packet can be handed to: a link, or the sink at the end of a route. A packet carries
 * its route (htsim style), the elements it crosses, and the index of the next one: `receive` is
 * passed both, and an element that passes the packet on calls `route[hop].receive(packet, route,
 * hop + 1)`. They are not in the packet's row, so that the hops that only pass it on leave the row
 * alone (links keep their own copies in their rings).
 */
export interface PacketSink {
  receive(packet: PacketId, route: readonly PacketSink[], hop: number): void;
  /**
   * True for a receiver that every flow of its kind shares (the UDP sink): it ends their routes
   * itself, without the detour through `Delivery` that per-connection receivers take.
   */
  readonly endsRoutes?: boolean;
}

/** A sender's first step: hand `packet` to the first element of `route`. */
export function send(packet: PacketId, route: readonly PacketSink[]): void {
  route[0]!.receive(packet, route, 1);
}

/**
 * A packet's row: 64 bytes, 8 doubles, the small integers in int32 pairs among them. What every
 * receiver reads (sequence number, send time, size, tag, flow) is in the first 32 bytes, then what
 * TCP reads too. Rows start LINE_ALIGNED_BASE doubles in, on a cache line. `BASE + packet * ROW` is
 * written out at each use: a helper for it cost 5 instructions an event more on the UDP dumbbell
 * (callgrind), V8 inlining less around it.
 */
const ROW = 8;
/** A module's own constant, folded into the code (an import is read from its cell at each use). */
const BASE = LINE_ALIGNED_BASE;
/** Doubles. */
const SEQ = 0;
const SENT_AT = 1;
const ACK = 5;
/** A TCP ACK's echoed timestamp, or a TCP data segment's request end (see `tsEcr`, `requestEnd`). */
const ECHO_OR_REQUEST = 6;
const RESPONSE_END = 7;
/** Int32s, from the row's start in int32s (the one at 4 is spare). Sizes are whole bytes: the scenario's units round them. */
const SIZE = 5;
const TAG = 6;
const FLOW = 7;
/** DSCP (6 bits), then the ACK flag, then the number of SACK blocks. */
const FLAGS = 8;
const PAYLOAD = 9;
const DSCP_MASK = 0x3f;
const IS_ACK = 0x40;
const SACK_SHIFT = 7;
/** SACK blocks a packet can carry: [start, end) pairs in `sacks`. */
export const MAX_SACK_BLOCKS = 3;
const SACK_DOUBLES = 2 * MAX_SACK_BLOCKS;

const MIN_CAPACITY = 1024;
const STOPPED: Clock = { now: 0 };

/**
 * Every packet of a network, one row each, recycled so that the hot path allocates nothing in the
 * steady state. From link to link the links pass on their own copies of a packet's size and DSCP
 * (HopFields, in their queues' and wires' rings, with its route and hop) and leave its row alone.
 *
 * Numbers are read and written through small methods, which the optimizing compiler inlines into
 * plain typed-array accesses. The arrays are replaced when the pool grows: read them through the pool.
 */
export class PacketPool {
  private numbers = new Float64Array(0);
  private ints = new Int32Array(0);
  /** Each packet's room for SACK blocks, SACK_DOUBLES doubles (only ACKs write there). */
  private sacks = new Float64Array(0);
  private readonly free: number[] = [];
  private capacity = 0;
  /** Packets ever made (the most in use at once). */
  allocated = 0;

  /** `clock` stamps the packets' send times (the simulator's). */
  constructor(private readonly clock: Clock = STOPPED) {}

  take(): PacketId {
    const free = this.free;
    if (free.length > 0) return free.pop()! as PacketId;
    if (this.allocated === this.capacity) this.grow();
    return this.allocated++ as PacketId;
  }

  /** The packet is done with; its row goes to the next `take`, unread (`stamp` writes it anew). */
  release(packet: PacketId): void {
    this.free.push(packet);
  }

  /**
   * Fill every field for a new packet of `flow` about to leave now (the clock's time), with the
   * `tag` its route's shared end finds its receiver by (see `tag`). Leaves the echoed timestamp and
   * the exchange's ends; carries no SACK block. The time is read, not passed: V8 boxes a time passed
   * to a call it does not inline (docs/architecture.md).
   */
  stamp(packet: PacketId, flow: number, seq: number, size: number, dscp: number, tag: number, payload = 0, ack = 0, isAck = false): PacketId {
    const d = BASE + packet * ROW;
    const n = this.numbers;
    n[d + SEQ] = seq;
    n[d + SENT_AT] = this.clock.now;
    n[d + ACK] = ack;
    const i = 2 * d;
    const ints = this.ints;
    ints[i + SIZE] = size;
    ints[i + TAG] = tag;
    ints[i + FLOW] = flow;
    ints[i + FLAGS] = (dscp & DSCP_MASK) | (isAck ? IS_ACK : 0);
    ints[i + PAYLOAD] = payload;
    return packet;
  }

  /** Bytes on the wire (IP packet). */
  size(packet: PacketId): number {
    return this.ints[2 * (BASE + packet * ROW) + SIZE]!;
  }
  setSize(packet: PacketId, size: number): void {
    this.ints[2 * (BASE + packet * ROW) + SIZE] = size;
  }
  /**
   * What the shared end of the packet's route needs to find the packet's own receiver: a call's
   * number (calls' receivers), a connection's receiver's number in `Delivery`; 0 for UDP.
   */
  tag(packet: PacketId): number {
    return this.ints[2 * (BASE + packet * ROW) + TAG]!;
  }
  flow(packet: PacketId): number {
    return this.ints[2 * (BASE + packet * ROW) + FLOW]!;
  }
  dscp(packet: PacketId): number {
    return this.ints[2 * (BASE + packet * ROW) + FLAGS]! & DSCP_MASK;
  }
  /** True for a packet that only acknowledges (counted apart from the flow's data). */
  isAck(packet: PacketId): boolean {
    return (this.ints[2 * (BASE + packet * ROW) + FLAGS]! & IS_ACK) !== 0;
  }
  /** TCP payload bytes (0 for a pure ACK or a SYN). */
  payload(packet: PacketId): number {
    return this.ints[2 * (BASE + packet * ROW) + PAYLOAD]!;
  }
  /** UDP: packet number. TCP: first byte of the payload. */
  seq(packet: PacketId): number {
    return this.numbers[BASE + packet * ROW + SEQ]!;
  }
  sentAt(packet: PacketId): Nanos {
    return this.numbers[BASE + packet * ROW + SENT_AT]!;
  }
  /** TCP cumulative acknowledgement: next byte expected (ACK packets only). */
  ack(packet: PacketId): number {
    return this.numbers[BASE + packet * ROW + ACK]!;
  }
  /**
   * A TCP ACK's echoed timestamp (RFC 7323 TSecr): the `sentAt` of the data segment the receiver
   * last took its TS.Recent from. Only a TCP receiver's ACK sets it, only a TCP sender reads it, and
   * it shares its place with `requestEnd`, which only data carries.
   */
  tsEcr(packet: PacketId): Nanos {
    return this.numbers[BASE + packet * ROW + ECHO_OR_REQUEST]!;
  }
  setTsEcr(packet: PacketId, t: Nanos): void {
    this.numbers[BASE + packet * ROW + ECHO_OR_REQUEST] = t;
  }
  /**
   * What a request/response exchange's data says of itself (see traffic/exchange.ts): the request's
   * end and the response's end in the connection's byte streams. The server reads them from the
   * request's bytes rather than from the client's memory, which a partitioned run keeps elsewhere.
   * Only a TCP sender's data sets them and only a TCP receiver reads them.
   */
  requestEnd(packet: PacketId): number {
    return this.numbers[BASE + packet * ROW + ECHO_OR_REQUEST]!;
  }
  responseEnd(packet: PacketId): number {
    return this.numbers[BASE + packet * ROW + RESPONSE_END]!;
  }
  setExchangeEnds(packet: PacketId, requestEnd: number, responseEnd: number): void {
    const d = BASE + packet * ROW;
    this.numbers[d + ECHO_OR_REQUEST] = requestEnd;
    this.numbers[d + RESPONSE_END] = responseEnd;
  }
  /** TCP SACK blocks carried by an ACK: [start, end) pairs, up to MAX_SACK_BLOCKS. */
  sackCount(packet: PacketId): number {
    return this.ints[2 * (BASE + packet * ROW) + FLAGS]! >>> SACK_SHIFT;
  }
  sackStart(packet: PacketId, block: number): number {
    return this.sacks[packet * SACK_DOUBLES + 2 * block]!;
  }
  sackEnd(packet: PacketId, block: number): number {
    return this.sacks[packet * SACK_DOUBLES + 2 * block + 1]!;
  }
  /** Write SACK block `block` (blocks are written in order; the count is the last block written + 1). */
  setSack(packet: PacketId, block: number, start: number, end: number): void {
    const s = packet * SACK_DOUBLES + 2 * block;
    this.sacks[s] = start;
    this.sacks[s + 1] = end;
    const f = 2 * (BASE + packet * ROW) + FLAGS;
    this.ints[f] = (this.ints[f]! & (IS_ACK | DSCP_MASK)) | ((block + 1) << SACK_SHIFT);
  }

  /** Every field of a packet that crossed from another partition (src/partition/), as its own pool had them. */
  restore(packet: PacketId, flow: number, size: number, dscp: number, isAck: boolean, tag: number, payload: number, seq: number, sentAt: Nanos, ack: number, echoOrRequest: number, responseEnd: number): void {
    this.stamp(packet, flow, seq, size, dscp, tag, payload, ack, isAck);
    const d = BASE + packet * ROW;
    this.numbers[d + SENT_AT] = sentAt;
    this.numbers[d + ECHO_OR_REQUEST] = echoOrRequest;
    this.numbers[d + RESPONSE_END] = responseEnd;
  }

  /** Twice the rows (the same numbers: a packet is its row's number). */
  private grow(): void {
    const capacity = Math.max(MIN_CAPACITY, 2 * this.capacity);
    const buffer = new ArrayBuffer((BASE + capacity * ROW) * 8);
    new Uint8Array(buffer).set(new Uint8Array(this.numbers.buffer));
    this.numbers = new Float64Array(buffer);
    this.ints = new Int32Array(buffer);
    const sacks = new Float64Array(capacity * SACK_DOUBLES);
    sacks.set(this.sacks);
    this.sacks = sacks;
    this.capacity = capacity;
  }
}
