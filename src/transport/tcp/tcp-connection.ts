import type { Clock } from '../../core/time.js';
import type { Network } from '../../net/network.js';
import type { PacketSink } from '../../net/packet.js';
import type { FlowRoute } from '../../net/routing/flow-route.js';
import type { FlowStats } from '../../net/flow-stats.js';
import { TcpStats } from '../../probes/tcp-stats.js';
import type { CongestionControl } from './congestion-control.js';
import { CubicControl } from './cubic.js';
import { NewRenoControl } from './congestion-control.js';
import { segmentLayout, type TcpConfig } from './tcp-config.js';
import { TcpReceiver } from './tcp-receiver.js';
import { TcpSender } from './tcp-sender.js';

export function createCongestionControl(config: TcpConfig, clock: Clock): CongestionControl {
  return config.congestionControl === 'cubic' ? new CubicControl(clock, config.hystart) : new NewRenoControl();
}

/** One direction of data: a sender, a receiver, data on `dataPath`, ACKs back on `ackPath`. */
export interface TcpHalf {
  sender: TcpSender;
  receiver: TcpReceiver;
}

/** Builds the route of one direction of a flow towards the given sink; `hash` (default: the flow's id) picks among equal-cost paths. */
export type RouteTo = (sink: PacketSink, hash?: number) => FlowRoute;

/**
 * `key` names the half's two ends for a partitioned run (see PacketSinks). `opens`: this half's sender
 * opens the connection (a client's, with a handshake when `config` has one); a server's half is
 * opened by its peer's SYN.
 */
export function createTcpHalf(network: Network, stats: FlowStats, dataPath: RouteTo, ackPath: RouteTo, config: TcpConfig, key?: number, opens = true): TcpHalf {
  stats.tcp ??= new TcpStats(network.sim.warmup); // connections of one application share their statistics
  const { header } = segmentLayout(config);
  const receiver = new TcpReceiver(network, stats, header, config.delayedAck, config.delayedAckTimeout, config.sack);
  const sender = new TcpSender(network, stats, config, createCongestionControl(config, network.sim), config.receiveWindow, opens);
  if (key !== undefined) network.sinks.add(key, sender, receiver);
  sender.path = dataPath(receiver);
  stats.route ??= sender.path;
  receiver.path = ackPath(sender);
  return { sender, receiver };
}
