import type { Nanos } from '../../core/time.js';
import type { PacketId, PacketSink } from '../packet.js';
import type { HopFields } from '../packet-ring.js';

/**
 * An egress queue. `enqueue` returns false when the packet does not fit (a queue_full drop; the
 * caller owns the packet again). The link computes the packet's class once and hands over the hop
 * fields it carries (HopFields); the queue keeps them beside the packet, with the time it arrived
 * (its clock's, read at `enqueue`), and gives them back with it (`dequeued`), so that nothing reads
 * the packet's row while it waits or leaves. The lazy serializer makes a dequeue decision later
 * than it is due: `dequeue` is told how much later (ns), and a time-aware discipline (a shaper, an
 * AQM) must decide as of its clock's time minus `late`. Neither time is passed as such: V8 boxes a
 * time into a new heap number at every call it does not inline (docs/performance.md).
 */
export interface QueueDiscipline {
  readonly packets: number;
  readonly bytes: number;
  enqueue(packet: PacketId, cls: number, route: readonly PacketSink[], hop: number, size: number, dscp: number): boolean;
  dequeue(late: Nanos): PacketId | undefined;
  /** The hop fields and arrival time of the packet `dequeue` returned last. */
  readonly dequeued: HopFields;
}

export interface QueueLimit {
  packets: number;
  bytes: number;
}
