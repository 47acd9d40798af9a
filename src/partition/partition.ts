import type { CompiledRun } from '../compile/compile.js';
import type { Nanos } from '../core/time.js';
import type { Link, LinkExporter } from '../net/link.js';
import type { PacketId, PacketSink } from '../net/packet.js';
import type { PartitionPlan } from './plan.js';
import type { TimeSeriesSampler } from '../stats/time-series.js';

/** A packet in another partition's mailbox: its link, arrival, the link's failure count, route, hop and fields. */
const PACKET = 1;
/** A route a partition sends for the first time: its number and its elements' names. */
const ROUTE = 2;
/** The routes sent so far are forgotten (the tables changed: the flows take new ones). */
const FORGET_ROUTES = 3;

/** A growable list of doubles: what one partition sends another in one window. */
export class Outbox {
  data = new Float64Array(1024);
  length = 0;

  reserve(n: number): Float64Array {
    if (this.length + n > this.data.length) {
      const grown = new Float64Array(Math.max(2 * this.data.length, this.length + n));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    return this.data;
  }
}

/**
 * One partition (a logical process) of a replication: a whole copy of the network that simulates
 * the sources and links of its own nodes. A link towards another partition's node hands the packets
 * it starts sending to this partition's outbox for that partition (their arrival is at least one
 * lookahead away); `deliver` lands the packets other partitions sent here on the far ends of their links.
 */
export class Partition implements LinkExporter {
  /** What this partition sends each other partition during the current window. */
  readonly outboxes: Outbox[];
  /** The earliest arrival of what this partition sent in the current window (Infinity: nothing). */
  earliestSent = Infinity;
  /** Per destination, the number of each route already sent there. */
  private readonly routesSent: Map<readonly PacketSink[], number>[];
  /** Per source partition, the routes it sent here, by number. */
  private readonly routesReceived: (readonly PacketSink[])[][];
  /** The routing tables' version the routes sent were taken from. */
  private routesEpoch = 0;

  /** Samples this copy's flows and links when the run keeps a time series (the partitions' samples add up). */
  sampler: TimeSeriesSampler | undefined;

  constructor(
    readonly index: number,
    readonly run: CompiledRun,
    readonly plan: PartitionPlan,
  ) {
    const network = run.network;
    const partitionOf = plan.partitionOf;
    network.owns = (name) => partitionOf[network.node(name).index] === index;
    for (const link of network.links) if (partitionOf[link.from.index] === index && partitionOf[link.to.index] !== index) link.exporter = this;
    this.outboxes = Array.from({ length: plan.count }, () => new Outbox());
    this.routesSent = Array.from({ length: plan.count }, () => new Map());
    this.routesReceived = Array.from({ length: plan.count }, () => []);
  }

  export(link: Link, packet: PacketId, route: readonly PacketSink[], hop: number, arrival: Nanos, generation: number): void {
    const to = this.plan.partitionOf[link.to.index]!;
    const box = this.outboxes[to]!;
    if (arrival < this.earliestSent) this.earliestSent = arrival;
    const network = this.run.network;
    const pool = network.pool;
    if (network.routing.epoch !== this.routesEpoch) this.forgetRoutes();
    const sent = this.routesSent[to]!;
    let ref = sent.get(route);
    if (ref === undefined) {
      ref = sent.size;
      sent.set(route, ref);
      const sinks = network.sinks;
      const d = box.reserve(3 + route.length);
      let k = box.length;
      d[k++] = ROUTE;
      d[k++] = ref;
      d[k++] = route.length;
      for (const element of route) d[k++] = sinks.keyOf(element);
      box.length = k;
    }
    const sack = pool.sackCount(packet);
    // a receiver's tag in `Delivery` is this copy's own: the far end's copy is sent its name
    const delivery = network.routing.delivery;
    const receiver = route[route.length - 1] === delivery ? network.sinks.keyOf(delivery.receiverOf(pool.tag(packet))) : -1;
    const d = box.reserve(19 + 2 * sack);
    let k = box.length;
    d[k++] = PACKET;
    d[k++] = link.index;
    d[k++] = arrival;
    d[k++] = generation;
    d[k++] = ref;
    d[k++] = hop;
    d[k++] = pool.flow(packet);
    d[k++] = pool.seq(packet);
    d[k++] = pool.size(packet);
    d[k++] = pool.payload(packet);
    d[k++] = pool.ack(packet);
    d[k++] = pool.isAck(packet) ? 1 : 0;
    d[k++] = pool.dscp(packet);
    d[k++] = pool.sentAt(packet);
    d[k++] = pool.requestEnd(packet); // or the ACK's echoed timestamp, in the same place
    d[k++] = pool.responseEnd(packet);
    d[k++] = receiver;
    d[k++] = pool.tag(packet);
    d[k++] = sack;
    for (let b = 0; b < sack; b++) {
      d[k++] = pool.sackStart(packet, b);
      d[k++] = pool.sackEnd(packet, b);
    }
    box.length = k;
    pool.release(packet);
  }

  /**
   * After the tables change, the flows take new routes and the old ones are not sent again: each
   * partition that was sent routes is told to forget them, so that neither side keeps every route
   * of a run of many failures.
   */
  private forgetRoutes(): void {
    this.routesEpoch = this.run.network.routing.epoch;
    this.routesSent.forEach((sent, to) => {
      if (sent.size === 0) return;
      sent.clear();
      const box = this.outboxes[to]!;
      box.reserve(1)[box.length++] = FORGET_ROUTES;
    });
  }

  /** When this partition next has something to do: its earliest event, or the earliest packet it has sent. */
  nextActivity(): Nanos {
    return Math.min(this.run.sim.nextEventTime(), this.earliestSent);
  }

  /** Land what partition `from` sent here (`data[start, end)`), in the order it was sent. */
  deliver(from: number, data: Float64Array, start: number, end: number): void {
    const network = this.run.network;
    const routes = this.routesReceived[from]!;
    let k = start;
    while (k < end) {
      if (data[k] === FORGET_ROUTES) {
        routes.length = 0;
        k++;
        continue;
      }
      if (data[k] === ROUTE) {
        const ref = data[k + 1]!;
        const n = data[k + 2]!;
        const route = new Array<PacketSink>(n);
        for (let e = 0; e < n; e++) route[e] = network.sinks.elementOf(data[k + 3 + e]!);
        routes[ref] = route;
        k += 3 + n;
        continue;
      }
      const link = network.links[data[k + 1]!]!;
      const arrival = data[k + 2]!;
      const generation = data[k + 3]!;
      const pool = network.pool;
      const packet = pool.take();
      const receiver = data[k + 16]!;
      // small integers kept as such (| 0): a field V8 has seen hold a double boxes every value after
      pool.restore(
        packet,
        data[k + 6]! | 0,
        data[k + 8]! | 0,
        data[k + 12]! | 0,
        data[k + 11] === 1,
        receiver < 0 ? data[k + 17]! | 0 : network.routing.delivery.tagOf(network.sinks.elementOf(receiver)),
        data[k + 9]! | 0,
        data[k + 7]!,
        data[k + 13]!,
        data[k + 10]!,
        data[k + 14]!,
        data[k + 15]!,
      );
      const sack = data[k + 18]! | 0;
      for (let b = 0; b < sack; b++) pool.setSack(packet, b, data[k + 19 + 2 * b]!, data[k + 20 + 2 * b]!);
      const route = routes[data[k + 4]!]!;
      const hop = data[k + 5]! | 0;
      k += 19 + 2 * sack;
      link.land(packet, route, hop, arrival, generation);
    }
  }
}
