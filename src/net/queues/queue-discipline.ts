import type { Nanos } from '../../core/time.js';
import type { Packet } from '../packet.js';

/**
 * An egress queue. `enqueue` returns false when the packet does not fit (a queue_full drop; the
 * caller owns the packet again). The class of the packet is computed once by the link. `dequeue`
 * is told the time of the decision, which the lazy serializer makes later than it is due (a
 * time-aware discipline, a shaper or an AQM, must use `at`, never the simulator's clock).
 */
export interface QueueDiscipline {
  readonly packets: number;
  readonly bytes: number;
  enqueue(packet: Packet, cls: number): boolean;
  dequeue(at: Nanos): Packet | undefined;
}

export interface QueueLimit {
  packets: number;
  bytes: number;
}
