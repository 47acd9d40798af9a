import type { Clock, Nanos } from '../../core/time.js';
import type { PacketId, PacketSink } from '../packet.js';
import type { HopFields } from '../packet-ring.js';
import { Ring } from '../ring.js';
import { ClassQueues } from './class-queues.js';
import type { QueueDiscipline, QueueLimit } from './queue-discipline.js';

/**
 * Deficit round robin (Shreedhar and Varghese, 1996). Each backlogged class receives `quantum`
 * bytes of credit per round; a class's long-run share of a saturated link is proportional to its
 * quantum, that is to its weight.
 */
export class DeficitRoundRobinQueue implements QueueDiscipline {
  private readonly queues: ClassQueues;
  private readonly quanta: Float64Array;
  private readonly deficits: Float64Array;
  private readonly active = new Ring<number>();
  private turnStarted = false;

  /** `quanta[c]` is the credit of class c per round, in bytes (weight x base quantum). */
  constructor(limits: readonly QueueLimit[], quanta: readonly number[], clock: Clock) {
    if (quanta.length !== limits.length) throw new Error('DRR needs one quantum per class');
    this.queues = new ClassQueues(limits, clock);
    this.quanta = Float64Array.from(quanta);
    this.deficits = new Float64Array(quanta.length);
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
    const wasIdle = this.queues.classPackets[cls] === 0;
    if (!this.queues.add(packet, cls, route, hop, size, dscp)) return false;
    if (wasIdle) this.active.push(cls);
    return true;
  }

  dequeue(_late: Nanos): PacketId | undefined {
    const q = this.queues;
    if (q.packets === 0) return undefined;
    for (;;) {
      const cls = this.active.peek()!;
      if (!this.turnStarted) {
        this.deficits[cls]! += this.quanta[cls]!;
        this.turnStarted = true;
      }
      const head = q.rings[cls]!.headSize();
      if (head <= this.deficits[cls]!) {
        this.deficits[cls]! -= head;
        const packet = q.take(cls);
        if (q.classPackets[cls] === 0) {
          this.deficits[cls] = 0;
          this.active.shift();
          this.turnStarted = false;
        }
        return packet;
      }
      this.active.shift();
      this.active.push(cls);
      this.turnStarted = false;
    }
  }
}
