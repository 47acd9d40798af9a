import type { Nanos } from '../core/time.js';
import type { Packet, PacketSink } from './packet.js';

/**
 * What the links on a packet's route read of it: its route, the index of the element after the
 * current link, its size and DSCP (none of which a link changes), and when it arrived (at a queue)
 * or arrives (at the far end of a wire).
 */
export class HopFields {
  route: readonly PacketSink[] = NO_ROUTE;
  hop = 0;
  size = 0;
  dscp = 0;
  arrival: Nanos = 0;
}

const NO_ROUTE: readonly PacketSink[] = [];
/** Numbers per slot: size, arrival, hop, DSCP (32 bytes, read in order). */
const SLOT = 4;

/**
 * A FIFO of packets, each with its hop fields beside it: a link's queue and its wire. A packet's
 * object goes cold while it waits or flies through a large network, so the links it crosses read
 * these copies, written and read in order, and the object is read again only where the packet
 * leaves the links (a receiver, a tunnel's end, a loss model, a drop): docs/performance.md.
 * Capacity stays a power of two.
 */
export class PacketRing {
  private packets: (Packet | undefined)[] = new Array<Packet | undefined>(16);
  private routes: (readonly PacketSink[] | undefined)[] = new Array<readonly PacketSink[] | undefined>(16);
  private numbers = new Float64Array(16 * SLOT);
  private head = 0;
  private count = 0;
  /** The hop fields of the packet `shift` returned last. */
  readonly shifted = new HopFields();

  get length(): number {
    return this.count;
  }

  push(packet: Packet, route: readonly PacketSink[], hop: number, size: number, dscp: number, arrival: Nanos): void {
    if (this.count === this.packets.length) this.grow();
    const i = (this.head + this.count++) & (this.packets.length - 1);
    this.packets[i] = packet;
    this.routes[i] = route;
    const n = this.numbers;
    const at = i * SLOT;
    n[at] = size;
    n[at + 1] = arrival;
    n[at + 2] = hop;
    n[at + 3] = dscp;
  }

  /** Size of the packet at the head (the ring is not empty). */
  headSize(): number {
    return this.numbers[this.head * SLOT]!;
  }

  /** Arrival time of the head, or Infinity when the ring is empty. */
  headArrival(): Nanos {
    return this.count === 0 ? Infinity : this.numbers[this.head * SLOT + 1]!;
  }

  /** The packet at the head (the ring is not empty); its hop fields in `shifted`. */
  shift(): Packet {
    const i = this.head;
    const packet = this.packets[i]!;
    const s = this.shifted;
    s.route = this.routes[i]!;
    this.packets[i] = undefined;
    this.routes[i] = undefined;
    const n = this.numbers;
    const at = i * SLOT;
    // small integers kept as such: a field V8 has seen hold both would box each new value
    s.size = n[at]! | 0;
    s.arrival = n[at + 1]!;
    s.hop = n[at + 2]! | 0;
    s.dscp = n[at + 3]! | 0;
    this.head = (i + 1) & (this.packets.length - 1);
    this.count--;
    return packet;
  }

  private grow(): void {
    const capacity = this.packets.length * 2;
    const mask = this.packets.length - 1;
    const packets = new Array<Packet | undefined>(capacity);
    const routes = new Array<readonly PacketSink[] | undefined>(capacity);
    const numbers = new Float64Array(capacity * SLOT);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & mask;
      packets[k] = this.packets[i];
      routes[k] = this.routes[i];
      for (let f = 0; f < SLOT; f++) numbers[k * SLOT + f] = this.numbers[i * SLOT + f]!;
    }
    this.packets = packets;
    this.routes = routes;
    this.numbers = numbers;
    this.head = 0;
  }
}
