import type { EventHandler } from '../core/event-list.js';
import { exponentialAt } from '../core/random.js';
import type { Nanos } from '../core/time.js';
import { NS_PER_S } from '../core/time.js';
import type { Network } from '../net/network.js';
import type { FlowRoute } from '../net/routing/flow-route.js';
import type { FlowStats } from '../stats/flow-stats.js';
import type { Sampler } from './distribution.js';
import { FixedSize, type PacketSizeModel } from './packet-size.js';

/** How a source spaces its packets. */
export type SourceTiming =
  /** Constant bit rate: each packet is followed by a gap of size x 8 / rate. */
  | { kind: 'cbr'; rateBps: number }
  /** Poisson arrivals whose mean bit rate is rateBps (packet rate = rate / (8 x mean size)). */
  | { kind: 'poisson'; rateBps: number; arrivals: string }
  /** CBR at the peak rate during on periods, silent during off periods. The first on period begins at the start. */
  | { kind: 'onoff'; peakRateBps: number; on: Sampler; off: Sampler };

const CBR = 0;
const POISSON = 1;
const ONOFF = 2;

// A source's row: eight doubles (its next send time kept in full precision and rounded only when
// scheduled, so the long-run rate is exact; the gap parameter, ns per byte or the mean gap; ...),
// then sixteen 32-bit words for the integers, read as such so that V8 keeps them small integers.
const NEXT_TIME = 0;
const GAP = 1;
const STOP = 2;
const ON_ENDS = 3;
const START = 4;
const SEQ = 5;
const STRIDE = 16;
/** Offsets in 32-bit words from the row's first word. */
const FIXED_SIZE = 16;
const FLOW_ROW = 17;
const FLOW_INDEX = 18;
const KIND = 19;
const ROUTE_EPOCH = 20;
const ROUTE_ID = 21;
const DSCP = 22;
const EXPOSURE = 23;
/** The four words of the source's generator. */
const RANDOM = 24;

/**
 * Every packet source of a network's UDP flows (CBR, Poisson, on-off) and their sending ends: the
 * state of each in one row of a Float64Array, one event handler for all, the source's number as
 * the event's tag. Sending a packet touches the source's row and its flow's row of the flow table,
 * not a chain of objects per flow: the cost per packet then hardly grows with the number of flows.
 * The route is cached in the row (as an interned route's id) until the routing tables change.
 */
export class UdpSources implements EventHandler {
  private rows = new Float64Array(STRIDE * 16);
  private words = new Int32Array(this.rows.buffer);
  private count = 0;
  /** Used only off the fast path: a route change, a size drawn from a distribution, an on-off period. */
  private readonly paths: FlowRoute[] = [];
  private readonly sizes: PacketSizeModel[] = [];
  private readonly periods: ({ on: Sampler; off: Sampler } | undefined)[] = [];

  constructor(private readonly network: Network) {}

  /** A source for `flow`, whose packets take `path`; returns its number (for `begin`). */
  add(flow: FlowStats, path: FlowRoute, sizes: PacketSizeModel, timing: SourceTiming, start: Nanos, stop: Nanos): number {
    const i = this.count++;
    if (i * STRIDE + STRIDE > this.rows.length) this.grow();
    const r = this.rows;
    const row = i * STRIDE;
    r[row + NEXT_TIME] = start;
    r[row + START] = start;
    r[row + STOP] = stop;
    const w = this.words;
    const word = 2 * row;
    w[word + FIXED_SIZE] = sizes instanceof FixedSize ? sizes.mean : 0;
    w[word + FLOW_ROW] = flow.row;
    w[word + FLOW_INDEX] = flow.index;
    w[word + ROUTE_EPOCH] = -1;
    this.paths.push(path);
    this.sizes.push(sizes);
    switch (timing.kind) {
      case 'cbr':
        w[word + KIND] = CBR;
        r[row + GAP] = (8 * NS_PER_S) / timing.rateBps;
        this.periods.push(undefined);
        break;
      case 'poisson':
        w[word + KIND] = POISSON;
        r[row + GAP] = (sizes.mean * 8 * NS_PER_S) / timing.rateBps;
        this.network.sim.random.seedInto(timing.arrivals, w, word + RANDOM);
        this.periods.push(undefined);
        break;
      case 'onoff':
        w[word + KIND] = ONOFF;
        r[row + GAP] = (8 * NS_PER_S) / timing.peakRateBps;
        r[row + ON_ENDS] = start + timing.on.next();
        this.periods.push({ on: timing.on, off: timing.off });
        break;
    }
    return i;
  }

  /** Schedule source `i`'s first packet. */
  begin(i: number): void {
    const row = i * STRIDE;
    const start = this.rows[row + START]!;
    if (start < this.rows[row + STOP]!) this.network.sim.at(start, this, i);
  }

  /** Source `i` sends a packet now and schedules the next. */
  onEvent(i: number): void {
    const r = this.rows;
    const w = this.words;
    const row = i * STRIDE;
    const word = 2 * row;
    const network = this.network;
    const sim = network.sim;
    const fixed = w[word + FIXED_SIZE]!;
    const size = fixed > 0 ? fixed : this.sizes[i]!.next();
    if (w[word + ROUTE_EPOCH] !== network.routing.epoch) this.refreshRoute(i);
    const route = network.routing.routes.byId[w[word + ROUTE_ID]!]!;
    const now = sim.now;
    const packet = network.pool.take().stamp(w[word + FLOW_INDEX]!, r[row + SEQ]!++, size, w[word + DSCP]!, route, now);
    if (now >= sim.warmup) network.flowTable.countSent(w[word + FLOW_ROW]!, size, w[word + EXPOSURE]!);
    packet.forward();
    const kind = w[word + KIND]!;
    if (kind === POISSON) r[row + NEXT_TIME]! += exponentialAt(w, word + RANDOM, r[row + GAP]!);
    else {
      r[row + NEXT_TIME]! += size * r[row + GAP]!;
      if (kind === ONOFF) this.skipOffPeriods(i, row);
    }
    const next = Math.round(r[row + NEXT_TIME]!);
    if (next < r[row + STOP]!) sim.at(next, this, i);
  }

  /**
   * Carry the part of a gap that overran the on period into the next one, so that the source sends
   * exactly at its peak rate for the total on time (no half packet per period).
   */
  private skipOffPeriods(i: number, row: number): void {
    const r = this.rows;
    const { on, off } = this.periods[i]!;
    while (r[row + NEXT_TIME]! >= r[row + ON_ENDS]!) {
      const overrun = r[row + NEXT_TIME]! - r[row + ON_ENDS]!;
      const onStarts = r[row + ON_ENDS]! + off.next();
      r[row + ON_ENDS] = onStarts + on.next();
      r[row + NEXT_TIME] = onStarts + overrun;
    }
  }

  /** The routing tables changed (or this is the first packet): cache the source's route, marking and exposure. */
  private refreshRoute(i: number): void {
    const path = this.paths[i]!;
    const routing = this.network.routing;
    const w = this.words;
    const word = 2 * i * STRIDE;
    w[word + ROUTE_ID] = routing.routes.idOf(path.current());
    w[word + DSCP] = path.dscp;
    w[word + EXPOSURE] = path.exposure;
    w[word + ROUTE_EPOCH] = routing.epoch;
  }

  private grow(): void {
    const rows = new Float64Array(this.rows.length * 2);
    rows.set(this.rows);
    this.rows = rows;
    this.words = new Int32Array(rows.buffer);
  }
}
