import type { EventHandler } from '../core/event-list.js';
import type { RandomStream } from '../core/random.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import type { Network } from '../net/network.js';
import type { Packet, PacketSink } from '../net/packet.js';
import type { FlowRoute } from '../net/routing/flow-route.js';
import type { FlowStats } from '../net/flow-stats.js';
import type { MediaQuality } from '../probes/media-quality.js';
import type { RouteTo } from '../transport/tcp/tcp-connection.js';
import type { Sampler } from '../core/distribution.js';
import type { SessionCounters } from '../probes/session-counters.js';

/** One direction of every call of an application: its flow statistics and quality windows. */
export interface MediaDirection {
  flow: FlowStats;
  quality: MediaQuality;
}

export interface CallSettings {
  /** Mean time between call arrivals (all users together), ns; Infinity for none. */
  meanGap: number;
  durations: Sampler;
  packetInterval: Nanos;
  packetBytes: number;
  /** Hash base for the calls' routes: each call object takes its own equal-cost path. */
  hashBase: number;
  stop: Nanos;
  /** Names the calls' receivers (PacketSinks): call k's are sinkKey + 2k and + 2k + 1. */
  sinkKey: number;
  /** The two ends' nodes: in a partitioned run each end's copy sends its own direction. */
  site: string;
  service: string;
}

/**
 * Calls of a site's users to a service: Poisson arrivals, each call sending one packet each way every
 * packet interval until it ends. The run starts in steady state: the arrival process is played from
 * 20 mean call lengths before time 0, and the calls still going at 0 are in progress (with their
 * packets at a random phase). Finished calls are reused for new ones.
 */
export class CallArrivals implements EventHandler {
  private readonly free: Call[] = [];
  private readonly all: Call[] = [];
  private active = 0;
  /**
   * What this copy of the network simulates (all of it, unless the run is partitioned): the site's
   * copy sends up and counts the calls, the service's sends down.
   */
  sendsUp = true;
  sendsDown = true;

  constructor(
    private readonly sim: Simulator,
    private readonly network: Network,
    private readonly settings: CallSettings,
    private readonly arrivals: RandomStream,
    private readonly up: MediaDirection,
    private readonly down: MediaDirection,
    private readonly upRoute: RouteTo,
    private readonly downRoute: RouteTo,
    private readonly counters: SessionCounters,
  ) {}

  begin(): void {
    const { meanGap, durations, packetInterval } = this.settings;
    this.sendsUp = this.network.owns(this.settings.site);
    this.sendsDown = this.network.owns(this.settings.service);
    if (!Number.isFinite(meanGap)) return;
    let t = -20 * durations.mean;
    for (;;) {
      t += this.arrivals.exponential(meanGap);
      if (t >= 0) break;
      const remaining = t + durations.next();
      if (remaining > 0) this.start(0, remaining, Math.floor(this.arrivals.uniform() * packetInterval));
    }
    if (t < this.settings.stop) this.sim.at(Math.round(t), this, 0);
  }

  /** A call arrives. */
  onEvent(): void {
    const now = this.sim.now;
    if (now >= this.sim.warmup && this.sendsUp) this.counters.started++;
    this.start(now, this.settings.durations.next(), 0);
    const next = now + Math.round(this.arrivals.exponential(this.settings.meanGap));
    if (next < this.settings.stop) this.sim.at(next, this, 0);
  }

  private start(now: Nanos, length: number, phase: Nanos): void {
    const call = this.free.pop() ?? this.newCall();
    ++this.active;
    if (this.sendsUp) this.counters.concurrency.set(this.active, now);
    call.start(now + phase, now + Math.max(1, Math.round(length)));
  }

  private newCall(): Call {
    const hash = this.settings.hashBase + this.all.length;
    const call = new Call(this, this.sim, this.network, this.settings, this.up, this.down);
    call.wire(this.upRoute(call.upEnd, hash), this.downRoute(call.downEnd, hash));
    this.network.sinks.add(this.settings.sinkKey + 2 * this.all.length, call.upEnd, call.downEnd);
    this.all.push(call);
    return call;
  }

  ended(call: Call): void {
    --this.active;
    if (this.sendsUp) this.counters.concurrency.set(this.active, this.sim.now);
    this.free.push(call);
  }
}

/** One call: a packet each way every interval (one event for both), and its two receivers. */
class Call implements EventHandler {
  readonly upEnd: CallReceiver;
  readonly downEnd: CallReceiver;
  private upPath!: FlowRoute;
  private downPath!: FlowRoute;
  private seq = 0;
  private endsAt = 0;
  private ending = false;

  constructor(
    private readonly owner: CallArrivals,
    private readonly sim: Simulator,
    private readonly network: Network,
    private readonly settings: CallSettings,
    private readonly up: MediaDirection,
    private readonly down: MediaDirection,
  ) {
    this.upEnd = new CallReceiver(network, up);
    this.downEnd = new CallReceiver(network, down);
  }

  wire(upPath: FlowRoute, downPath: FlowRoute): void {
    this.upPath = upPath;
    this.downPath = downPath;
  }

  start(firstPacket: Nanos, endsAt: Nanos): void {
    this.endsAt = endsAt;
    this.upEnd.newCall();
    this.downEnd.newCall();
    this.schedule(firstPacket);
  }

  /** The next packet, or the end of the call when it comes first (then the event means "hang up"). */
  private schedule(next: Nanos): void {
    this.ending = next >= this.endsAt;
    this.sim.at(this.ending ? this.endsAt : next, this, 0);
  }

  onEvent(): void {
    if (this.ending) {
      this.owner.ended(this);
      return;
    }
    const now = this.sim.now;
    const seq = this.seq++;
    if (this.owner.sendsUp) this.send(this.upPath, this.up.flow, seq, now);
    if (this.owner.sendsDown) this.send(this.downPath, this.down.flow, seq, now);
    this.schedule(now + this.settings.packetInterval);
  }

  private send(path: FlowRoute, flow: FlowStats, seq: number, now: Nanos): void {
    const size = this.settings.packetBytes;
    const packet = this.network.pool.take().stamp(flow.index, seq, size, path.dscp, path.current(), now, path.receiver);
    if (now >= this.sim.warmup) flow.countSent(size, path.exposure, now);
    packet.forward();
  }
}

/**
 * The receiving end of one direction of a call: one-way delay, RFC 3550 jitter of this call, gaps
 * (runs of losses) and reordering in its sequence numbers.
 */
class CallReceiver implements PacketSink {
  private lastTransit = -1;
  private jitter = 0;
  private expected = 0;

  constructor(
    private readonly network: Network,
    private readonly direction: MediaDirection,
  ) {}

  newCall(): void {
    this.lastTransit = -1;
    this.jitter = 0;
  }

  receive(packet: Packet): void {
    const now = this.network.sim.now;
    const transit = now - packet.sentAt;
    if (this.lastTransit >= 0) {
      const d = transit - this.lastTransit;
      this.jitter += ((d < 0 ? -d : d) - this.jitter) / 16;
    }
    this.lastTransit = transit;
    const { flow, quality } = this.direction;
    if (packet.seq > this.expected) quality.lossRun(packet.sentAt);
    if (packet.seq < this.expected) quality.reorder(packet.sentAt);
    else this.expected = packet.seq + 1;
    quality.arrived(packet.sentAt, transit, this.jitter);
    if (now >= this.network.sim.warmup) flow.recordArrival(packet.size, transit, now, false);
    this.network.pool.release(packet);
  }
}
