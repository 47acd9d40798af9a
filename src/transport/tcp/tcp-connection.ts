import type { Link } from '../../net/link.js';
import type { Network } from '../../net/network.js';
import type { PacketSink } from '../../net/packet.js';
import type { FlowStats } from '../../stats/flow-stats.js';
import { TcpStats } from '../../stats/tcp-stats.js';
import type { CongestionControl } from './congestion-control.js';
import { CubicControl } from './cubic.js';
import { NewRenoControl } from './congestion-control.js';
import { segmentLayout, type TcpConfig } from './tcp-config.js';
import { TcpReceiver } from './tcp-receiver.js';
import { TcpSender } from './tcp-sender.js';

export function createCongestionControl(config: TcpConfig): CongestionControl {
  return config.congestionControl === 'cubic' ? new CubicControl() : new NewRenoControl();
}

/** One direction of data: a sender, a receiver, data on `dataPath`, ACKs back on `ackPath`. */
export interface TcpHalf {
  sender: TcpSender;
  receiver: TcpReceiver;
}

export function createTcpHalf(
  network: Network,
  stats: FlowStats,
  dataPath: readonly Link[],
  ackPath: readonly Link[],
  dscp: number,
  config: TcpConfig,
): TcpHalf {
  stats.tcp = new TcpStats(network.sim.warmup);
  const dataRoute: PacketSink[] = [...dataPath];
  const ackRoute: PacketSink[] = [...ackPath];
  const { header } = segmentLayout(config);
  const receiver = new TcpReceiver(network, stats, ackRoute, dscp, header, config.delayedAck, config.delayedAckTimeout, config.sack);
  const sender = new TcpSender(network, stats, dataRoute, dscp, config, createCongestionControl(config), config.receiveWindow);
  dataRoute.push(receiver);
  ackRoute.push(sender);
  return { sender, receiver };
}
