import type { Network } from '../net/network.js';
import type { PacketId, PacketSink } from '../net/packet.js';
import { STRIDE } from '../net/flow-table.js';

/**
 * The receiving end of every UDP flow of a network: records each packet's one-way delay and jitter
 * in its flow's row of the flow table, then recycles the packet. One sink for all flows, so that
 * flows on the same path share one route array.
 */
export class UdpSink implements PacketSink {
  readonly endsRoutes = true;

  constructor(private readonly network: Network) {}

  receive(packet: PacketId): void {
    const network = this.network;
    const sim = network.sim;
    const pool = network.pool;
    if (sim.now >= sim.warmup) network.flowTable.recordArrival(pool.flow(packet) * STRIDE, pool.size(packet), sim.now - pool.sentAt(packet), true);
    pool.release(packet);
  }
}
