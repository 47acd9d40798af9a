import type { Nanos } from '../core/time.js';
import type { Packet } from './packet.js';

/**
 * Packets in flight on a wire, in FIFO order with their arrival times at the far end.
 * Arrival times are non-decreasing, so only the head ever needs an event.
 */
export class Pipe {
  private packets: (Packet | undefined)[];
  private arrivals: Float64Array;
  private head = 0;
  private count = 0;

  constructor() {
    const capacity = 64; // a power of two: indexes wrap with a mask
    this.packets = new Array<Packet | undefined>(capacity);
    this.arrivals = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(packet: Packet, arrival: Nanos): void {
    if (this.count === this.packets.length) this.grow();
    const i = (this.head + this.count++) & (this.packets.length - 1);
    this.packets[i] = packet;
    this.arrivals[i] = arrival;
  }

  /** Arrival time of the head, or Infinity when nothing is in flight. */
  headArrival(): Nanos {
    return this.count === 0 ? Infinity : this.arrivals[this.head]!;
  }

  shift(): Packet {
    const i = this.head;
    const packet = this.packets[i]!;
    this.packets[i] = undefined;
    this.head = (i + 1) & (this.packets.length - 1);
    this.count--;
    return packet;
  }

  private grow(): void {
    const capacity = this.packets.length * 2;
    const mask = this.packets.length - 1;
    const packets = new Array<Packet | undefined>(capacity);
    const arrivals = new Float64Array(capacity);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & mask;
      packets[k] = this.packets[i];
      arrivals[k] = this.arrivals[i]!;
    }
    this.packets = packets;
    this.arrivals = arrivals;
    this.head = 0;
  }
}
