import type { Clock, Nanos } from '../../core/time.js';
import type { PacketId, PacketSink } from '../packet.js';
import { PacketRing, type HopFields } from '../packet-ring.js';
import type { QueueDiscipline, QueueLimit } from './queue-discipline.js';

/** First in, first out; an arriving packet that would exceed the limit is dropped. */
export class DropTailQueue implements QueueDiscipline {
  private readonly ring = new PacketRing();
  packets = 0;
  bytes = 0;

  constructor(
    private readonly limit: QueueLimit,
    private readonly clock: Clock,
  ) {}

  get dequeued(): HopFields {
    return this.ring.shifted;
  }

  enqueue(packet: PacketId, _cls: number, route: readonly PacketSink[], hop: number, size: number, dscp: number): boolean {
    if (this.packets + 1 > this.limit.packets || this.bytes + size > this.limit.bytes) return false;
    this.ring.push(packet, route, hop, size, dscp, this.clock.now);
    this.packets++;
    this.bytes += size;
    return true;
  }

  dequeue(_late: Nanos): PacketId | undefined {
    if (this.packets === 0) return undefined;
    const packet = this.ring.shift();
    this.packets--;
    this.bytes -= this.ring.shifted.size;
    return packet;
  }
}
