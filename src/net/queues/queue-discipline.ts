import type { Packet } from '../packet.js';

/**
 * An egress queue. `enqueue` returns false when the packet does not fit (a queue_full drop; the
 * caller owns the packet again). The class of the packet is computed once by the link.
 */
export interface QueueDiscipline {
  readonly packets: number;
  readonly bytes: number;
  enqueue(packet: Packet, cls: number): boolean;
  dequeue(): Packet | undefined;
}

export interface QueueLimit {
  packets: number;
  bytes: number;
}
