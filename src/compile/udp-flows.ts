import type { Network } from '../net/network.js';
import type { UdpFlowSpec } from '../scenario/scenario.js';
import { CbrSource } from '../traffic/cbr-source.js';
import { Sampler } from '../traffic/distribution.js';
import { OnOffSource } from '../traffic/on-off-source.js';
import { ExponentialSize, FixedSize, type PacketSizeModel } from '../traffic/packet-size.js';
import { PoissonSource } from '../traffic/poisson-source.js';
import type { Source } from '../traffic/source.js';
import type { RouteTo } from '../transport/tcp/tcp-connection.js';
import { UdpSender, type UdpSink } from '../transport/udp.js';

/** A UDP flow: `sink` is the network's (shared by every UDP flow). */
export function buildUdpFlow(network: Network, flow: UdpFlowSpec, routeTo: RouteTo, mtu: number, sink: UdpSink): Source {
  const sim = network.sim;
  const stats = network.addFlow(flow.name, { from: flow.from, to: flow.to, dscp: flow.dscp, protocol: 'udp', pair: flow.pair });
  const path = routeTo(sink);
  stats.route = path;
  const sender = new UdpSender(network, stats, path);
  const spec = flow.source;
  const sizes: PacketSizeModel =
    spec.size.kind === 'fixed'
      ? new FixedSize(spec.size.bytes)
      : new ExponentialSize(spec.size.mean, sim.random.stream(`flow:${flow.name}:sizes`), 1, mtu);
  const timing = { start: flow.start, stop: flow.stop };
  switch (spec.kind) {
    case 'cbr':
      return new CbrSource(sim, sender, sizes, timing, spec.rateBps);
    case 'poisson':
      return new PoissonSource(sim, sender, sizes, timing, spec.rateBps, sim.random.stream(`flow:${flow.name}:arrivals`));
    case 'onoff': {
      const periods = sim.random.stream(`flow:${flow.name}:periods`);
      return new OnOffSource(sim, sender, sizes, timing, spec.rateBps, new Sampler(spec.on, periods), new Sampler(spec.off, periods));
    }
  }
}
