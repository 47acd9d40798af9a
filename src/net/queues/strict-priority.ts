import type { Clock, Nanos } from '../../core/time.js';
import type { PacketId, PacketSink } from '../packet.js';
import type { HopFields } from '../packet-ring.js';
import { ClassQueues } from './class-queues.js';
import type { QueueDiscipline, QueueLimit } from './queue-discipline.js';

/** Non-preemptive strict priority: always serve the lowest-numbered non-empty class. */
export class StrictPriorityQueue implements QueueDiscipline {
  private readonly queues: ClassQueues;

  constructor(limits: readonly QueueLimit[], clock: Clock) {
    this.queues = new ClassQueues(limits, clock);
  }

  get packets(): number {
    return this.queues.packets;
  }

  get bytes(): number {
    return this.queues.bytes;
  }

  get dequeued(): HopFields {
    return this.queues.taken;
  }

  enqueue(packet: PacketId, cls: number, route: readonly PacketSink[], hop: number, size: number, dscp: number): boolean {
    return this.queues.add(packet, cls, route, hop, size, dscp);
  }

  dequeue(_late: Nanos): PacketId | undefined {
    const q = this.queues;
    if (q.packets === 0) return undefined;
    for (let cls = 0; cls < q.classes; cls++) if (q.classPackets[cls]! > 0) return q.take(cls);
    return undefined;
  }
}
