import { Simulator } from '../core/simulator.js';
import type { EventListKind } from '../core/event-list.js';
import { LinkSchedule } from '../net/link-schedule.js';
import { BernoulliLoss, DropListLoss, type LossModel } from '../net/loss-model.js';
import { Network } from '../net/network.js';
import { TokenBucket } from '../net/token-bucket.js';
import { IssueList } from '../scenario/errors.js';
import type { LinkSpec, Scenario } from '../scenario/scenario.js';
import { buildClassMap, buildQueue } from './queues.js';
import { pathMtu, resolveReverseRoute, resolveRoute } from './routes.js';
import { buildTcpFlow, type Startable } from './tcp-flows.js';
import { buildUdpFlow } from './udp-flows.js';

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
      loss: lossModel(sim, spec),
    });
    if (spec.outages.length > 0) {
      const schedule = new LinkSchedule(sim, link);
      for (const o of spec.outages) schedule.outage(o.at, o.duration);
      schedules.push(schedule);
    }
  }

  const startables: Startable[] = [];
  for (const flow of scenario.flows) {
    const route = resolveRoute(network, flow, issues);
    if (route === undefined) continue;
    const mtu = pathMtu(route);
    if (flow.protocol === 'udp') {
      if (flow.source.size.kind === 'fixed' && flow.source.size.bytes > mtu) {
        issues.add([...flow.origin, 'source', 'packet_size'], `packets of ${flow.source.size.bytes} B exceed the path MTU of ${mtu} B`);
        continue;
      }
      startables.push(buildUdpFlow(network, flow, route, mtu));
    } else {
      const reverse = resolveReverseRoute(network, flow, issues);
      if (reverse === undefined) continue;
      startables.push(buildTcpFlow(network, flow, route, reverse));
    }
  }

  return {
    sim,
    network,
    begin() {
      for (const s of startables) s.begin();
      for (const s of schedules) s.begin();
    },
  };
}

function lossModel(sim: Simulator, spec: LinkSpec): LossModel | undefined {
  if (spec.dropPackets.length > 0) return new DropListLoss(spec.dropPackets);
  if (spec.loss > 0) return new BernoulliLoss(spec.loss, sim.random.stream(`link:${spec.name}:loss`));
  return undefined;
}
