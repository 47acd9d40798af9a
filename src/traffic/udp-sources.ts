import type { EventHandler } from '../core/event-list.js';
import { exponentialAt } from '../core/random.js';
import type { Nanos } from '../core/time.js';
import { NS_PER_S } from '../core/time.js';
import type { Network } from '../net/network.js';
import { send } from '../net/packet.js';
import type { FlowRoute } from '../net/routing/flow-route.js';
import type { FlowStats } from '../net/flow-stats.js';
import { SENDER, STRIDE, type FlowTable } from '../net/flow-table.js';
import type { Sampler } from '../core/distribution.js';
import { FixedSize, type PacketSizeModel } from './packet-size.js';

/** How a source spaces its packets. */
export type SourceTiming =
  /** Constant bit rate: each packet is followed by a gap of size x 8 / rate. */
  | { kind: 'cbr'; rateBps: number }
  /** Poisson arrivals whose mean bit rate is rateBps (packet rate = rate / (8 x mean size)), the first one gap after the start. */
  | { kind: 'poisson'; rateBps: number; arrivals: string }
  /** CBR at the peak rate during on periods, silent during off periods. The first on period begins at the start. */
  | { kind: 'onoff'; peakRateBps: number; on: Sampler; off: Sampler };

const CBR = 0;
const POISSON = 1;
const ONOFF = 2;

// A source's state, in the sender block of its flow's row (see FlowTable): doubles first (its next
// send time kept in full precision and rounded only when scheduled, so the long-run rate is exact;
// the gap parameter, ns per byte or the mean gap; ...), then ten 32-bit words for the integers,
// read as such so that V8 keeps them small integers.
const NEXT_TIME = SENDER;
const GAP = SENDER + 1;
const STOP = SENDER + 2;
const SEQ = SENDER + 3;
const ON_ENDS = SENDER + 4;
/** Offsets in 32-bit words from the row's first word. */
const WORDS = 2 * (SENDER + 5);
const FIXED_SIZE = WORDS;
const KIND = WORDS + 1;
const ROUTE_EPOCH = WORDS + 2;
const ROUTE_ID = WORDS + 3;
const DSCP = WORDS + 4;
const EXPOSURE = WORDS + 5;
/** The four words of the source's generator. */
const RANDOM = WORDS + 6;
const END = RANDOM + 4;

/**
 * Every packet source of a network's UDP flows (CBR, Poisson, on-off) and their sending ends: the
 * state of each in its flow's row of the flow table, one event handler for all, the source's
 * number as the event's tag. Sending a packet touches one stretch of memory for its flow, not a
 * chain of objects per flow: the cost per packet then hardly grows with the number of flows.
 * The route is cached in the row (as an interned route's id) until the routing tables change.
 */
export class UdpSources implements EventHandler {
  private readonly table: FlowTable;
  /** Each source's flow (its row: flow x STRIDE). */
  private readonly flowOf: number[] = [];
  /** Used only off the fast path: a route change, a size drawn from a distribution, an on-off period. */
  private readonly paths: FlowRoute[] = [];
  private readonly sizes: PacketSizeModel[] = [];
  private readonly periods: ({ on: Sampler; off: Sampler } | undefined)[] = [];

  constructor(private readonly network: Network) {
    this.table = network.flowTable;
    this.table.reserveSenderBlock('UDP sources', END - 2 * SENDER);
  }

  /** A source for `flow`, whose packets take `path`; returns its number (for `begin`). */
  add(flow: FlowStats, path: FlowRoute, sizes: PacketSizeModel, timing: SourceTiming, start: Nanos, stop: Nanos): number {
    const i = this.flowOf.length;
    const row = flow.row;
    this.flowOf.push(flow.index);
    const r = this.table.rows;
    r[row + NEXT_TIME] = start;
    r[row + STOP] = stop;
    const w = this.table.words;
    const word = 2 * row;
    w[word + FIXED_SIZE] = sizes instanceof FixedSize ? sizes.mean : 0;
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
        // memoryless: the first arrival is an exponential gap after the start, like every other
        // (sending at the start itself would line up thousands of flows in one burst)
        r[row + NEXT_TIME] = start + exponentialAt(w, word + RANDOM, r[row + GAP]!);
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
    const r = this.table.rows;
    const row = this.flowOf[i]! * STRIDE;
    const first = Math.round(r[row + NEXT_TIME]!);
    if (first < r[row + STOP]!) this.network.sim.at(first, this, i);
  }

  /** Source `i` sends a packet now and schedules the next. */
  onEvent(i: number): void {
    const table = this.table;
    const r = table.rows;
    const w = table.words;
    const row = this.flowOf[i]! * STRIDE;
    const word = 2 * row;
    const network = this.network;
    const sim = network.sim;
    const fixed = w[word + FIXED_SIZE]!;
    const size = fixed > 0 ? fixed : this.sizes[i]!.next();
    if (w[word + ROUTE_EPOCH] !== network.routing.epoch) this.refreshRoute(i);
    const route = network.routing.routes.byId[w[word + ROUTE_ID]!]!;
    const now = sim.now;
    const pool = network.pool;
    const packet = pool.stamp(pool.take(), this.flowOf[i]!, r[row + SEQ]!++, size, w[word + DSCP]!, 0);
    if (now >= sim.warmup) table.countSent(row, size, w[word + EXPOSURE]!);
    send(packet, route);
    const kind = w[word + KIND]!;
    if (kind === POISSON) r[row + NEXT_TIME]! += exponentialAt(w, word + RANDOM, r[row + GAP]!);
    else {
      r[row + NEXT_TIME]! += size * r[row + GAP]!;
      if (kind === ONOFF) this.skipOffPeriods(i, row);
    }
    const next = Math.round(r[row + NEXT_TIME]!);
    if (next < r[row + STOP]!) sim.after(next - now, this, i);
  }

  /**
   * Carry the part of a gap that overran the on period into the next one, so that the source sends
   * exactly at its peak rate for the total on time (no half packet per period).
   */
  private skipOffPeriods(i: number, row: number): void {
    const r = this.table.rows;
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
    const w = this.table.words;
    const word = 2 * this.flowOf[i]! * STRIDE;
    w[word + ROUTE_ID] = routing.routes.idOf(path.current());
    w[word + DSCP] = path.dscp;
    w[word + EXPOSURE] = path.exposure;
    w[word + ROUTE_EPOCH] = routing.epoch;
  }
}
