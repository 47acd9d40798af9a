import type { Nanos } from '../../core/time.js';
import type { Packet } from '../packet.js';
import { ClassQueues } from './class-queues.js';
import type { QueueDiscipline, QueueLimit } from './queue-discipline.js';

/** Non-preemptive strict priority: always serve the lowest-numbered non-empty class. */
export class StrictPriorityQueue implements QueueDiscipline {
  private readonly queues: ClassQueues;

  constructor(limits: readonly QueueLimit[]) {
    this.queues = new ClassQueues(limits);
  }

  get packets(): number {
    return this.queues.packets;
  }

  get bytes(): number {
    return this.queues.bytes;
  }

  get dequeuedSize(): number {
    return this.queues.takenSize;
  }

  get dequeuedArrival(): Nanos {
    return this.queues.takenArrival;
  }

  enqueue(packet: Packet, cls: number, size: number, arrival: Nanos): boolean {
    return this.queues.add(packet, cls, size, arrival);
  }

  dequeue(_at: Nanos): Packet | undefined {
    const q = this.queues;
    if (q.packets === 0) return undefined;
    for (let cls = 0; cls < q.classes; cls++) if (q.classPackets[cls]! > 0) return q.take(cls);
    return undefined;
  }
}
