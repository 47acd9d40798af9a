import type { Packet } from '../packet.js';
import { Ring } from '../ring.js';
import type { QueueLimit } from './queue-discipline.js';

/** One drop-tail FIFO per traffic class, each with its own limit: the storage of PQ and DRR. */
export class ClassQueues {
  readonly rings: Ring<Packet>[];
  readonly classPackets: Float64Array;
  readonly classBytes: Float64Array;
  packets = 0;
  bytes = 0;

  constructor(private readonly limits: readonly QueueLimit[]) {
    this.rings = limits.map(() => new Ring<Packet>());
    this.classPackets = new Float64Array(limits.length);
    this.classBytes = new Float64Array(limits.length);
  }

  get classes(): number {
    return this.rings.length;
  }

  add(packet: Packet, cls: number): boolean {
    const limit = this.limits[cls]!;
    if (this.classPackets[cls]! + 1 > limit.packets || this.classBytes[cls]! + packet.size > limit.bytes) return false;
    this.rings[cls]!.push(packet);
    this.classPackets[cls]!++;
    this.classBytes[cls]! += packet.size;
    this.packets++;
    this.bytes += packet.size;
    return true;
  }

  take(cls: number): Packet {
    const packet = this.rings[cls]!.shift()!;
    this.classPackets[cls]!--;
    this.classBytes[cls]! -= packet.size;
    this.packets--;
    this.bytes -= packet.size;
    return packet;
  }
}
