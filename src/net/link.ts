import type { EventHandler } from '../core/event-list.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import { NS_PER_S } from '../core/time.js';
import { LinkStats } from '../probes/link-stats.js';
import { DROP_REASON_COUNT, DropReason, type DropHandler } from './drop-reason.js';
import type { LossModel } from './impairments/loss-models.js';
import type { PacketId, PacketPool, PacketSink } from './packet.js';
import { MAX_PACKET_BYTES, PacketRing } from './packet-ring.js';
import type { Fib } from './routing/fib.js';
import { TunnelEndpoint, type Tunnel, type TunnelSpec } from './routing/tunnel.js';
import type { Failover, RouteFilter } from './routing/link-routing.js';
import type { ClassMap } from './queues/class-map.js';
import type { QueueDiscipline } from './queues/queue-discipline.js';
import type { TokenBucket } from './token-bucket.js';

/** Where a link cut by a partition sends its packets: to the far end's partition (src/partition/). */
export interface LinkExporter {
  /** `packet` leaves `link` now, on `route` (`hop`: the element after the link), to arrive at the far end at `arrival`; the exporter takes it. */
  export(link: Link, packet: PacketId, route: readonly PacketSink[], hop: number, arrival: Nanos, generation: number): void;
}

/** What a link knows of the nodes it joins (a `Node` is one). */
export interface LinkEnd {
  readonly name: string;
  readonly index: number;
  readonly out: Link[];
  readonly fib: Fib<Link>;
  /** Where a route that finds no forwarding entry here ends (a no_route drop). */
  readonly noRoute: PacketSink;
}

export interface LinkConfig {
  name: string;
  from: LinkEnd;
  to: LinkEnd;
  bandwidthBps: number;
  delay: Nanos;
  mtu: number;
  queue: QueueDiscipline;
  classMap: ClassMap;
  policer?: TokenBucket;
  loss?: LossModel;
  /** How routing reacts to this link's failures; without it routes never avoid the link. */
  failover?: Failover;
  /** Which routes the link carries (default: all). */
  routeFilter?: RouteFilter;
  /** Polices the packet rate (one token per packet). */
  packetPolicer?: TokenBucket;
  /** Extra routing cost (ns, added to the delay when routes are computed): a backup path. */
  metric?: number;
  /** A VPN tunnel: routes through this link cross the underlay between its two ends instead. */
  tunnel?: TunnelSpec;
}

/**
 * One direction of a link: policer, egress queue, serializer and the in-flight pipe.
 *
 * The serializer has no event of its own. Its next dequeue decision is due at `busyUntil`, and it is
 * made lazily ("caught up") the next time the link is touched: on an arrival, or when the pipe's
 * head lands. That is exact because nothing can reach the queue between two touches, and the pipe
 * always holds the packet being serialized, whose arrival (busyUntil + delay) is never earlier than
 * the pending decision. So a link has at most one event in the event list, whatever it carries.
 * Anything else that reads the queue or the counters calls `catchUp(now)` first: every dequeue
 * decision due by then is made, at its own time, and nothing is scheduled (the pipe's event is
 * already pending whenever the queue holds packets).
 */
export class Link implements PacketSink, EventHandler {
  // The fields a hop reads come first, in declaration order (V8 lays them out so): a link's visit
  // then touches two or three of its cache lines instead of its four (docs/performance.md).
  private readonly sim: Simulator;
  up = true;
  readonly mtu: number;
  private readonly policer: TokenBucket | null;
  private readonly packetPolicer: TokenBucket | null;
  private readonly queue: QueueDiscipline;
  private readonly classOf: Uint8Array;
  private busyUntil: Nanos = 0;
  private readonly nsPerByte: number;
  /**
   * Set when a partition boundary cuts this link and its sending end is here: packets leave for the
   * far end's partition as they start on the wire (their arrival is then known), and the serializer
   * gets an event at the end of each transmission instead of the pipe's.
   */
  exporter: LinkExporter | null = null;
  /** Packets on the wire, each with its hop fields and its arrival at the far end (in order). */
  private readonly pipe = new PacketRing();
  readonly delay: Nanos;
  readonly stats: LinkStats;
  private eventPending = false;
  /** Bumped when the link fails, so that its stale pipe event is ignored. */
  private generation = 0;
  private readonly loss: LossModel | null;
  private readonly drops: DropHandler;
  private readonly packets: PacketPool;

  readonly name: string;
  readonly from: LinkEnd;
  readonly to: LinkEnd;
  readonly bandwidthBps: number;
  readonly classMap: ClassMap;
  readonly failover: Failover | undefined;
  readonly routeFilter: RouteFilter | undefined;
  readonly metric: number;
  readonly tunnel: Tunnel | undefined;
  /** Position in the network's links (the same in every copy of the network). */
  index = -1;
  /** What the link's policer lets through (bit/s; Infinity without one). */
  readonly rateLimitBps: number;

  constructor(sim: Simulator, drops: DropHandler, packets: PacketPool, config: LinkConfig) {
    this.sim = sim;
    this.drops = drops;
    this.packets = packets;
    this.name = config.name;
    this.from = config.from;
    this.to = config.to;
    this.bandwidthBps = config.bandwidthBps;
    this.delay = config.delay;
    // the scenario's schema says so too
    if (!(config.mtu > 0 && config.mtu < MAX_PACKET_BYTES)) throw new Error(`link '${config.name}': an MTU of ${config.mtu} bytes (it must be positive and under 2 MiB, what the rings hold)`);
    this.mtu = config.mtu;
    this.queue = config.queue;
    this.classMap = config.classMap;
    this.classOf = config.classMap.classOf;
    this.policer = config.policer ?? null;
    this.rateLimitBps = config.policer?.rateBps ?? Infinity;
    this.packetPolicer = config.packetPolicer ?? null;
    this.loss = config.loss ?? null;
    this.failover = config.failover;
    this.routeFilter = config.routeFilter;
    this.metric = config.metric ?? 0;
    const t = config.tunnel;
    this.tunnel = t && {
      entrance: new TunnelEndpoint(`${config.name}.entrance`, t.overhead, t.mtu, true, packets),
      exit: new TunnelEndpoint(`${config.name}.exit`, t.overhead, t.mtu, false, packets),
      remoteAddress: t.remoteAddress,
    };
    this.nsPerByte = (8 * NS_PER_S) / config.bandwidthBps;
    this.stats = new LinkStats(DROP_REASON_COUNT, config.classMap.count);
  }

  receive(packet: PacketId, route: readonly PacketSink[], hop: number): void {
    const p = this.packets;
    this.arrive(packet, route, hop, p.size(packet), p.dscp(packet));
  }

  /**
   * `packet` arrives, with its hop fields (see HopFields; `hop` is the element after this link): from
   * the link before it on its route, which passes on its copies of size and DSCP, or from `receive`.
   */
  arrive(packet: PacketId, route: readonly PacketSink[], hop: number, size: number, dscp: number): void {
    const now = this.sim.now;
    if (!this.up) return this.dropPacket(packet, DropReason.LinkDown);
    if (size > this.mtu) return this.dropPacket(packet, DropReason.Mtu);
    if (this.policer !== null && !this.policer.conforms(size)) {
      return this.dropPacket(packet, DropReason.Policer);
    }
    if (this.packetPolicer !== null && !this.packetPolicer.conforms(1)) return this.dropPacket(packet, DropReason.Policer);
    const queue = this.queue;
    if (queue.packets > 0) this.serve();
    if (queue.packets === 0 && this.busyUntil <= now) {
      this.busyUntil = now; // the idle serializer starts now (transmit reads its start here)
      return this.transmit(packet, route, hop, size, dscp, 0);
    }
    if (!queue.enqueue(packet, this.classOf[dscp]!, route, hop, size, dscp)) this.dropPacket(packet, DropReason.QueueFull);
  }

  onEvent(generation: number): void {
    if (generation !== this.generation) return;
    const now = this.sim.now;
    if (this.exporter !== null) {
      this.eventPending = false;
      this.serve();
      // a transmission started at this instant before this event came has its end still to wake
      if (!this.eventPending && this.busyUntil > now) this.wakeAtEnd();
      return;
    }
    this.eventPending = true; // hold back scheduling while the pipe is being emptied
    if (this.queue.packets > 0) this.serve();
    const pipe = this.pipe;
    const loss = this.loss;
    const landed = pipe.shifted;
    while (pipe.headArrival() <= now) {
      const packet = pipe.shift();
      const route = landed.route;
      const hop = landed.hop;
      if (loss !== null) {
        if (loss.lose(this.packets, packet, hop)) {
          this.dropPacket(packet, DropReason.Loss);
          continue;
        }
      }
      const next = route[hop]!;
      if (next instanceof Link) next.arrive(packet, route, hop + 1, landed.size, landed.dscp);
      else next.receive(packet, route, hop + 1);
    }
    this.eventPending = false;
    if (pipe.length > 0) this.schedule();
  }

  /**
   * The far end of a cut link (see `exporter`): a packet sent in another partition, whose copy of
   * this link sent it with `generation`, arrives at `arrival`. A failure since then lost it in flight.
   */
  land(packet: PacketId, route: readonly PacketSink[], hop: number, arrival: Nanos, generation: number): void {
    if (generation !== this.generation || !this.up) return this.dropPacket(packet, DropReason.LinkDown);
    const p = this.packets;
    this.pipe.push(packet, route, hop, p.size(packet), p.dscp(packet), arrival);
    if (!this.eventPending) this.schedule();
  }

  /** Take the link down (dropping everything queued or in flight) or bring it back up. */
  setUp(up: boolean): void {
    if (up === this.up) return;
    this.up = up;
    if (up) return;
    const now = this.sim.now;
    this.catchUp(now);
    if (this.busyUntil > now) {
      // the transmission cut short was counted from the later of its start and the warm-up's end
      this.stats.addBusy(-Math.max(0, this.busyUntil - Math.max(now, this.sim.warmup)));
      this.busyUntil = now;
    }
    for (let p = this.queue.dequeue(0); p !== undefined; p = this.queue.dequeue(0)) this.dropPacket(p, DropReason.LinkDown);
    while (this.pipe.length > 0) this.dropPacket(this.pipe.shift(), DropReason.LinkDown);
    this.generation++;
    this.eventPending = false;
  }

  /** Bring the statistics up to `end`: transmissions due by then start; busy time is clipped. */
  finish(end: Nanos): void {
    this.catchUp(end);
    if (this.busyUntil > end && end > this.sim.warmup) this.stats.addBusy(-(this.busyUntil - end));
    this.stats.settle();
  }

  get queuedPackets(): number {
    return this.queue.packets;
  }

  /**
   * The work waiting at `now` (what a packet arriving now would wait behind, in a FIFO): exact even
   * though the serializer is caught up lazily, since catching up only moves queued work into the
   * transmission in progress.
   */
  backlog(now: Nanos): Nanos {
    return Math.max(0, this.busyUntil - now + this.queue.bytes * this.nsPerByte);
  }

  get inFlightPackets(): number {
    return this.pipe.length;
  }

  /** Serialization time of `bytes` on this link. */
  transmissionTime(bytes: number): Nanos {
    return Math.round(bytes * this.nsPerByte);
  }

  /**
   * Make every dequeue decision due by `now` (each at its own time, when the transmission before it
   * ends): the one way to bring the lazy serializer up to date before the queue or the counters
   * are read. `now` is never before the last decision nor after the simulator's clock.
   */
  catchUp(now: Nanos): void {
    while (this.busyUntil <= now && this.queue.packets > 0) this.startNext();
  }

  /** `catchUp` to the simulator's time, which the packet path reads rather than passes (see `transmit`). */
  private serve(): void {
    const now = this.sim.now;
    while (this.busyUntil <= now && this.queue.packets > 0) this.startNext();
  }

  /** The dequeue decision due at `busyUntil`: the queue is told how late it is made. */
  private startNext(): void {
    const queue = this.queue;
    const start = this.busyUntil;
    const packet = queue.dequeue(this.sim.now - start)!;
    const w = queue.dequeued;
    this.transmit(packet, w.route, w.hop, w.size, w.dscp, start - w.arrival);
  }

  /**
   * Put `packet` on the wire now, at `busyUntil`, with its hop fields; it waited `wait` ns. Its
   * row is not read here (a packet that waited has gone cold): the queue kept its fields. The
   * start is read from the field, not passed: a time passed to a call V8 does not inline is boxed.
   */
  private transmit(packet: PacketId, route: readonly PacketSink[], hop: number, size: number, dscp: number, wait: Nanos): void {
    const start = this.busyUntil;
    const end = start + Math.round(size * this.nsPerByte);
    this.busyUntil = end;
    const warmup = this.sim.warmup;
    if (start >= warmup) this.stats.transmitted(size, wait, end - start);
    else if (end > warmup) this.stats.addBusy(end - warmup);
    if (this.exporter !== null) {
      this.exporter.export(this, packet, route, hop, end + this.delay, this.generation);
      if (!this.eventPending) this.wakeAtEnd();
      return;
    }
    this.pipe.push(packet, route, hop, size, dscp, end + this.delay);
    if (!this.eventPending) this.schedule();
  }

  /** A cut link's serializer: an event when the transmission in progress ends. */
  private wakeAtEnd(): void {
    this.eventPending = true;
    this.sim.after(this.busyUntil - this.sim.now, this, this.generation);
  }

  private schedule(): void {
    this.eventPending = true;
    this.sim.after(this.pipe.headArrival() - this.sim.now, this, this.generation);
  }

  private dropPacket(packet: PacketId, reason: DropReason): void {
    const p = this.packets;
    if (this.sim.now >= this.sim.warmup) this.stats.drops.add(reason, this.classOf[p.dscp(packet)]!, p.size(packet));
    this.drops.drop(packet, reason);
  }
}
