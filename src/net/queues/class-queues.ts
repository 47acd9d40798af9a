import type { Clock } from '../../core/time.js';
import type { PacketId, PacketSink } from '../packet.js';
import { HopFields, PacketRing } from '../packet-ring.js';
import type { QueueLimit } from './queue-discipline.js';

/** One drop-tail FIFO per traffic class, each with its own limit: the storage of PQ and DRR. */
export class ClassQueues {
  readonly rings: PacketRing[];
  /** The hop fields of the packet `take` returned last. */
  taken = new HopFields();
  readonly classPackets: Float64Array;
  readonly classBytes: Float64Array;
  packets = 0;
  bytes = 0;

  constructor(
    private readonly limits: readonly QueueLimit[],
    private readonly clock: Clock,
  ) {
    this.rings = limits.map(() => new PacketRing());
    this.classPackets = new Float64Array(limits.length);
    this.classBytes = new Float64Array(limits.length);
  }

  get classes(): number {
    return this.rings.length;
  }

  add(packet: PacketId, cls: number, route: readonly PacketSink[], hop: number, size: number, dscp: number): boolean {
    const limit = this.limits[cls]!;
    if (this.classPackets[cls]! + 1 > limit.packets || this.classBytes[cls]! + size > limit.bytes) return false;
    this.rings[cls]!.push(packet, route, hop, size, dscp, this.clock.now);
    this.classPackets[cls]!++;
    this.classBytes[cls]! += size;
    this.packets++;
    this.bytes += size;
    return true;
  }

  take(cls: number): PacketId {
    const ring = this.rings[cls]!;
    const packet = ring.shift();
    this.taken = ring.shifted;
    const size = ring.shifted.size;
    this.classPackets[cls]!--;
    this.classBytes[cls]! -= size;
    this.packets--;
    this.bytes -= size;
    return packet;
  }
}
