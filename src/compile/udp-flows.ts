import type { Network } from '../net/network.js';
import type { UdpFlowSpec } from '../scenario/scenario.js';
import { Sampler } from '../core/distribution.js';
import { ExponentialSize, FixedSize, type PacketSizeModel } from '../traffic/packet-size.js';
import { UdpSources, type SourceTiming } from '../traffic/udp-sources.js';
import type { RouteTo } from '../transport/tcp/tcp-connection.js';
import { UdpSink } from '../transport/udp.js';
import type { Startable } from './startable.js';
import { SinkKind, sinkKey } from '../net/packet-sinks.js';

/** The two ends every UDP flow of a network shares. */
export interface UdpEnds {
  sources: UdpSources;
  sink: UdpSink;
}

export function udpEnds(network: Network): UdpEnds {
  const sink = new UdpSink(network);
  network.sinks.add(sinkKey(SinkKind.udp, 0), sink);
  return { sources: new UdpSources(network), sink };
}

/** A UDP flow: its source among the network's, its packets delivered to the shared sink. */
export function buildUdpFlow(network: Network, flow: UdpFlowSpec, routeTo: RouteTo, mtu: number, ends: UdpEnds): Startable {
  const sim = network.sim;
  const stats = network.addFlow(flow.name, { from: flow.from, to: flow.to, dscp: flow.dscp, protocol: 'udp', pair: flow.pair });
  const path = routeTo(ends.sink);
  stats.route = path;
  const spec = flow.source;
  const sizes: PacketSizeModel =
    spec.size.kind === 'fixed'
      ? new FixedSize(spec.size.bytes)
      : new ExponentialSize(spec.size.mean, sim.random.stream(`flow:${flow.name}:sizes`), 1, mtu);
  let timing: SourceTiming;
  switch (spec.kind) {
    case 'cbr':
      timing = { kind: 'cbr', rateBps: spec.rateBps };
      break;
    case 'poisson':
      timing = { kind: 'poisson', rateBps: spec.rateBps, arrivals: `flow:${flow.name}:arrivals` };
      break;
    case 'onoff': {
      const periods = sim.random.stream(`flow:${flow.name}:periods`);
      timing = { kind: 'onoff', peakRateBps: spec.rateBps, on: new Sampler(spec.on, periods), off: new Sampler(spec.off, periods) };
      break;
    }
  }
  const source = ends.sources.add(stats, path, sizes, timing, flow.start, flow.stop);
  return { begin: () => ends.sources.begin(source) };
}
