import type { Packet, PacketSink } from './packet.js';

/**
 * The last element of every flow's route: it hands the packet to the receiver the packet names.
 * Flows that take the same links then share one route array, however many connections and calls
 * they are (a route is read on every hop: one array, in the caches, rather than one per call; see
 * docs/performance.md).
 */
export class Delivery implements PacketSink {
  receive(packet: Packet): void {
    packet.receiver!.receive(packet);
  }
}
