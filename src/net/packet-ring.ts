import type { Nanos } from '../core/time.js';
import type { PacketId, PacketSink } from './packet.js';

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
 * Doubles per slot: the arrival, then size x 2^32 + hop + 2^16 x DSCP (exact, sizes being under 2^21).
 * 16 bytes, not a double per field: in a large network a slot is written when the packet joins the
 * ring and read when it leaves, tens of milliseconds apart, so every line of a ring is loaded twice
 * from memory each time round (docs/performance.md).
 */
const SLOT = 2;
const WORD = 2 ** 32;
const MIN_CAPACITY = 16;
/** A slot holds sizes under this many bytes (a link's MTU is under it) ... */
export const MAX_PACKET_BYTES = 2 ** 21;
/** ... and routes of at most this many elements (a hop is 16 bits). */
export const MAX_ROUTE_LENGTH = 0xffff;

/**
 * A FIFO of packets, each with its hop fields beside it: a link's queue and its wire. A packet's
 * row goes cold while it waits or flies through a large network, so the links it crosses read
 * these copies, written and read in order, and the row is read again only where the packet
 * leaves the links (a receiver, a tunnel's end, a loss model, a drop): docs/performance.md.
 *
 * The ring uses the first `capacity` slots of its arrays, a power of two. It doubles when full and
 * halves when a whole turn has passed with it under half full, so that the slots it goes round
 * stay few enough to stay cached: a wire grown by one burst would otherwise go round its largest
 * size for the rest of the run, every line written and read again from memory. Halving moves
 * nothing and frees nothing (the arrays stay, for the next burst).
 */
export class PacketRing {
  private capacity = MIN_CAPACITY;
  /** Each slot's packet and route, side by side. */
  private objects: (PacketId | readonly PacketSink[] | undefined)[] = new Array<PacketId | readonly PacketSink[] | undefined>(2 * MIN_CAPACITY);
  private numbers = new Float64Array(MIN_CAPACITY * SLOT);
  private head = 0;
  private count = 0;
  /** The most packets held since the head last came round to the first slot. */
  private peak = 0;
  /** The hop fields of the packet `shift` returned last. */
  readonly shifted = new HopFields();

  get length(): number {
    return this.count;
  }

  /** How many slots the ring goes round now. */
  get slots(): number {
    return this.capacity;
  }

  push(packet: PacketId, route: readonly PacketSink[], hop: number, size: number, dscp: number, arrival: Nanos): void {
    if (this.count === this.capacity) this.grow();
    const i = (this.head + this.count++) & (this.capacity - 1);
    if (this.count > this.peak) this.peak = this.count;
    const o = this.objects;
    o[2 * i] = packet;
    o[2 * i + 1] = route;
    const n = this.numbers;
    n[i * SLOT] = arrival;
    n[i * SLOT + 1] = size * WORD + (hop | (dscp << 16));
  }

  /** Size of the packet at the head (the ring is not empty). */
  headSize(): number {
    return Math.floor(this.numbers[this.head * SLOT + 1]! / WORD);
  }

  /** Arrival time of the head, or Infinity when the ring is empty. */
  headArrival(): Nanos {
    return this.count === 0 ? Infinity : this.numbers[this.head * SLOT]!;
  }

  /** The packet at the head (the ring is not empty); its hop fields in `shifted`. */
  shift(): PacketId {
    const i = this.head;
    const o = this.objects;
    const packet = o[2 * i] as PacketId;
    const s = this.shifted;
    s.route = o[2 * i + 1] as readonly PacketSink[];
    o[2 * i] = undefined;
    o[2 * i + 1] = undefined;
    const n = this.numbers;
    s.arrival = n[i * SLOT]!;
    const packed = n[i * SLOT + 1]!;
    // small integers kept as such: a field V8 has seen hold both would box each new value
    const size = Math.floor(packed / WORD) | 0;
    const hopDscp = (packed - size * WORD) | 0;
    s.size = size;
    s.hop = hopDscp & 0xffff;
    s.dscp = hopDscp >>> 16;
    // an emptied ring starts again at its first slots, which stay cached, not at the next ones round
    this.head = --this.count === 0 ? 0 : (i + 1) & (this.capacity - 1);
    if (this.head === 0) this.turned();
    return packet;
  }

  /** The head is back at the first slot, the packets held in the slots from there: halve if a turn needed under half. */
  private turned(): void {
    if (this.peak < this.capacity >> 1 && this.capacity > MIN_CAPACITY) this.capacity >>= 1;
    this.peak = this.count;
  }

  /**
   * Twice the slots, the packets kept in order: in the arrays already there when a halving left
   * them (the slots before the head move to just past the old end), else in new ones.
   */
  private grow(): void {
    const capacity = this.capacity;
    const o = this.objects;
    const n = this.numbers;
    if (n.length >= 2 * capacity * SLOT) {
      for (let i = 0; i < this.head; i++) {
        const j = capacity + i;
        o[2 * j] = o[2 * i];
        o[2 * j + 1] = o[2 * i + 1];
        o[2 * i] = undefined;
        o[2 * i + 1] = undefined;
        n[j * SLOT] = n[i * SLOT]!;
        n[j * SLOT + 1] = n[i * SLOT + 1]!;
      }
      this.capacity = 2 * capacity;
      return;
    }
    const mask = capacity - 1;
    const objects = new Array<PacketId | readonly PacketSink[] | undefined>(4 * capacity);
    const numbers = new Float64Array(2 * capacity * SLOT);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & mask;
      objects[2 * k] = o[2 * i];
      objects[2 * k + 1] = o[2 * i + 1];
      numbers[k * SLOT] = n[i * SLOT]!;
      numbers[k * SLOT + 1] = n[i * SLOT + 1]!;
    }
    this.objects = objects;
    this.numbers = numbers;
    this.capacity = 2 * capacity;
    this.head = 0;
  }
}
