import { defaultEventList, type EventListChoice } from '../core/event-list.js';
import { Simulator } from '../core/simulator.js';
import { Network } from '../net/network.js';
import type { PathPolicy } from '../net/routing/path-policy.js';
import { IssueList } from '../scenario/errors.js';
import type { FlowSpec, NetworkScenario } from '../scenario/scenario.js';
import { AvailabilityTracker, type ReachabilityPair } from '../stats/availability.js';
import { buildCrossTraffic, buildFailureGroups, buildFailures, buildLink } from './links.js';
import { checkedRoute, hostAddress, MAX_NODES, pinnedLinks, siteAddress } from './routes.js';
import type { Placed, Startable } from './startable.js';
import { buildTcpFlow } from './tcp-flows.js';
import { buildAppFlow } from './app-flows.js';
import type { AppStats } from '../stats/app-stats.js';
import { buildUdpFlow, udpEnds, type UdpEnds } from './udp-flows.js';

export interface RunOptions {
  seed: number;
  replication: number;
  eventList?: EventListChoice;
  /** Only failures, detection, convergence and routing: no traffic at all (fast, for months of time). */
  availabilityOnly?: boolean;
}

/** A scenario turned into a ready-to-run simulation. */
export interface CompiledRun {
  /** The network scenario compiled (a planner's, expanded). */
  scenario: NetworkScenario;
  sim: Simulator;
  network: Network;
  availability: AvailabilityTracker;
  /** The applications of the planner's sites (apps:). */
  apps: AppStats[];
  /** Schedule every initial event; call once, before running. */
  begin(): void;
}

/**
 * Build the network of a scenario. Problems that only the topology reveals (no route, a packet
 * larger than the path MTU) are added to `issues`; the run is usable only if none were found.
 * `policy` says what routes do to packets (the planner's, src/planner/build.ts; neutral by default).
 */
export function compile(scenario: NetworkScenario, options: RunOptions, issues = new IssueList(), policy?: PathPolicy): CompiledRun {
  const sim = new Simulator({ seed: options.seed, replication: options.replication, warmup: scenario.warmup, eventList: options.eventList ?? 'quaternary' });
  const network = new Network(sim, policy);
  const routing = network.routing;
  if (scenario.nodes.length > MAX_NODES) issues.add(['nodes'], `a network holds at most ${MAX_NODES} nodes (sites, regions and services count several each); this one has ${scenario.nodes.length}`);
  scenario.nodes.forEach((name, i) => routing.advertise({ address: hostAddress(i), length: 32 }, network.addNode(name)));
  for (const p of scenario.prefixes) routing.advertise(p.prefix, network.node(p.node), p.preference, p.scope, p.discard);

  const links = scenario.links.map((spec) => buildLink(network, spec));
  const startables: Placed[] = [...buildFailures(network, scenario.links, links), ...buildFailureGroups(network, scenario.failureGroups)].map((start) => ({ start }));
  if (!options.availabilityOnly) for (const s of buildCrossTraffic(network, scenario.links, links)) startables.push(s);
  routing.converge();

  const addressOf = (name: string): number => hostAddress(scenario.nodes.indexOf(name));
  const pairs: ReachabilityPair[] = scenario.reachability.map((r, k) => ({
    ...reachability(network, r.name, r.from, r.to, r.toAddress, r.fromAddress, k),
    returnInternetAddress: r.fromInternetAddress,
    needs: r.needs ?? [],
  }));
  const apps: AppStats[] = [];
  const udp = udpEnds(network);
  scenario.flows.forEach((flow, i) => {
    const toAddress = flow.toAddress ?? addressOf(flow.to);
    const fromAddress = flow.fromAddress ?? addressOf(flow.from);
    // a pair checks both directions: one per two places is enough
    const tracked = pairs.some((p) => (p.from === flow.from && p.to === flow.to) || (p.from === flow.to && p.to === flow.from));
    if (!tracked) pairs.push(reachability(network, `${flow.from} -> ${flow.to}`, flow.from, flow.to, toAddress, fromAddress, pairs.length));
    // without packets a flow is only its pair: no sources, sinks or statistics (a call's are sized by the run's length)
    if (options.availabilityOnly) return;
    const built = buildFlow(network, flow, i, toAddress, fromAddress, issues, apps, udp);
    // a call's arrivals run at both ends (each sends its own direction); any other source at its sender
    if (built !== undefined) startables.push({ start: built, nodes: flow.protocol === 'app' && flow.model.kind === 'call' ? [flow.from, flow.to] : [flow.from] });
  });
  const availability = new AvailabilityTracker(sim, network, pairs);

  return {
    scenario,
    sim,
    network,
    availability,
    apps,
    begin() {
      availability.begin();
      const owns = network.owns;
      for (const s of startables) if (s.nodes === undefined || s.nodes.some(owns)) s.start.begin();
      // unless one was asked for, the event list that suits as many pending events as the run now has
      if (options.eventList === undefined && defaultEventList(sim.pendingEvents) === 'calendar') sim.moveEvents('calendar');
    },
  };
}

function buildFlow(
  network: Network,
  flow: FlowSpec,
  index: number,
  toAddress: number,
  fromAddress: number,
  issues: IssueList,
  apps: AppStats[],
  udp: UdpEnds,
): Startable | undefined {
  let pinned, pinnedBack;
  if (flow.path !== undefined) {
    pinned = pinnedLinks(network, flow.path, flow.origin, issues);
    if (pinned === undefined) return undefined;
    if (flow.protocol !== 'udp') {
      pinnedBack = pinnedLinks(network, [...flow.path].reverse(), flow.origin, issues);
      if (pinnedBack === undefined) return undefined;
    }
  }
  const marking = { dscp: flow.dscp, flowClass: network.routing.policy.classOf(flow.name) };
  const to = siteAddress(network, flow.to, toAddress, flow.toInternetAddress, fromAddress, index);
  const back = siteAddress(network, flow.from, fromAddress, flow.fromInternetAddress, toAddress, index);
  const via = flow.via;
  const forward = checkedRoute(
    network,
    flow.from,
    to,
    index,
    pinned,
    marking,
    () => flow.protocol !== 'app' && issues.add([...flow.origin, 'to'], `no route from '${flow.from}' to '${flow.to}'${via ? ` through '${via.node}'` : ''}`, 'no-route'),
    via && { node: via.node, address: via.address },
    flow.protocol === 'app',
  );
  if (forward === undefined) return undefined;
  if (flow.protocol === 'udp') {
    if (flow.source.size.kind === 'fixed' && flow.source.size.bytes > forward.mtu) {
      issues.add([...flow.origin, 'source', 'packet_size'], `packets of ${flow.source.size.bytes} B exceed the path MTU of ${forward.mtu} B`);
      return undefined;
    }
    return buildUdpFlow(network, flow, forward.routeTo, forward.mtu, udp);
  }
  const reverse = checkedRoute(
    network,
    flow.to,
    back,
    index,
    pinnedBack,
    marking,
    () => flow.protocol !== 'app' && issues.add([...flow.origin, 'to'], `no route back from '${flow.to}' to '${flow.from}' for ACKs`),
    via && { node: via.node, address: siteAddress(network, via.node, via.address, via.internetAddress, toAddress, index) },
    flow.protocol === 'app',
  );
  if (reverse === undefined) return undefined;
  if (flow.protocol === 'tcp') return buildTcpFlow(network, flow, index, forward, reverse);
  if (flow.model.kind === 'call' && flow.model.packetBytes > Math.min(forward.mtu, reverse.mtu)) {
    issues.add([...flow.origin, 'packet_size'], `media packets of ${flow.model.packetBytes} B exceed the path MTU of ${Math.min(forward.mtu, reverse.mtu)} B`);
    return undefined;
  }
  const built = buildAppFlow(network, flow, index, forward, reverse);
  apps.push(built.app);
  return built.start;
}

function reachability(network: Network, name: string, from: string, to: string, toAddress: number, fromAddress: number, id: number): ReachabilityPair {
  return { name, from, to, source: network.node(from), address: toAddress, returnAddress: fromAddress, id, needs: [] };
}
