import type { EventHandler } from '../core/event-list.js';
import { LINE_ALIGNED_BASE } from '../core/line-aligned-rows.js';
import type { RandomStream } from '../core/random.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import type { Network } from '../net/network.js';
import { send, type PacketId, type PacketSink } from '../net/packet.js';
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
  /** Names the calls' two receivers (PacketSinks, shared by every call): sinkKey (up) and sinkKey + 1 (down). */
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
 *
 * A call is a row of numbers, not an object: what a call's tick and its two receivers read (its end,
 * next sequence number, current routes' marking, each receiver's last transit, jitter and expected
 * sequence number) sits in one 128-byte row of `rows`, and its packets name the call by `PacketPool.tag`
 * and end at one of two receivers that all the calls share. Thousands of calls in progress were
 * thousands of objects, each reached through its own routes' objects and boxed numbers: several cold
 * cache lines for every packet of a large network (docs/performance.md).
 */
export class CallArrivals implements EventHandler {
  /** Calls free for reuse (LIFO), and how many calls exist. */
  private readonly free: number[] = [];
  private count = 0;
  private active = 0;
  /** Each call's row (ROW doubles from `rowOf(call)`), read by its receivers too; replaced when it grows. */
  rows = new Float64Array(rowOf(16));
  /** Receipts not yet counted in their calls' rows (RECEIPT numbers each, in the order they came). */
  private readonly receipts = new Float64Array(RECEIPTS * RECEIPT);
  private pendingReceipts = 0;
  /** Each call's routes (FlowRoute) up and down, at 2k and 2k + 1: read again when the tables change. */
  private readonly routes: FlowRoute[] = [];
  private readonly upEnd: CallReceiver;
  private readonly downEnd: CallReceiver;
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
  ) {
    this.upEnd = new CallReceiver(this, UP_RECEIVER);
    this.downEnd = new CallReceiver(this, DOWN_RECEIVER);
    network.sinks.add(settings.sinkKey, this.upEnd, this.downEnd);
    network.settleBeforeReads(this);
  }

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
      if (remaining > 0) this.start(remaining, Math.floor(this.arrivals.uniform() * packetInterval));
    }
    if (t < this.settings.stop) this.sim.at(Math.round(t), this, ARRIVAL);
  }

  /** A call arrives (ARRIVAL), or call k sends (tag 2k) or ends (2k + 1). */
  onEvent(tag: number): void {
    if (tag !== ARRIVAL) return this.tick(tag);
    const now = this.sim.now;
    if (now >= this.sim.warmup && this.sendsUp) this.counters.started++;
    this.start(this.settings.durations.next(), 0);
    const gap = Math.round(this.arrivals.exponential(this.settings.meanGap));
    if (now + gap < this.settings.stop) this.sim.after(gap, this, ARRIVAL);
  }

  /** A call of `length` starts now; its first packet goes `phase` later. */
  private start(length: number, phase: Nanos): void {
    const now = this.sim.now;
    const call = this.free.pop() ?? this.newCall();
    // a reused row's late receipts of the call before are counted before its receivers start again
    if (this.pendingReceipts > 0) this.settle();
    ++this.active;
    if (this.sendsUp) this.counters.concurrency.set(this.active, now);
    const row = rowOf(call);
    const rows = this.rows;
    rows[row + ENDS_AT] = now + Math.max(1, Math.round(length));
    rows[row + UP_RECEIVER + LAST_TRANSIT] = -1;
    rows[row + UP_RECEIVER + JITTER] = 0;
    rows[row + DOWN_RECEIVER + LAST_TRANSIT] = -1;
    rows[row + DOWN_RECEIVER + JITTER] = 0;
    this.schedule(call, phase);
  }

  private newCall(): number {
    const call = this.count++;
    if (rowOf(call + 1) > this.rows.length) {
      const rows = new Float64Array(this.rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
    }
    this.rows[rowOf(call) + EPOCH] = -1;
    const hash = this.settings.hashBase + call;
    this.routes.push(this.upRoute(this.upEnd, hash), this.downRoute(this.downEnd, hash));
    return call;
  }

  /**
   * Call `call`'s next packet `delay` from now, or its end when that comes first (then the event
   * means "hang up"). Times are read here, not passed: V8 boxes a time at a call it does not inline.
   */
  private schedule(call: number, delay: Nanos): void {
    const sim = this.sim;
    const untilEnd = this.rows[rowOf(call) + ENDS_AT]! - sim.now;
    if (delay >= untilEnd) sim.after(untilEnd, this, 2 * call + 1);
    else sim.after(delay, this, 2 * call);
  }

  private tick(tag: number): void {
    const call = tag >> 1;
    if ((tag & 1) === 1) return this.ended(call);
    const rows = this.rows;
    const row = rowOf(call);
    const seq = rows[row + SEQ]!;
    rows[row + SEQ] = seq + 1;
    if (rows[row + EPOCH] !== this.network.routing.epoch) this.followRoutes(call);
    if (this.sendsUp) this.send(call, 0, this.up.flow, seq);
    if (this.sendsDown) this.send(call, 1, this.down.flow, seq);
    this.schedule(call, this.settings.packetInterval);
  }

  /**
   * The tables changed: take the current route of each direction this copy sends (by its number, so
   * that a tick reads the call's row and the shared routes, not its FlowRoute), and its marking.
   */
  private followRoutes(call: number): void {
    const row = rowOf(call);
    const routing = this.network.routing;
    for (let d = 0; d < 2; d++) {
      if (!(d === 0 ? this.sendsUp : this.sendsDown)) continue;
      const route = this.routes[2 * call + d]!;
      this.rows[row + ROUTE + d] = routing.routes.idOf(route.current());
      this.rows[row + MARKS + d] = route.dscp + MARKS_EXPOSURE * route.exposure;
    }
    this.rows[row + EPOCH] = routing.epoch;
  }

  /** The packet needs no `receiver`: its route ends at the direction's receiver, which finds the call by its tag. */
  private send(call: number, direction: number, flow: FlowStats, seq: number): void {
    const now = this.sim.now;
    const size = this.settings.packetBytes;
    const row = rowOf(call);
    const marks = this.rows[row + MARKS + direction]!;
    const route = this.network.routing.routes.byId[this.rows[row + ROUTE + direction]!]!;
    const pool = this.network.pool;
    const packet = pool.stamp(pool.take(), flow.index, seq, size, marks % MARKS_EXPOSURE, call);
    if (now >= this.sim.warmup) flow.countSent(size, Math.floor(marks / MARKS_EXPOSURE));
    send(packet, route);
  }

  private ended(call: number): void {
    --this.active;
    if (this.sendsUp) this.counters.concurrency.set(this.active, this.sim.now);
    this.free.push(call);
  }

  /** `packet` reached now the receiver whose numbers are at `at` in its call's row: kept, and counted with its batch. */
  receipt(at: number, packet: PacketId): void {
    const r = this.receipts;
    const k = this.pendingReceipts * RECEIPT;
    r[k] = at;
    r[k + 1] = packet;
    r[k + 2] = this.sim.now;
    if (++this.pendingReceipts === RECEIPTS) this.settle();
  }

  /**
   * Count the receipts kept, in the order they came. Also before a call's row is reused, before the
   * flow table is read and when the books close (Network.settleBeforeReads).
   */
  settle(): void {
    const n = this.pendingReceipts;
    this.pendingReceipts = 0;
    for (let k = 0; k < n * RECEIPT; k += RECEIPT) this.countReceipt(k);
  }

  /**
   * The receipt at `k` in `receipts` (passed by its place: V8 boxes a time passed to a call it does
   * not inline): the packet is read and released, counted in its direction's flow at its arrival,
   * and in its call's jitter (RFC 3550), gaps and reordering and its direction's quality.
   */
  private countReceipt(k: number): void {
    const r = this.receipts;
    const at = r[k]!;
    const packet = r[k + 1]! as PacketId;
    const arrival = r[k + 2]!;
    const pool = this.network.pool;
    const sentAt = pool.sentAt(packet);
    const transit = arrival - sentAt;
    const direction = at === UP_RECEIVER ? this.up : this.down;
    if (arrival >= this.sim.warmup) direction.flow.recordArrivalAt(pool.size(packet), transit, false, arrival);
    const seq = pool.seq(packet);
    const rows = this.rows;
    const i = rowOf(pool.tag(packet)) + at;
    pool.release(packet);
    const lastTransit = rows[i + LAST_TRANSIT]!;
    if (lastTransit >= 0) {
      const d = transit - lastTransit;
      const jitter = rows[i + JITTER]!;
      rows[i + JITTER] = jitter + ((d < 0 ? -d : d) - jitter) / 16;
    }
    rows[i + LAST_TRANSIT] = transit;
    const quality = direction.quality;
    const expected = rows[i + EXPECTED]!;
    if (seq > expected) quality.lossRun(sentAt);
    if (seq < expected) quality.reorder(sentAt);
    else rows[i + EXPECTED] = seq + 1;
    quality.arrived(sentAt, transit, rows[i + JITTER]!);
  }
}

/**
 * Receipts kept before they are counted together: each reads its packet's row (written when it was
 * sent, tens of milliseconds before) and a receiver's numbers in its call's row (a packet interval
 * before), and the processor overlaps the fetches of a batch's lines where the packet path would
 * wait for each in turn (docs/performance.md).
 */
const RECEIPTS = 64;
/** A receipt's numbers: the receiver's place in its call's row, the packet, and when it arrived. */
const RECEIPT = 3;

/** A call's row: its own numbers, then each receiver's (at UP_RECEIVER and DOWN_RECEIVER). */
const ROW = 16;
/** A module's own constant (see PacketPool's BASE). */
const BASE = LINE_ALIGNED_BASE;
/**
 * Where call `call`'s row starts in `rows`: on a cache line (LINE_ALIGNED_BASE), so that a tick
 * reads one line of its call's row and each receiver one (rows from the array's start put the
 * tick's numbers and the down receiver's across two).
 */
function rowOf(call: number): number {
  return BASE + call * ROW;
}
const ENDS_AT = 0;
const SEQ = 1;
/** The routing epoch the routes and marks below were read in. */
const EPOCH = 2;
/** The number of the current route (RouteInterner), up then down. */
const ROUTE = 3;
/** The current route's DSCP + MARKS_EXPOSURE x its exposure, up then down. */
const MARKS = 5;
const MARKS_EXPOSURE = 64;
const UP_RECEIVER = 8;
const DOWN_RECEIVER = 12;
/** A receiver's numbers, from its start in the row. */
const LAST_TRANSIT = 0;
const JITTER = 1;
const EXPECTED = 2;
const ARRIVAL = -1;

/**
 * The receiving end of one direction of every call of a pool: it hands the pool a receipt of the
 * packet, from which `CallArrivals.settle` counts it in the direction's flow and keeps the call's
 * (the packet's tag) one-way delay, RFC 3550 jitter, gaps and reordering.
 */
class CallReceiver implements PacketSink {
  /** Every call's packets end here, so their routes end here too (no detour through `Delivery`). */
  readonly endsRoutes = true;

  constructor(
    private readonly calls: CallArrivals,
    /** Where this direction's numbers start in a call's row. */
    private readonly at: number,
  ) {}

  /** The packet is kept as it is, to be read with its batch (CallArrivals.settle). */
  receive(packet: PacketId): void {
    this.calls.receipt(this.at, packet);
  }
}
