import type { Network } from '../net/network.js';
import type { Packet, PacketSink } from '../net/packet.js';
import type { FlowRoute } from '../net/routing/flow-route.js';
import type { FlowStats } from '../stats/flow-stats.js';
import { STRIDE } from '../stats/flow-table.js';

/** The sending end of a UDP flow: stamps packets and puts them on the flow's route. */
export class UdpSender {
  private seq = 0;

  /** `path` ends at the flow's UdpSink. */
  constructor(
    private readonly network: Network,
    private readonly flow: FlowStats,
    private readonly path: FlowRoute,
  ) {}

  send(size: number): void {
    const sim = this.network.sim;
    const route = this.path.current();
    const packet = this.network.pool.take().stamp(this.flow.index, this.seq++, size, this.path.dscp, route, sim.now);
    if (sim.now >= sim.warmup) this.flow.countSent(size, this.path.exposure);
    packet.forward();
  }
}

/**
 * The receiving end of every UDP flow of a network: records each packet's one-way delay and jitter
 * in its flow's row of the flow table, then recycles the packet. One sink for all flows, so that
 * flows on the same path share one route array.
 */
export class UdpSink implements PacketSink {
  constructor(private readonly network: Network) {}

  receive(packet: Packet): void {
    const network = this.network;
    const sim = network.sim;
    if (sim.now >= sim.warmup) network.flowTable.recordArrival(packet.flow * STRIDE, packet.size, sim.now - packet.sentAt, true);
    network.pool.release(packet);
  }
}
