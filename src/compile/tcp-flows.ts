import type { Network } from '../net/network.js';
import type { TcpFlowSpec } from '../scenario/scenario.js';
import { BulkTransfer } from '../traffic/bulk-transfer.js';
import { RequestResponse } from '../traffic/request-response.js';
import { IP_TCP_HEADER_BYTES, type TcpConfig } from '../transport/tcp/tcp-config.js';
import { createTcpHalf } from '../transport/tcp/tcp-connection.js';
import type { CheckedRoute } from './routes.js';
import { sampler } from './samplers.js';
import type { Startable } from './startable.js';
import { SinkKind, sinkKey } from '../net/packet-sinks.js';

/** MSS from the path MTU (MTU - 40), never above the configured one. */
export function configFor(flow: { tcp: TcpFlowSpec['tcp'] }, path: CheckedRoute): TcpConfig {
  const mss = Math.min(flow.tcp.mss ?? Infinity, path.mtu - IP_TCP_HEADER_BYTES);
  return { ...flow.tcp, mss };
}

/**
 * A TCP flow: bulk data from `from` to `to`, or request/response exchanges where `from` is the
 * client. Request/response flows report the responses as a second row, `<name>.response`.
 */
export function buildTcpFlow(network: Network, flow: TcpFlowSpec, index: number, forward: CheckedRoute, reverse: CheckedRoute): Startable {
  const sim = network.sim;
  const stats = network.addFlow(flow.name, { from: flow.from, to: flow.to, dscp: flow.dscp, protocol: 'tcp', pair: flow.pair });
  const client = createTcpHalf(network, stats, forward.routeTo, reverse.routeTo, configFor(flow, forward), sinkKey(SinkKind.tcp, index, 0));
  const app = flow.app;
  if (app.kind === 'bulk') return new BulkTransfer(sim, client, stats.tcp!, app.size, flow.start, flow.stop);
  const responseStats = network.addFlow(`${flow.name}.response`, { from: flow.to, to: flow.from, dscp: flow.dscp, protocol: 'tcp', pair: flow.pair });
  const server = createTcpHalf(network, responseStats, reverse.routeTo, forward.routeTo, configFor(flow, reverse), sinkKey(SinkKind.tcp, index, 2), false);
  return new RequestResponse(
    sim,
    client,
    server,
    stats.tcp!,
    sampler(sim, app.request, `flow:${flow.name}:requests`),
    sampler(sim, app.response, `flow:${flow.name}:responses`),
    sampler(sim, app.think, `flow:${flow.name}:think`),
    app.count,
    flow.start,
    flow.stop,
  );
}
