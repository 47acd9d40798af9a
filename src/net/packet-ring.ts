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
/**
 * Bytes per slot: the arrival (a double), then the size and the hop with the DSCP (two 32-bit
 * words). 16 bytes, not a double per field: in a large network a slot is written when the packet
 * joins the ring and read when it leaves, tens of milliseconds apart, so every line of a ring is
 * loaded twice from memory each time round (docs/performance.md).
 */
const SLOT_BYTES = 16;

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
  private arrivals = new Float64Array(16 * 2);
  private words = new Uint32Array(this.arrivals.buffer);
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
    this.arrivals[i * 2] = arrival;
    const w = this.words;
    w[i * 4 + 2] = size;
    w[i * 4 + 3] = hop | (dscp << 16);
  }

  /** Size of the packet at the head (the ring is not empty). */
  headSize(): number {
    return this.words[this.head * 4 + 2]!;
  }

  /** Arrival time of the head, or Infinity when the ring is empty. */
  headArrival(): Nanos {
    return this.count === 0 ? Infinity : this.arrivals[this.head * 2]!;
  }

  /** The packet at the head (the ring is not empty); its hop fields in `shifted`. */
  shift(): Packet {
    const i = this.head;
    const packet = this.packets[i]!;
    const s = this.shifted;
    s.route = this.routes[i]!;
    this.packets[i] = undefined;
    this.routes[i] = undefined;
    s.arrival = this.arrivals[i * 2]!;
    const w = this.words;
    // small integers kept as such: a field V8 has seen hold both would box each new value
    s.size = w[i * 4 + 2]! | 0;
    const hopDscp = w[i * 4 + 3]!;
    s.hop = hopDscp & 0xffff;
    s.dscp = hopDscp >>> 16;
    this.head = (i + 1) & (this.packets.length - 1);
    this.count--;
    return packet;
  }

  private grow(): void {
    const capacity = this.packets.length * 2;
    const mask = this.packets.length - 1;
    const packets = new Array<Packet | undefined>(capacity);
    const routes = new Array<readonly PacketSink[] | undefined>(capacity);
    const bytes = new Uint8Array(capacity * SLOT_BYTES);
    const old = new Uint8Array(this.arrivals.buffer);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & mask;
      packets[k] = this.packets[i];
      routes[k] = this.routes[i];
    }
    // the slots from the head to the end of the old ring, then those from its start
    const first = Math.min(this.count, this.packets.length - this.head);
    bytes.set(old.subarray(this.head * SLOT_BYTES, (this.head + first) * SLOT_BYTES), 0);
    bytes.set(old.subarray(0, (this.count - first) * SLOT_BYTES), first * SLOT_BYTES);
    this.packets = packets;
    this.routes = routes;
    this.arrivals = new Float64Array(bytes.buffer);
    this.words = new Uint32Array(bytes.buffer);
    this.head = 0;
  }
}
