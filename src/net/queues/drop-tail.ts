import type { Nanos } from '../../core/time.js';
import type { Packet } from '../packet.js';
import { Ring } from '../ring.js';
import type { QueueDiscipline, QueueLimit } from './queue-discipline.js';

/** First in, first out; an arriving packet that would exceed the limit is dropped. */
export class DropTailQueue implements QueueDiscipline {
  private readonly ring = new Ring<Packet>();
  packets = 0;
  bytes = 0;

  constructor(private readonly limit: QueueLimit) {}

  enqueue(packet: Packet): boolean {
    if (this.packets + 1 > this.limit.packets || this.bytes + packet.size > this.limit.bytes) return false;
    this.ring.push(packet);
    this.packets++;
    this.bytes += packet.size;
    return true;
  }

  dequeue(_at: Nanos): Packet | undefined {
    const packet = this.ring.shift();
    if (packet !== undefined) {
      this.packets--;
      this.bytes -= packet.size;
    }
    return packet;
  }
}
