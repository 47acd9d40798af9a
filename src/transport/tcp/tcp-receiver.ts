import { Timer, type TimerOwner } from '../../core/timer.js';
import type { Network } from '../../net/network.js';
import { MAX_SACK_BLOCKS, send, type PacketId, type PacketSink } from '../../net/packet.js';
import type { FlowRoute } from '../../net/routing/flow-route.js';
import type { FlowStats } from '../../net/flow-stats.js';

/** Told when more bytes have arrived in order. */
export interface DeliveryListener {
  /** `requestEnd` and `responseEnd`: what the data that completed the delivery carried (see PacketPool.requestEnd). */
  onDelivered(totalInOrderBytes: number, requestEnd: number, responseEnd: number): void;
}

/**
 * The receiving half of a TCP connection: cumulative ACKs, an out-of-order buffer of byte ranges,
 * optional delayed ACKs (every second full segment, or when the timer expires; out-of-order data
 * and hole fills are acknowledged at once, RFC 5681 4.2). The application reads at once, so the
 * advertised window stays at its configured size. A SYN (a segment without payload) is answered at
 * once with a SYN-ACK of the same size, each time it comes. Every ACK echoes a timestamp (RFC 7323
 * 4.3): the send time of the segment that began what it acknowledges, so a delayed ACK reports the
 * longer of its two round trips and a duplicate ACK the last segment that arrived in order.
 */
export class TcpReceiver implements PacketSink, TimerOwner {
  /** Next byte expected. */
  private rcvNxt = 0;
  /** Out-of-order ranges [start, end), sorted and disjoint, all beyond rcvNxt. */
  private readonly ranges: number[] = [];
  private unacked = 0;
  /** RFC 7323 TS.Recent (the timestamp ACKs echo) and Last.ACK.sent (rcvNxt when the last ACK left). */
  private tsRecent = 0;
  private lastAckSent = 0;
  /** Index in `ranges` of the range holding the latest out-of-order arrival (-1: none). */
  private latestRange = -1;
  private readonly delayedAckTimer: Timer;
  listener: DeliveryListener | undefined;
  /** Where ACKs go; set once the sender exists (see createTcpHalf). */
  path!: FlowRoute;

  constructor(
    private readonly network: Network,
    private readonly flow: FlowStats,
    private readonly ackBytes: number,
    private readonly delayedAck: boolean,
    private readonly delayedAckTimeout: number,
    private readonly sack: boolean,
  ) {
    this.delayedAckTimer = new Timer(network.sim, this);
  }

  get delivered(): number {
    return this.rcvNxt;
  }

  receive(packet: PacketId): void {
    const sim = this.network.sim;
    const pool = this.network.pool;
    const start = pool.seq(packet);
    const payload = pool.payload(packet);
    const end = start + payload;
    const size = pool.size(packet);
    const sentAt = pool.sentAt(packet);
    if (sim.now >= sim.warmup) this.flow.recordArrival(size, sim.now - sentAt);
    const requestEnd = pool.requestEnd(packet);
    const responseEnd = pool.responseEnd(packet);
    if (start <= this.lastAckSent && sentAt >= this.tsRecent) this.tsRecent = sentAt;
    pool.release(packet);
    // a segment without payload is a SYN (src/transport/tcp/tcp-sender.ts): the SYN-ACK has its options, so its size
    if (payload === 0) return this.sendAck(size);

    if (end <= this.rcvNxt) return this.sendAck(); // duplicate: tell the sender where we are
    if (start > this.rcvNxt) {
      this.latestRange = this.insertRange(start, end);
      return this.sendAck(); // out of order: duplicate ACK at once
    }
    this.latestRange = -1;
    const hadHoles = this.ranges.length > 0;
    this.advance(end, requestEnd, responseEnd);
    if (hadHoles || !this.delayedAck) return this.sendAck();
    if (++this.unacked >= 2) this.sendAck();
    else if (!this.delayedAckTimer.armed) this.delayedAckTimer.setAfter(this.delayedAckTimeout);
  }

  onTimer(): void {
    if (this.unacked > 0) this.sendAck();
  }

  private advance(end: number, requestEnd: number, responseEnd: number): void {
    const before = this.rcvNxt;
    let next = end;
    const ranges = this.ranges;
    let consumed = 0;
    while (consumed < ranges.length && ranges[consumed]! <= next) {
      if (ranges[consumed + 1]! > next) next = ranges[consumed + 1]!;
      consumed += 2;
    }
    if (consumed > 0) ranges.splice(0, consumed);
    this.rcvNxt = next;
    const sim = this.network.sim;
    if (sim.now >= sim.warmup) this.flow.tcp!.goodputBytes += next - before;
    this.listener?.onDelivered(next, requestEnd, responseEnd);
  }

  /** Add [start, end) to the out-of-order ranges; returns the index of the range now holding it. */
  private insertRange(start: number, end: number): number {
    const ranges = this.ranges;
    let i = 0;
    while (i < ranges.length && ranges[i + 1]! < start) i += 2;
    // merge with every range that overlaps or touches [start, end)
    let j = i;
    while (j < ranges.length && ranges[j]! <= end) {
      start = Math.min(start, ranges[j]!);
      end = Math.max(end, ranges[j + 1]!);
      j += 2;
    }
    ranges.splice(i, j - i, start, end);
    return i;
  }

  /**
   * RFC 2018: the first block holds the latest arrival; up to two more follow, lowest first (they
   * point the sender at the oldest holes). Returns the option's bytes on the wire (2 + 8 per block,
   * padded to 4).
   */
  private fillSack(packet: PacketId): number {
    const ranges = this.ranges;
    if (ranges.length === 0) return 0; // a stamped packet carries none
    const pool = this.network.pool;
    let n = 0;
    if (this.latestRange >= 0) {
      pool.setSack(packet, 0, ranges[this.latestRange]!, ranges[this.latestRange + 1]!);
      n = 1;
    }
    for (let i = 0; i < ranges.length && n < MAX_SACK_BLOCKS; i += 2) {
      if (i === this.latestRange) continue;
      pool.setSack(packet, n, ranges[i]!, ranges[i + 1]!);
      n++;
    }
    return n === 0 ? 0 : (2 + 8 * n + 3) & ~3;
  }

  private sendAck(synAckBytes = 0): void {
    this.unacked = 0;
    this.delayedAckTimer.cancel();
    const pool = this.network.pool;
    // the route first: taking it after a change of the tables also changes the marking it gives
    const route = this.path.current();
    const packet = pool.stamp(pool.take(), this.flow.index, 0, synAckBytes, this.path.dscp, this.path.tag, 0, this.rcvNxt, true);
    if (synAckBytes === 0) pool.setSize(packet, this.ackBytes + (this.sack ? this.fillSack(packet) : 0));
    pool.setTsEcr(packet, this.tsRecent);
    this.lastAckSent = this.rcvNxt;
    send(packet, route);
  }
}
