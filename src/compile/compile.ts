import { Simulator } from '../core/simulator.js';
import type { EventListKind } from '../core/event-list.js';
import { LinkSchedule } from '../net/link-schedule.js';
import { BernoulliLoss } from '../net/loss-model.js';
import { Network } from '../net/network.js';
import { TokenBucket } from '../net/token-bucket.js';
import { IssueList } from '../scenario/errors.js';
import type { FlowSpec, Scenario } from '../scenario/scenario.js';
import { CbrSource } from '../traffic/cbr-source.js';
import { OnOffSource } from '../traffic/on-off-source.js';
import { ExponentialSize, FixedSize, type PacketSizeModel } from '../traffic/packet-size.js';
import { PoissonSource } from '../traffic/poisson-source.js';
import type { Source } from '../traffic/source.js';
import { UdpSender, UdpSink } from '../transport/udp.js';
import { buildClassMap, buildQueue } from './queues.js';
import { pathMtu, resolveRoute } from './routes.js';

export interface RunOptions {
  seed: number;
  replication: number;
  eventList?: EventListKind;
}

/** A scenario turned into a ready-to-run simulation. */
export interface CompiledRun {
  sim: Simulator;
  network: Network;
  /** Schedule every initial event; call once, before running. */
  begin(): void;
}

/**
 * Build the network of a scenario. Problems that only the topology reveals (no route, a packet
 * larger than the path MTU) are added to `issues`; the run is usable only if none were found.
 */
export function compile(scenario: Scenario, options: RunOptions, issues = new IssueList()): CompiledRun {
  const sim = new Simulator({
    seed: options.seed,
    replication: options.replication,
    warmup: scenario.warmup,
    eventList: options.eventList,
  });
  const network = new Network(sim);
  for (const name of scenario.nodes) network.addNode(name);

  const schedules: LinkSchedule[] = [];
  for (const spec of scenario.links) {
    const link = network.addLink({
      name: spec.name,
      from: spec.from,
      to: spec.to,
      bandwidthBps: spec.bandwidthBps,
      delay: spec.delay,
      mtu: spec.mtu,
      queue: buildQueue(spec.queue),
      classMap: buildClassMap(spec.queue),
      policer: spec.policer && new TokenBucket(spec.policer.rateBps, spec.policer.burstBytes),
      loss: spec.loss > 0 ? new BernoulliLoss(spec.loss, sim.random.stream(`link:${spec.name}:loss`)) : undefined,
    });
    if (spec.outages.length > 0) {
      const schedule = new LinkSchedule(sim, link);
      for (const o of spec.outages) schedule.outage(o.at, o.duration);
      schedules.push(schedule);
    }
  }

  const sources: Source[] = [];
  for (const flow of scenario.flows) {
    const route = resolveRoute(network, flow, issues);
    if (route === undefined) continue;
    const mtu = pathMtu(route);
    if (flow.source.size.kind === 'fixed' && flow.source.size.bytes > mtu) {
      issues.add([...flow.origin, 'source', 'packet_size'], `packets of ${flow.source.size.bytes} B exceed the path MTU of ${mtu} B`);
      continue;
    }
    const stats = network.addFlow(flow.name);
    const sink = new UdpSink(network, stats);
    const sender = new UdpSender(network, stats, [...route, sink], flow.dscp);
    sources.push(buildSource(sim, flow, sender, mtu));
  }

  return {
    sim,
    network,
    begin() {
      for (const s of sources) s.begin();
      for (const s of schedules) s.begin();
    },
  };
}

function buildSource(sim: Simulator, flow: FlowSpec, sender: UdpSender, mtu: number): Source {
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
    case 'onoff':
      return new OnOffSource(
        sim,
        sender,
        sizes,
        timing,
        spec.rateBps,
        spec.on,
        spec.off,
        sim.random.stream(`flow:${flow.name}:periods`),
      );
  }
}
