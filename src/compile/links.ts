import type { Simulator } from '../core/simulator.js';
import { CrossTrafficSource } from '../net/impairments/cross-traffic.js';
import { BernoulliLoss, DropListLoss, GilbertElliottLoss, type LossModel } from '../net/impairments/loss-models.js';
import { OutageProcess } from '../net/impairments/outage-process.js';
import { ScheduledOutages } from '../net/impairments/scheduled-outages.js';
import type { Link } from '../net/link.js';
import type { Network } from '../net/network.js';
import { TokenBucket } from '../net/token-bucket.js';
import type { FailureGroupSpec, LinkSpec, OutageProcessSpec } from '../scenario/scenario.js';
import { sampler } from './samplers.js';
import { buildClassMap, buildQueue } from './queues.js';
import type { Placed, Startable } from './startable.js';
import { SinkKind, sinkKey } from '../net/packet-sinks.js';

export function lossModel(sim: Simulator, spec: LinkSpec): LossModel | undefined {
  const loss = spec.loss;
  switch (loss.kind) {
    case 'none':
      return undefined;
    case 'list':
      return new DropListLoss(loss.packets);
    case 'bernoulli':
      return new BernoulliLoss(loss.p, sim.random.stream(`link:${spec.name}:loss`));
    case 'gilbert':
      return new GilbertElliottLoss(loss.p, loss.r, loss.lossGood, loss.lossBad, sim.random.stream(`link:${spec.name}:loss`));
  }
}

export function buildLink(network: Network, spec: LinkSpec): Link {
  return network.addLink({
    name: spec.name,
    from: spec.from,
    to: spec.to,
    bandwidthBps: spec.bandwidthBps,
    delay: spec.delay,
    mtu: spec.mtu,
    queue: buildQueue(spec.queue, network.sim),
    classMap: buildClassMap(spec.queue),
    policer: spec.policer && new TokenBucket(spec.policer.rateBps, spec.policer.burstBytes, network.sim),
    // a token per packet: the rate in "bits" is 8 x packets per second, a burst of 1 ms of packets
    packetPolicer: spec.ppsLimit === undefined ? undefined : new TokenBucket(spec.ppsLimit * 8, Math.max(1, spec.ppsLimit / 1000), network.sim),
    loss: lossModel(network.sim, spec),
    failover: spec.failover,
    routeFilter: spec.routeFilter,
    metric: spec.metric,
    tunnel: spec.tunnel,
  });
}

/** Scheduled outages and an up/down renewal process over `links`, from the random stream `stream`. */
function failuresOf(network: Network, links: Link[], outages: readonly { at: number; duration: number }[], process: OutageProcessSpec | undefined, stream: string): Startable[] {
  const sim = network.sim;
  const startables: Startable[] = [];
  if (outages.length > 0) {
    const scheduled = new ScheduledOutages(sim, network, links);
    for (const o of outages) scheduled.outage(o.at, o.duration);
    startables.push(scheduled);
  }
  if (process !== undefined) {
    const random = sim.random.stream(stream);
    startables.push(new OutageProcess(sim, network, links, sampler(sim, process.up, random), sampler(sim, process.down, random)));
  }
  return startables;
}

/** Failures of each cable: the directions of one scenario link fail together. */
export function buildFailures(network: Network, specs: readonly LinkSpec[], links: readonly Link[]): Startable[] {
  const cables = new Map<number, { spec: LinkSpec; links: Link[] }>();
  specs.forEach((spec, i) => {
    const cable = cables.get(spec.group) ?? { spec, links: [] };
    cable.links.push(links[i]!);
    cables.set(spec.group, cable);
  });
  return [...cables.values()].flatMap(({ spec, links: cable }) => failuresOf(network, cable, spec.outages, spec.outageProcess, `cable:${spec.name}:failures`));
}

/** Failures that take several cables down together (a circuit's two connections). */
export function buildFailureGroups(network: Network, groups: readonly FailureGroupSpec[]): Startable[] {
  return groups.flatMap((group) => {
    const links = group.links.map((name) => network.links.find((l) => l.name === name)!);
    return failuresOf(network, links, group.outages, group.process, `group:${group.name}:failures`);
  });
}

/** Background sources on every link that asks for cross traffic. */
export function buildCrossTraffic(network: Network, specs: readonly LinkSpec[], links: readonly Link[]): Placed[] {
  const sim = network.sim;
  const startables: Placed[] = [];
  specs.forEach((spec, i) => {
    const x = spec.crossTraffic;
    if (x === undefined) return;
    const link = links[i]!;
    const stats = network.addFlow(`cross:${spec.name}`, { from: spec.from, to: spec.to, dscp: 0, protocol: 'udp', background: true });
    const duty = x.on.mean / (x.on.mean + x.off.mean);
    const peak = (x.load * spec.bandwidthBps) / (x.sources * duty);
    for (let k = 0; k < x.sources; k++) {
      const random = sim.random.stream(`cross:${spec.name}:${k}`);
      const source = new CrossTrafficSource(sim, network, stats, link, peak, x.packetSize, sampler(sim, x.on, random), sampler(sim, x.off, random), random.uniform(), x.profile);
      network.sinks.add(sinkKey(SinkKind.cross, link.index, k), source);
      startables.push({ start: source, nodes: [spec.from] });
    }
  });
  return startables;
}
