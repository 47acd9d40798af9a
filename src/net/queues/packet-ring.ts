import type { Nanos } from '../../core/time.js';
import type { Packet } from '../packet.js';

/**
 * A FIFO of waiting packets that also holds each one's size and arrival time, so that a queue and
 * the serializer after it do not read the packet's object (or its line of numbers) again when it
 * leaves: in a large network that object has gone cold while it waited (docs/performance.md).
 * Capacity stays a power of two.
 */
export class PacketRing {
  private packets: (Packet | undefined)[] = new Array<Packet | undefined>(16);
  private sizes = new Float64Array(16);
  private arrivals = new Float64Array(16);
  private head = 0;
  private count = 0;
  /** Size and arrival time of the packet `shift` returned last. */
  shiftedSize = 0;
  shiftedArrival: Nanos = 0;

  get length(): number {
    return this.count;
  }

  push(packet: Packet, size: number, arrival: Nanos): void {
    if (this.count === this.packets.length) this.grow();
    const i = (this.head + this.count++) & (this.packets.length - 1);
    this.packets[i] = packet;
    this.sizes[i] = size;
    this.arrivals[i] = arrival;
  }

  /** Size of the packet at the head (the ring is not empty). */
  headSize(): number {
    return this.sizes[this.head]!;
  }

  /** The packet at the head (the ring is not empty); its size and arrival in `shifted*`. */
  shift(): Packet {
    const i = this.head;
    const packet = this.packets[i]!;
    this.packets[i] = undefined;
    this.shiftedSize = this.sizes[i]!;
    this.shiftedArrival = this.arrivals[i]!;
    this.head = (i + 1) & (this.packets.length - 1);
    this.count--;
    return packet;
  }

  private grow(): void {
    const capacity = this.packets.length * 2;
    const mask = this.packets.length - 1;
    const packets = new Array<Packet | undefined>(capacity);
    const sizes = new Float64Array(capacity);
    const arrivals = new Float64Array(capacity);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & mask;
      packets[k] = this.packets[i];
      sizes[k] = this.sizes[i]!;
      arrivals[k] = this.arrivals[i]!;
    }
    this.packets = packets;
    this.sizes = sizes;
    this.arrivals = arrivals;
    this.head = 0;
  }
}
