import type { Nanos } from '../../core/time.js';
import type { Packet, PacketSink } from '../packet.js';
import type { HopFields } from '../packet-ring.js';

/**
 * An egress queue. `enqueue` returns false when the packet does not fit (a queue_full drop; the
 * caller owns the packet again). The link computes the packet's class once and hands over the hop
 * fields it carries (HopFields) with the time it arrived; the queue keeps them beside the packet and
 * gives them back with it (`dequeued`), so that nothing reads the packet's object while it waits or
 * leaves. `dequeue` is told the time of the decision, which the lazy serializer makes later than it
 * is due (a time-aware discipline, a shaper or an AQM, must use `at`, never the simulator's clock).
 */
export interface QueueDiscipline {
  readonly packets: number;
  readonly bytes: number;
  enqueue(packet: Packet, cls: number, route: readonly PacketSink[], hop: number, size: number, dscp: number, arrival: Nanos): boolean;
  dequeue(at: Nanos): Packet | undefined;
  /** The hop fields and arrival time of the packet `dequeue` returned last. */
  readonly dequeued: HopFields;
}

export interface QueueLimit {
  packets: number;
  bytes: number;
}
