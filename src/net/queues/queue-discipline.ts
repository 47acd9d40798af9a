import type { Nanos } from '../../core/time.js';
import type { Packet } from '../packet.js';

/**
 * An egress queue. `enqueue` returns false when the packet does not fit (a queue_full drop; the
 * caller owns the packet again). The link computes the packet's class and size once and tells when
 * it arrived; the queue keeps them beside the packet and gives them back with it (`dequeuedSize`,
 * `dequeuedArrival`), so that nothing reads the packet's object while it leaves. `dequeue` is told
 * the time of the decision, which the lazy serializer makes later than it is due (a time-aware
 * discipline, a shaper or an AQM, must use `at`, never the simulator's clock).
 */
export interface QueueDiscipline {
  readonly packets: number;
  readonly bytes: number;
  enqueue(packet: Packet, cls: number, size: number, arrival: Nanos): boolean;
  dequeue(at: Nanos): Packet | undefined;
  /** Size and arrival time of the packet `dequeue` returned last. */
  readonly dequeuedSize: number;
  readonly dequeuedArrival: Nanos;
}

export interface QueueLimit {
  packets: number;
  bytes: number;
}
