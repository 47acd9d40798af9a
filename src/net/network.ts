import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import { FlowStats, type FlowInfo } from './flow-stats.js';
import { FlowTable, STRIDE } from './flow-table.js';
import type { DropHandler, DropReason } from './drop-reason.js';
import { Link, type LinkConfig } from './link.js';
import { Node } from './node.js';
import { PacketPool, type PacketId } from './packet.js';
import { PacketSinks, SinkKind, sinkKey } from './packet-sinks.js';
import type { PathPolicy } from './routing/path-policy.js';
import { RoutingControl } from './routing/routing-control.js';

/** The nodes and links of one simulation, the packet pool they share, and per-flow statistics. */
export class Network implements DropHandler {
  readonly nodes: Node[] = [];
  readonly links: Link[] = [];
  /** What counts in batches, to be counted before the flows are read and when the books close (see `settleBeforeReads`). */
  private readonly settlers: { settle(): void }[] = [];
  readonly flows: FlowStats[] = [];
  /** The counters of every flow, a row each (flow i at i x STRIDE). */
  readonly flowTable: FlowTable;
  readonly pool: PacketPool;
  /** The route elements by name, for partitioned runs (see PacketSinks). */
  readonly sinks = new PacketSinks();
  readonly routing: RoutingControl;
  /**
   * Whether this copy of the network simulates what happens at node `name`: always, unless the run
   * is partitioned (src/partition/), where each partition's copy starts only its own nodes' sources.
   */
  owns: (name: string) => boolean = () => true;
  private readonly nodesByName = new Map<string, Node>();
  private readonly linkListeners: ((link: Link) => void)[] = [];

  constructor(
    readonly sim: Simulator,
    policy?: PathPolicy,
  ) {
    this.pool = new PacketPool(sim);
    this.routing = new RoutingControl(sim, this.nodes, this.pool, policy);
    this.sinks.add(sinkKey(SinkKind.delivery, 0), this.routing.delivery);
    this.flowTable = new FlowTable(sim.warmup, sim, this.settlers);
  }

  /** Failures in force per link: a link is up only when no failure process holds it down. */
  private readonly failures = new Map<Link, number>();

  /**
   * A failure takes `links` down now (both directions of a cable fail together); `repair` ends it.
   * Several failures (a connection's own and its circuit's) may overlap: the link comes back when
   * the last one is repaired. Routing and listeners hear of every change of state.
   */
  fail(links: readonly Link[]): void {
    for (const link of links) {
      const n = this.failures.get(link) ?? 0;
      this.failures.set(link, n + 1);
      if (n === 0) this.changeState(link, false);
    }
  }

  repair(links: readonly Link[]): void {
    for (const link of links) {
      const n = this.failures.get(link) ?? 0;
      if (n === 0) throw new Error(`repair of link '${link.name}', which has not failed`);
      this.failures.set(link, n - 1);
      if (n === 1) this.changeState(link, true);
    }
  }

  private changeState(link: Link, up: boolean): void {
    link.setUp(up);
    this.routing.linkChanged(link, up, link.failover);
    for (const listener of this.linkListeners) listener(link);
  }

  /** Called whenever a link fails or is repaired. */
  onLinkChange(listener: (link: Link) => void): void {
    this.linkListeners.push(listener);
  }

  addNode(name: string): Node {
    if (this.nodesByName.has(name)) throw new Error(`node '${name}' defined twice`);
    const node = new Node(name, this.nodes.length, this.sim, this, this.pool);
    this.sinks.add(sinkKey(SinkKind.noRoute, node.index), node.noRoute);
    this.nodes.push(node);
    this.nodesByName.set(name, node);
    return node;
  }

  node(name: string): Node {
    const node = this.nodesByName.get(name);
    if (node === undefined) throw new Error(`no node '${name}'`);
    return node;
  }

  addLink(config: Omit<LinkConfig, 'from' | 'to'> & { from: Node | string; to: Node | string }): Link {
    const from = typeof config.from === 'string' ? this.node(config.from) : config.from;
    const to = typeof config.to === 'string' ? this.node(config.to) : config.to;
    const link = new Link(this.sim, this, this.pool, { ...config, from, to });
    link.index = this.links.length;
    this.sinks.add(sinkKey(SinkKind.link, link.index), link);
    if (link.tunnel !== undefined) this.sinks.add(sinkKey(SinkKind.tunnel, link.index), link.tunnel.entrance, link.tunnel.exit);
    from.out.push(link);
    this.links.push(link);
    return link;
  }

  addFlow(name: string, info: FlowInfo): FlowStats {
    const flow = new FlowStats(name, this.flows.length, info, this.flowTable, this.flowTable.add());
    this.flows.push(flow);
    return flow;
  }

  drop(packet: PacketId, _reason: DropReason): void {
    const pool = this.pool;
    const flow = pool.flow(packet);
    if (this.sim.now >= this.sim.warmup) this.flowTable.countLost(flow * STRIDE, pool.isAck(packet));
    this.flows[flow]!.watcher?.dropped(pool.sentAt(packet));
    pool.release(packet);
  }

  /** Close the books at `end` (the last simulated instant). */
  finish(end: Nanos): void {
    for (const link of this.links) link.finish(end);
    for (const batched of this.settlers) batched.settle();
  }

  /**
   * `batched` keeps what it counts and counts it in batches: its pending batch is counted before the
   * flow table is read (a time series' sample, the results) and at `finish`.
   */
  settleBeforeReads(batched: { settle(): void }): void {
    this.settlers.push(batched);
  }
}
