import type { Clock, Nanos } from '../core/time.js';
import { DelayStats } from '../probes/delay-stats.js';
import { bucketOf, widenedWindow } from '../probes/log-linear-histogram.js';
import { QUALITY_WINDOW } from '../probes/media-quality.js';

/**
 * The layout of a flow's row: 49 doubles (392 bytes), in the order a packet touches them. First the
 * sender's block, which the flow's sending end may reserve for its own state (see
 * `reserveSenderBlock`; the UDP sources do): a packet sent then touches one stretch of memory for
 * its flow. Then the send counters (bytes by exposure: `Exposure` of net/routing/path-policy.ts;
 * their sum is the bytes sent; the time of the first packet sent after the warm-up), the arrival
 * counters, the RFC 3550 jitter, the sum of its values and the packets of the closed 15 s windows
 * (updated only when a window closes), the delay sum, the time of the last arrival, the current
 * window's end, jitter sum and packets (each closed window's mean also goes to a list of the flow's,
 * for its 95th percentile), the histogram's window (buckets LOW <= b < HIGH: the row's own
 * INLINE_BUCKETS from `inlineLow`, which a flow with little jitter never outgrows, else a window of
 * the arena at DELTA + b), the minimum and maximum delay and the row's own histogram buckets; last
 * the loss counters, touched only when a packet is lost.
 */
export const FLOW_ROW = {
  sender: 0,
  senderDoubles: 10,
  txPackets: 10,
  bytesInternet: 11,
  bytesVpn: 12,
  bytesPrivate: 13,
  firstSent: 14,
  rxPackets: 15,
  rxBytes: 16,
  jitter: 17,
  lastTransit: 18,
  jitterSum: 19,
  jitterSamples: 20,
  delaySum: 21,
  lastArrival: 22,
  windowEnd: 23,
  windowJitterSum: 24,
  windowPackets: 25,
  histDelta: 26,
  histLow: 27,
  histHigh: 28,
  delayMin: 29,
  delayMax: 30,
  inline: 31,
  inlineBuckets: 16,
  lostPackets: 47,
  lostAcks: 48,
  stride: 49,
} as const;

// module-level names of the offsets the packet path uses (readers outside use FLOW_ROW)
export const SENDER = FLOW_ROW.sender;
const SENDER_DOUBLES = FLOW_ROW.senderDoubles;
const TX_PACKETS = FLOW_ROW.txPackets;
const BYTES_INTERNET = FLOW_ROW.bytesInternet;
const BYTES_VPN = FLOW_ROW.bytesVpn;
const BYTES_PRIVATE = FLOW_ROW.bytesPrivate;
const FIRST_SENT = FLOW_ROW.firstSent;
const JITTER_SUM = FLOW_ROW.jitterSum;
const JITTER_SAMPLES = FLOW_ROW.jitterSamples;
const LAST_ARRIVAL = FLOW_ROW.lastArrival;
const WINDOW_END = FLOW_ROW.windowEnd;
const WINDOW_JITTER = FLOW_ROW.windowJitterSum;
const WINDOW_PACKETS = FLOW_ROW.windowPackets;
const RX_PACKETS = FLOW_ROW.rxPackets;
const RX_BYTES = FLOW_ROW.rxBytes;
const JITTER = FLOW_ROW.jitter;
const LAST_TRANSIT = FLOW_ROW.lastTransit;
const DELAY_SUM = FLOW_ROW.delaySum;
const HIST_DELTA = FLOW_ROW.histDelta;
const HIST_LOW = FLOW_ROW.histLow;
const HIST_HIGH = FLOW_ROW.histHigh;
const DELAY_MIN = FLOW_ROW.delayMin;
const DELAY_MAX = FLOW_ROW.delayMax;
const INLINE = FLOW_ROW.inline;
const INLINE_BUCKETS = FLOW_ROW.inlineBuckets;
const LOST_PACKETS = FLOW_ROW.lostPackets;
const LOST_ACKS = FLOW_ROW.lostAcks;
/** Doubles per row: flow i's row starts at i x STRIDE. */
export const STRIDE = FLOW_ROW.stride;
/** A copy of a flow table's counters (see FlowTable.exportState): plain data, for another thread. */
export interface FlowTableState {
  size: number;
  rows: Float64Array;
  arena: Float64Array;
  inlineLow: Int32Array;
  windowJitter: number[][];
}

/**
 * One number of several copies of a simulation that each simulated part of it: `init` where no
 * copy moved it, the one value where one did, else init plus every copy's change (counters add).
 */
export function mergedNumber<T>(init: number, parts: readonly T[], value: (part: T) => number): number {
  let changed = 0;
  let only = init;
  let sum = init;
  for (const p of parts) {
    const v = value(p);
    if (Object.is(v, init)) continue;
    changed++;
    only = v;
    sum += v - init;
  }
  return changed <= 1 ? only : sum;
}

/** Arrivals counted together (see FlowTable.batchRows). */
const BATCH = 64;

/**
 * The counters of every flow of a simulation in one Float64Array, a row per flow, with the first
 * buckets of its delay histogram (wider histograms in a shared arena). With thousands of flows a
 * packet then touches a few adjacent cache lines for its flow, where objects with boxed numbers and
 * their own typed arrays cost a dozen cache misses (see docs/architecture.md, "Cost per packet and
 * the number of flows"). `FlowStats` is the per-flow view the rest of ersim reads.
 */
export class FlowTable {
  /**
   * Windows start at the end of the warm-up (arrivals before it are not counted). Sends and
   * arrivals are timed by `clock`, not by an argument: V8 boxes a time passed to a call it does not
   * inline into a new heap number, and these are once per packet. A feeder counting arrivals later
   * passes each its own time (`recordArrivalAt`), from a loop of its own that V8 compiles with the
   * call inlined (CallArrivals.countReceipt; `bench/cache/allocations.mjs` shows it allocates nothing).
   */
  constructor(
    private readonly windowOrigin: Nanos,
    private readonly clock: Clock,
    /** Batches whose counts end here (a call's receipts): each is counted before the table is read. */
    private readonly feeders: readonly { settle(): void }[] = [],
  ) {}

  /** The rows (replaced when the table grows: read it afresh after adding flows). */
  rows = new Float64Array(STRIDE * 16);
  /** The same memory as 32-bit words (for a sender's integers). */
  words = new Int32Array(this.rows.buffer);
  private arena = new Float64Array(1024);
  private arenaUsed = 0;
  /**
   * Per flow, the first bucket of its window in the row, or -1 (no window yet, or the arena's):
   * small and apart from the rows, so an arrival can fetch its bucket's line together with the
   * row's counters instead of after them.
   */
  private inlineLow = new Int32Array(16).fill(-1);
  /**
   * Arrivals recorded but not yet counted, in order. Counting them in batches lets the processor
   * fetch many flows' rows at once (the updates of different flows do not wait for each other),
   * where counting each on arrival waits for its row between two packets' worth of other work.
   * Every read of the table counts them first.
   */
  private readonly batchRows = new Int32Array(BATCH);
  private readonly batchBytes = new Int32Array(BATCH);
  private readonly batchTransits = new Float64Array(BATCH);
  private readonly batchTimes = new Float64Array(BATCH);
  private readonly batchJitter = new Uint8Array(BATCH);
  private batched = 0;
  /** Each flow's mean jitter in each 15 s window it received in (kept off the packet path). */
  private readonly windowJitter: number[][] = [];
  /** Who holds the rows' sender blocks, and how many 32-bit words of each. */
  private senderOwner: string | undefined;
  size = 0;

  /**
   * A flow's sending end keeps its state in the sender block of the flow's row: `owner` claims it for
   * `words` 32-bit words (doubles count two) from `FLOW_ROW.sender`. One owner per table: a second
   * one, or more words than the block holds, is a programming error.
   */
  reserveSenderBlock(owner: string, words: number): void {
    if (words > 2 * SENDER_DOUBLES) throw new Error(`${owner} needs ${words} words of a flow row; the sender block holds ${2 * SENDER_DOUBLES}`);
    if (this.senderOwner !== undefined && this.senderOwner !== owner) throw new Error(`the sender block of flow rows already belongs to ${this.senderOwner}`);
    this.senderOwner = owner;
  }

  /** A new flow's row offset. */
  add(): number {
    const row = this.size * STRIDE;
    if (row + STRIDE > this.rows.length) {
      const rows = new Float64Array(this.rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
      this.words = new Int32Array(rows.buffer);
      const inlineLow = new Int32Array(2 * this.inlineLow.length).fill(-1);
      inlineLow.set(this.inlineLow);
      this.inlineLow = inlineLow;
    }
    this.size++;
    this.rows[row + LAST_TRANSIT] = -1;
    this.rows[row + FIRST_SENT] = -1;
    this.rows[row + LAST_ARRIVAL] = -1;
    this.rows[row + WINDOW_END] = -Infinity;
    this.windowJitter.push([]);
    this.rows[row + DELAY_MIN] = Infinity;
    this.rows[row + DELAY_MAX] = -Infinity;
    return row;
  }

  get(row: number, field: number): number {
    this.upToDate();
    return this.rows[row + field]!;
  }

  /** Bytes the flow sent after the warm-up. */
  sentBytes(row: number): number {
    const r = this.rows;
    return r[row + BYTES_INTERNET]! + r[row + BYTES_VPN]! + r[row + BYTES_PRIVATE]!;
  }

  /** A packet sent now, after the warm-up: `exposure` is its route's (Exposure.internet, vpn or private). */
  countSent(row: number, bytes: number, exposure: number): void {
    const r = this.rows;
    if (r[row + TX_PACKETS]!++ === 0) r[row + FIRST_SENT] = this.clock.now;
    r[row + BYTES_INTERNET + exposure]! += bytes;
  }

  countLost(row: number, isAck: boolean): void {
    this.rows[row + (isAck ? LOST_ACKS : LOST_PACKETS)]!++;
  }

  /** A packet delivered now, after the warm-up, with one-way delay `transit`; `jitter` updates the RFC 3550 estimate. */
  recordArrival(row: number, bytes: number, transit: Nanos, jitter: boolean): void {
    this.recordArrivalAt(row, bytes, transit, jitter, this.clock.now);
  }

  /** A packet delivered at `at` (after the warm-up, and not after now), counted by a feeder's batch (see the constructor). */
  recordArrivalAt(row: number, bytes: number, transit: Nanos, jitter: boolean, at: Nanos): void {
    const k = this.batched;
    this.batchRows[k] = row;
    this.batchBytes[k] = bytes;
    this.batchTransits[k] = transit;
    this.batchTimes[k] = at;
    this.batchJitter[k] = jitter ? 1 : 0;
    if (++this.batched === BATCH) this.flush();
  }

  /** Everything counted that was delivered by now: the feeders' batches, then this table's own. */
  private upToDate(): void {
    const feeders = this.feeders;
    for (let i = 0; i < feeders.length; i++) feeders[i]!.settle();
    if (this.batched > 0) this.flush();
  }

  /** Count the batched arrivals, in the order they came. */
  private flush(): void {
    const n = this.batched;
    this.batched = 0;
    for (let k = 0; k < n; k++) this.count(this.batchRows[k]!, this.batchBytes[k]!, this.batchTransits[k]!, this.batchJitter[k] === 1, this.batchTimes[k]!);
  }

  private count(row: number, bytes: number, transit: Nanos, jitter: boolean, at: Nanos): void {
    const r = this.rows;
    r[row + RX_PACKETS]!++;
    r[row + RX_BYTES]! += bytes;
    if (jitter) {
      const last = r[row + LAST_TRANSIT]!;
      if (last >= 0) {
        const d = transit - last;
        r[row + JITTER]! += ((d < 0 ? -d : d) - r[row + JITTER]!) / 16;
      }
      r[row + LAST_TRANSIT] = transit;
      if (at >= r[row + WINDOW_END]!) this.closeWindow(row, at);
      r[row + WINDOW_JITTER]! += r[row + JITTER]!;
      r[row + WINDOW_PACKETS]!++;
    }
    r[row + DELAY_SUM]! += transit;
    r[row + LAST_ARRIVAL] = at;
    if (transit < r[row + DELAY_MIN]!) r[row + DELAY_MIN] = transit;
    if (transit > r[row + DELAY_MAX]!) r[row + DELAY_MAX] = transit;
    const bucket = bucketOf(transit);
    const low = this.inlineLow[row / STRIDE]!;
    if (low >= 0 && bucket >= low && bucket < low + INLINE_BUCKETS) r[row + INLINE + bucket - low]!++;
    else this.countOutsideRow(row, bucket);
  }

  /** The window ended: keep its mean jitter, and start the window that holds `at`. */
  private closeWindow(row: number, at: Nanos): void {
    const r = this.rows;
    if (r[row + WINDOW_PACKETS]! > 0) this.windowJitter[row / STRIDE]!.push(r[row + WINDOW_JITTER]! / r[row + WINDOW_PACKETS]!);
    r[row + JITTER_SUM]! += r[row + WINDOW_JITTER]!;
    r[row + JITTER_SAMPLES]! += r[row + WINDOW_PACKETS]!;
    r[row + WINDOW_JITTER] = 0;
    r[row + WINDOW_PACKETS] = 0;
    const from = this.windowOrigin;
    r[row + WINDOW_END] = from + (Math.floor((at - from) / QUALITY_WINDOW) + 1) * QUALITY_WINDOW;
  }

  /** The mean of the flow's RFC 3550 estimate over its packets (the closed windows and the open one); NaN before any. */
  meanJitter(row: number): number {
    this.upToDate();
    const r = this.rows;
    const packets = r[row + JITTER_SAMPLES]! + r[row + WINDOW_PACKETS]!;
    return packets === 0 ? NaN : (r[row + JITTER_SUM]! + r[row + WINDOW_JITTER]!) / packets;
  }

  /**
   * The 95th percentile (nearest rank) over the flow's 15 s windows of the mean RFC 3550 jitter in
   * each, the window still open included; NaN before any packet.
   */
  jitterP95(row: number): number {
    this.upToDate();
    const r = this.rows;
    const means = [...this.windowJitter[row / STRIDE]!];
    if (r[row + WINDOW_PACKETS]! > 0) means.push(r[row + WINDOW_JITTER]! / r[row + WINDOW_PACKETS]!);
    if (means.length === 0) return NaN;
    means.sort((a, b) => a - b);
    return means[Math.ceil(0.95 * means.length) - 1]!;
  }

  /** Everything a partitioned run needs to merge this table with its other copies (a copy, counted up to now). */
  exportState(): FlowTableState {
    this.upToDate();
    return {
      size: this.size,
      rows: this.rows.slice(0, this.size * STRIDE),
      arena: this.arena.slice(0, this.arenaUsed),
      inlineLow: this.inlineLow.slice(0, this.size),
      windowJitter: this.windowJitter.map((w) => w.slice()),
    };
  }

  /**
   * Make this table what the partitions' copies of it add up to (`init`: any copy's state before the
   * run began). A flow's sending end is in one partition, its receiving end in one: each field was
   * moved by at most one copy, but the loss counters, which add. The delay histogram and jitter
   * windows come from the copy that received.
   */
  mergeStates(init: FlowTableState, parts: readonly FlowTableState[]): void {
    this.upToDate();
    const r = this.rows;
    for (let f = 0; f < this.size; f++) {
      const row = f * STRIDE;
      for (let k = 0; k < INLINE; k++) {
        if (k === HIST_DELTA || k === HIST_LOW || k === HIST_HIGH) continue;
        r[row + k] = mergedNumber(init.rows[row + k]!, parts, (p) => p.rows[row + k]!);
      }
      for (let k = LOST_PACKETS; k < STRIDE; k++) r[row + k] = mergedNumber(init.rows[row + k]!, parts, (p) => p.rows[row + k]!);
      const receivers = parts.filter((p) => p.rows[row + HIST_HIGH]! > p.rows[row + HIST_LOW]! || p.windowJitter[f]!.length > 0);
      if (receivers.length > 1) throw new Error(`flow ${f} was received in ${receivers.length} partitions`);
      this.windowJitter[f] = receivers.length === 1 ? receivers[0]!.windowJitter[f]!.slice() : [];
      r[row + HIST_LOW] = 0;
      r[row + HIST_HIGH] = 0;
      this.inlineLow[f] = -1;
      r.fill(0, row + INLINE, row + INLINE + INLINE_BUCKETS);
      const from = receivers[0];
      if (from === undefined) continue;
      const low = from.rows[row + HIST_LOW]!;
      const length = from.rows[row + HIST_HIGH]! - low;
      if (length === 0) continue;
      const inRow = from.inlineLow[f]! >= 0;
      const start = inRow ? row + INLINE : from.rows[row + HIST_DELTA]! + low;
      const counts = (inRow ? from.rows : from.arena).subarray(start, start + length);
      r[row + HIST_LOW] = low;
      r[row + HIST_HIGH] = low + length;
      if (inRow) {
        this.inlineLow[f] = low;
        r.set(counts, row + INLINE);
      } else {
        const at = this.reserve(length);
        this.arena.set(counts, at);
        r[row + HIST_DELTA] = at - low;
      }
    }
  }

  private countOutsideRow(row: number, bucket: number): void {
    const r = this.rows;
    if (bucket < r[row + HIST_LOW]! || bucket >= r[row + HIST_HIGH]!) this.widen(row, bucket);
    const low = this.inlineLow[row / STRIDE]!;
    if (low >= 0) r[row + INLINE + bucket - low]!++;
    else this.arena[r[row + HIST_DELTA]! + bucket]!++;
  }

  /** The flow's delays as a standalone distribution (a copy: for the results, not the packet path). */
  delay(row: number): DelayStats {
    this.upToDate();
    const r = this.rows;
    const stats = new DelayStats();
    const low = r[row + HIST_LOW]!;
    const length = r[row + HIST_HIGH]! - low;
    const inRow = this.inlineLow[row / STRIDE]! >= 0;
    const start = inRow ? row + INLINE : r[row + HIST_DELTA]! + low;
    const counts = (inRow ? r : this.arena).slice(start, start + length);
    stats.load(low, counts, r[row + RX_PACKETS]!, r[row + DELAY_MIN]!, r[row + DELAY_MAX]!);
    stats.sum = r[row + DELAY_SUM]!;
    return stats;
  }

  /** Give the flow a histogram window that covers `bucket`, its counts moved along. */
  private widen(row: number, bucket: number): void {
    const r = this.rows;
    const low = r[row + HIST_LOW]!;
    const high = r[row + HIST_HIGH]!;
    if (high === low) {
      const first = Math.max(0, bucket - INLINE_BUCKETS / 4);
      r[row + HIST_LOW] = first;
      r[row + HIST_HIGH] = first + INLINE_BUCKETS;
      this.inlineLow[row / STRIDE] = first;
      return;
    }
    const [newLow, length] = widenedWindow(low, high - low, bucket);
    const start = this.reserve(length);
    const inRow = this.inlineLow[row / STRIDE]! >= 0;
    const from = inRow ? row + INLINE : r[row + HIST_DELTA]! + low;
    const counts = inRow ? r : this.arena;
    this.arena.set(counts.subarray(from, from + (high - low)), start + (low - newLow));
    r[row + HIST_DELTA] = start - newLow;
    r[row + HIST_LOW] = newLow;
    r[row + HIST_HIGH] = newLow + length;
    this.inlineLow[row / STRIDE] = -1;
  }

  /** `length` zeroed slots at the end of the arena (an outgrown window is abandoned; windows grow geometrically, so little is). */
  private reserve(length: number): number {
    if (this.arenaUsed + length > this.arena.length) {
      const arena = new Float64Array(Math.max(2 * this.arena.length, this.arenaUsed + length));
      arena.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = arena;
    }
    const start = this.arenaUsed;
    this.arenaUsed += length;
    return start;
  }
}
