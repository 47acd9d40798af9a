import type { Clock, Nanos } from '../../core/time.js';
import type { PacketId, PacketSink } from '../packet.js';
import type { HopFields } from '../packet-ring.js';
import { DeficitRoundRobinQueue } from './deficit-round-robin.js';
import type { QueueDiscipline, QueueLimit } from './queue-discipline.js';
import { StrictPriorityQueue } from './strict-priority.js';

/**
 * QoS as on ExpressRoute's Microsoft peering: the first `strict` classes (voice) are served in
 * strict priority; the others share what is left by deficit round robin, in proportion to their
 * quanta. Class numbers above `strict` are renumbered from 0 for the DRR part.
 */
export class StrictDrrQueue implements QueueDiscipline {
  private readonly priority: StrictPriorityQueue;
  private readonly shared: DeficitRoundRobinQueue;

  constructor(
    limits: readonly QueueLimit[],
    private readonly strict: number,
    quanta: readonly number[],
    clock: Clock,
  ) {
    this.priority = new StrictPriorityQueue(limits.slice(0, strict), clock);
    this.shared = new DeficitRoundRobinQueue(limits.slice(strict), quanta.slice(strict), clock);
    this.served = this.priority;
  }

  get packets(): number {
    return this.priority.packets + this.shared.packets;
  }

  get bytes(): number {
    return this.priority.bytes + this.shared.bytes;
  }

  /** The part that served the last dequeue. */
  private served: QueueDiscipline;

  get dequeued(): HopFields {
    return this.served.dequeued;
  }

  enqueue(packet: PacketId, cls: number, route: readonly PacketSink[], hop: number, size: number, dscp: number): boolean {
    return cls < this.strict
      ? this.priority.enqueue(packet, cls, route, hop, size, dscp)
      : this.shared.enqueue(packet, cls - this.strict, route, hop, size, dscp);
  }

  dequeue(late: Nanos): PacketId | undefined {
    this.served = this.priority.packets > 0 ? this.priority : this.shared;
    return this.served.dequeue(late);
  }
}
