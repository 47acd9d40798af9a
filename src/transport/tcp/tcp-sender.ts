import { Timer, type TimerOwner } from '../../core/timer.js';
import type { Nanos } from '../../core/time.js';
import type { Network } from '../../net/network.js';
import { send, type PacketId, type PacketSink } from '../../net/packet.js';
import type { FlowRoute } from '../../net/routing/flow-route.js';
import type { FlowStats } from '../../net/flow-stats.js';
import type { TcpStats } from '../../probes/tcp-stats.js';
import type { CongestionControl, WindowState } from './congestion-control.js';
import { RttEstimator } from './rtt-estimator.js';
import { SackScoreboard } from './sack-scoreboard.js';
import { segmentLayout, synBytes, type TcpConfig } from './tcp-config.js';

const DUP_THRESH = 3;
/** The connection's state as this half sees it: not opened yet, SYN sent (waiting for the SYN-ACK), open. */
const CLOSED = 0;
const SYN_SENT = 1;
const ESTABLISHED = 2;

/**
 * The sending half of a TCP connection, in bytes: slow start and congestion avoidance from the
 * congestion control; loss recovery by SACK (RFC 6675: scoreboard, IsLost, pipe, NextSeg; the
 * window during recovery by proportional rate reduction, RFC 6937, unless configured off) or,
 * without SACK, NewReno fast retransmit and fast recovery (RFC 6582); the RFC 6298 timer with
 * Karn's rule and exponential backoff, then go-back-N (skipping SACKed data). It is also the sink of
 * the ACK route. The half that opens a connection sends a SYN when it is first given data and its
 * data once the SYN-ACK is back (the handshake's round trip is the first RTT sample; a lost SYN goes
 * again after the RTO, and then the initial window is one segment, RFC 5681 3.1); the other half,
 * and either half without a handshake, is open from the start. The third segment of the handshake
 * travels with the first data, as the ACK flag of every segment.
 */
export class TcpSender implements PacketSink, TimerOwner, WindowState {
  cwnd: number;
  ssthresh = Infinity;
  readonly mss: number;

  private readonly header: number;
  private readonly rtt: RttEstimator;
  private readonly rto: Timer;
  private readonly stats: TcpStats;
  private readonly scoreboard: SackScoreboard | null;
  /** Oldest unacknowledged byte, next byte to send, highest byte sent + 1, end of the app's data. */
  private sndUna = 0;
  private sndNxt = 0;
  private sndMax = 0;
  private writeEnd = 0;
  private dupAcks = 0;
  private inRecovery = false;
  /** RFC 6582 / 6675 RecoveryPoint: recovery ends when everything below it is acknowledged. */
  private recover = -1;
  /** RFC 6675 HighRxt: the highest byte retransmitted in this recovery, + 1. */
  private highRxt = 0;
  /** RFC 6937 (null: RFC 6675's cwnd - pipe alone): what this recovery delivered, sent, and its flight at the start. */
  private readonly prr: { delivered: number; out: number; recoverFs: number } | null;
  /** Karn: the one segment being timed (-1: none), and when it was sent. */
  private timedSeq = -1;
  private timedAt: Nanos = 0;
  private inSlowStart = true;
  private consecutiveTimeouts = 0;
  private readonly initialCwnd: number;
  private lastSentAt: Nanos = 0;
  private counted = false;
  private state: number;
  private synSentAt: Nanos = 0;
  private synRetransmitted = false;
  private readonly synBytes: number;
  /** Where data goes; set once the receiver exists (see createTcpHalf). */
  path!: FlowRoute;
  /** What the data sent from now on says of the exchange it belongs to (PacketPool.requestEnd, responseEnd). */
  requestEnd = 0;
  responseEnd = 0;

  constructor(
    private readonly network: Network,
    private readonly flow: FlowStats,
    config: TcpConfig,
    private readonly cc: CongestionControl,
    private readonly receiveWindow: number,
    /** Whether this half opens the connection (the client's; the server's is opened by its peer's SYN). */
    opens = true,
  ) {
    this.state = opens && config.handshake ? CLOSED : ESTABLISHED;
    this.synBytes = synBytes(config);
    const layout = segmentLayout(config);
    this.mss = layout.payload;
    this.header = layout.header;
    this.cwnd = config.initialWindow * this.mss;
    this.initialCwnd = this.cwnd;
    this.rtt = new RttEstimator(config.initialRto, config.minRto, config.maxRto);
    this.rto = new Timer(network.sim, this);
    this.scoreboard = config.sack ? new SackScoreboard() : null;
    this.prr = config.sack && config.recovery === 'prr' ? { delivered: 0, out: 0, recoverFs: 0 } : null;
    this.stats = flow.tcp!;
  }

  /** Give the sender `bytes` more application data (Infinity: an unlimited bulk source). */
  write(bytes: number): void {
    // RFC 5681 4.1 (Linux's tcp_slow_start_after_idle): after an idle period longer than the RTO,
    // start again from the initial window, so a reused connection does not burst an old cwnd.
    const now = this.network.sim.now;
    // a flow's cwnd statistics are the sum over its connections (an application's pool has many),
    // each counted from its first data: a copy of a far end in a partitioned run never counts
    if (!this.counted) {
      this.counted = true;
      this.stats.cwnd.set(this.stats.cwnd.current + this.cwnd, now);
    }
    if (this.sndUna === this.sndMax && this.sndMax > 0 && now - this.lastSentAt > this.rtt.rto && this.cwnd > this.initialCwnd) {
      this.ssthresh = Math.max(this.ssthresh, (3 * this.cwnd) / 4);
      this.setCwnd(this.initialCwnd);
      this.inSlowStart = true;
    }
    this.writeEnd += bytes;
    if (this.state === ESTABLISHED) this.trySend();
    else if (this.state === CLOSED) this.sendSyn(now);
  }

  private sendSyn(now: Nanos): void {
    this.state = SYN_SENT;
    this.synSentAt = now;
    this.emitWire(0, 0, this.synBytes);
    this.rto.setAfter(this.rtt.rto);
  }

  /** The SYN-ACK: the receiving half answers a segment without payload (src/transport/tcp/tcp-receiver.ts). */
  private onSynAck(): void {
    const now = this.network.sim.now;
    this.state = ESTABLISHED;
    this.rto.cancel();
    if (!this.synRetransmitted) {
      const sample = now - this.synSentAt;
      this.rtt.sample(sample);
      if (now >= this.network.sim.warmup) this.stats.rtt.record(sample);
    } else if (this.cwnd > this.mss) {
      this.setCwnd(this.mss);
    }
    this.trySend();
  }

  /** The application has no more data: nothing beyond what was already sent will be. */
  finishWriting(): void {
    this.writeEnd = Math.min(this.writeEnd, this.sndMax);
  }

  /** The smoothed RTT (ns; NaN before a sample), for the congestion control (WindowState). */
  get srtt(): Nanos {
    return this.rtt.srtt;
  }

  /** Bytes the application has handed over so far. */
  get written(): number {
    return this.writeEnd;
  }

  get acknowledged(): number {
    return this.sndUna;
  }

  /** An ACK arrives at the end of the reverse route. */
  receive(packet: PacketId): void {
    const pool = this.network.pool;
    const ack = pool.ack(packet);
    const scoreboard = this.scoreboard;
    const una = this.sndUna;
    let sacked = 0;
    let lossBound = -1;
    if (scoreboard !== null) {
      // (an empty scoreboard holds nothing SACKed and marks nothing lost)
      if (this.prr !== null && !scoreboard.isEmpty) {
        sacked = scoreboard.sackedIn(una, this.sndMax);
        lossBound = scoreboard.lossBound((DUP_THRESH - 1) * this.mss);
      }
      const blocks = pool.sackCount(packet);
      for (let b = 0; b < blocks; b++) scoreboard.add(pool.sackStart(packet, b), pool.sackEnd(packet, b));
    }
    const now = this.network.sim.now;
    // the round trip the ACK's timestamp measures (small: a time itself would be boxed, see onNewAck)
    const echoedRtt = now - pool.tsEcr(packet);
    pool.release(packet);
    if (this.state !== ESTABLISHED) return this.onSynAck();
    if (ack > this.sndUna) this.onNewAck(ack, echoedRtt);
    else if (ack === this.sndUna && this.sndMax > this.sndUna) this.onDuplicateAck();
    // RFC 6937: DeliveredData = change in snd.una + change in SACKed bytes, on every ACK that
    // starts or continues a recovery (not the one that ends it)
    if (this.prr !== null && this.inRecovery) {
      const board = scoreboard!;
      const delivered = this.sndUna - una + board.sackedIn(this.sndUna, this.sndMax) - sacked;
      const bound = board.lossBound((DUP_THRESH - 1) * this.mss);
      const pipe = this.pipe(board, bound);
      this.reduceProportionally(delivered, this.sndUna > una && !this.newlyLost(lossBound, bound), pipe);
      return this.sackRecoverySend(board, bound, pipe);
    }
    this.trySend();
  }

  /** Whether bytes below the loss bound `after` count as lost that did not below `before`. */
  private newlyLost(before: number, after: number): boolean {
    const from = Math.max(before, this.sndUna);
    return after > from && this.scoreboard!.sackedIn(from, after) < after - from;
  }

  onTimer(): void {
    const now = this.network.sim.now;
    const sim = this.network.sim;
    if (now >= sim.warmup) {
      this.stats.timeouts++;
      this.stats.timeoutRtos.push(this.rtt.rto);
    }
    if (this.state !== ESTABLISHED) {
      // the SYN or its SYN-ACK was lost: again, after twice the wait
      this.synRetransmitted = true;
      if (now >= sim.warmup) this.stats.retransmits++;
      this.rtt.backOff();
      this.sendSyn(now);
      return;
    }
    this.endSlowStart();
    // RFC 5681 3.1: when the segment has already been retransmitted by the timer, ssthresh holds.
    if (this.consecutiveTimeouts++ === 0) this.ssthresh = this.cc.onTimeout(this, this.sndMax - this.sndUna, this.sndMax);
    this.setCwnd(this.mss);
    this.inSlowStart = true;
    this.recover = this.sndMax;
    this.inRecovery = false;
    this.dupAcks = 0;
    this.sndNxt = this.sndUna; // go back N
    this.timedSeq = -1;
    this.rtt.backOff();
    this.trySend();
  }

  /**
   * `echoedRtt`: the time since the ACK's echoed timestamp (RFC 7323), the send time of the segment
   * it was taken from. The clock is read here, not passed: V8 boxes a time (any after 2.1 s) into a
   * new heap number at a call it does not inline, and this is one per ACK.
   */
  private onNewAck(ack: number, echoedRtt: Nanos): void {
    const now = this.network.sim.now;
    const acked = ack - this.sndUna;
    const flight = this.sndMax - this.sndUna;
    if (this.timedSeq >= 0 && ack > this.timedSeq) {
      const sample = now - this.timedAt;
      this.rtt.sample(sample);
      if (now >= this.network.sim.warmup) this.stats.rtt.record(sample);
      this.timedSeq = -1;
    }
    this.sndUna = ack;
    this.consecutiveTimeouts = 0;
    this.scoreboard?.trimBelow(ack);
    if (this.sndNxt < ack) this.sndNxt = ack;
    if (this.highRxt < ack) this.highRxt = ack;
    this.dupAcks = 0;
    if (this.inRecovery) {
      if (ack >= this.recover) {
        // Full acknowledgement: leave recovery with the window at ssthresh (RFC 6582 3.2 step 3).
        this.inRecovery = false;
        // PRR's recovery ends at ssthresh (RFC 6937 section 3, as Linux and ns-3)
        this.setCwnd(this.prr !== null ? this.ssthresh : Math.min(this.ssthresh, Math.max(this.sndMax - ack, this.mss) + this.mss));
      } else if (this.scoreboard === null) {
        // NewReno partial acknowledgement: retransmit the next hole, deflate by what was acked.
        this.retransmit(ack, Math.min(this.segmentSize(), this.sndMax - ack));
        this.setCwnd(Math.max(this.cwnd - acked + (acked >= this.mss ? this.mss : 0), this.mss));
      }
    } else {
      // RFC 9438 5.8 (and Linux for Reno): the window grows only while it limits the sender, not
      // while the application or the receive window does (else cwnd inflates far past any flight
      // and the next reduction starts from a window that was never used)
      const before = this.cwnd;
      // every ACK of new data is an RTT sample through the timestamp it echoes (the RTO keeps to one
      // timed segment per round trip, above); HyStart reads them
      if (this.cc.onRttSample !== undefined) this.cc.onRttSample(this, echoedRtt, ack, this.sndMax);
      if (this.cwndLimited(flight)) this.cc.onAck(this, acked);
      if (this.cwnd !== before) this.stats.cwnd.set(this.stats.cwnd.current + this.cwnd - before, now);
      if (this.inSlowStart && (this.cwnd >= this.ssthresh || this.cwnd >= this.receiveWindow)) this.endSlowStart();
      if (this.scoreboard !== null && this.lossDetected()) this.enterRecovery();
    }
    if (this.sndUna >= this.sndMax) this.rto.cancel();
    else this.rto.setAfter(this.rtt.rto);
  }

  private onDuplicateAck(): void {
    this.dupAcks++;
    if (this.inRecovery) {
      // NewReno window inflation: one segment has left the network. (SACK counts the pipe instead.)
      if (this.scoreboard === null) this.setCwnd(this.cwnd + this.mss);
    } else if (this.lossDetected()) {
      this.enterRecovery();
    }
  }

  /**
   * Three duplicate ACKs, or (with SACK) the oldest outstanding byte counts as lost; not for data
   * sent before the last recovery began (RFC 6582 3.2: the ACK must cover more than the old
   * recovery point, the highest byte sent then, i.e. `recover` - 1 here).
   */
  private lossDetected(): boolean {
    if (this.sndUna < this.recover) return false;
    if (this.dupAcks >= DUP_THRESH) return true;
    return this.scoreboard !== null && this.scoreboard.lossBound((DUP_THRESH - 1) * this.mss) > this.sndUna;
  }

  private enterRecovery(): void {
    this.endSlowStart();
    this.ssthresh = this.cc.onFastRetransmit(this, this.sndMax - this.sndUna);
    this.recover = this.sndMax;
    this.inRecovery = true;
    this.highRxt = this.sndUna;
    if (this.scoreboard === null) {
      this.retransmit(this.sndUna, Math.min(this.segmentSize(), this.sndMax - this.sndUna));
      this.setCwnd(this.ssthresh + DUP_THRESH * this.mss);
    } else {
      this.setCwnd(this.ssthresh);
      // RFC 6675 section 5, step (4.3): the first segment presumed lost goes out at once, whatever
      // the pipe; then step (C) sends what cwnd - pipe allows (trySend, after this ACK), or, with
      // PRR, what its share of the data delivered allows (RFC 6937; Linux sends this one segment
      // whatever the share, and counts it in prr_out)
      const length = Math.min(this.sndUna + this.segmentSize(), this.scoreboard.nextSackedAfter(this.sndUna), this.sndMax) - this.sndUna;
      const prr = this.prr;
      if (prr !== null) {
        prr.delivered = 0;
        prr.out = length;
        prr.recoverFs = this.sndMax - this.sndUna;
      }
      this.retransmit(this.sndUna, length);
      this.highRxt = this.sndUna + length;
    }
  }

  /**
   * RFC 6937 on an ACK during recovery: while the pipe exceeds ssthresh, send ssthresh / RecoverFS
   * of what is delivered; below it, grow back towards ssthresh by what is delivered plus one segment
   * on a `safe` ACK (it advances snd.una and marks nothing newly lost: the slow-start reduction
   * bound), else by no more than is delivered (the conservative bound). This is the choice of
   * draft-ietf-tcpm-prr-rfc6937bis and of Linux since 4.6: the slow-start bound on every ACK doubles
   * what a recovery sends into a bottleneck (a policer) that is dropping, and its retransmissions
   * are then lost too. cwnd = pipe + sndcnt.
   */
  private reduceProportionally(delivered: number, safe: boolean, pipe: number): void {
    const prr = this.prr!;
    prr.delivered += delivered;
    let sndcnt: number;
    if (pipe > this.ssthresh) sndcnt = Math.ceil((prr.delivered * this.ssthresh) / prr.recoverFs) - prr.out;
    else if (safe) sndcnt = Math.min(this.ssthresh - pipe, Math.max(prr.delivered - prr.out, delivered) + this.mss);
    else sndcnt = Math.min(this.ssthresh - pipe, prr.delivered - prr.out);
    this.setCwnd(pipe + Math.max(sndcnt, 0));
  }

  /**
   * Whether the window limited the sender when this ACK came: the flight filled it to within a
   * segment (a sender that has data and room sends, so a flight short of cwnd means the receive
   * window or the application held it back). In slow start as in congestion avoidance: Linux lets
   * slow start grow cwnd to twice the flight, which lets a window-limited flow double its cwnd.
   */
  private cwndLimited(flight: number): boolean {
    return flight + this.mss > this.cwnd;
  }

  private trySend(): void {
    if (this.inRecovery && this.scoreboard !== null) return this.sackRecoverySend(this.scoreboard);
    const window = Math.min(this.cwnd, this.receiveWindow);
    while (this.sndNxt < this.writeEnd) {
      if (this.sndNxt < this.sndMax && this.scoreboard !== null) {
        // go-back-N after a timeout: skip what the receiver already holds
        this.sndNxt = this.scoreboard.nextUnsacked(this.sndNxt);
        if (this.sndNxt >= this.writeEnd) break;
      }
      const limit = this.sndNxt < this.sndMax ? this.nextBoundary(this.sndNxt) : this.writeEnd;
      const length = Math.min(this.segmentSize(), limit - this.sndNxt);
      if (this.sndNxt + length - this.sndUna > window && this.sndNxt > this.sndUna) break;
      this.sendSegment(this.sndNxt, length);
      this.sndNxt += length;
    }
  }

  /**
   * RFC 6675 transmission during recovery: while cwnd - pipe allows a segment, send NextSeg: the
   * first lost hole not yet retransmitted, else new data.
   */
  private sackRecoverySend(
    scoreboard: SackScoreboard,
    lossBound = scoreboard.lossBound((DUP_THRESH - 1) * this.mss),
    pipe = this.pipe(scoreboard, lossBound),
  ): void {
    const window = Math.min(this.cwnd, this.receiveWindow);
    for (;;) {
      if (window - pipe < this.mss && pipe > 0) return;
      const hole = scoreboard.nextUnsacked(Math.max(this.highRxt, this.sndUna));
      let length: number;
      if (hole < lossBound && hole < this.sndMax) {
        length = Math.min(hole + this.segmentSize(), scoreboard.nextSackedAfter(hole), this.sndMax) - hole;
        this.retransmit(hole, length);
        this.highRxt = hole + length;
      } else if (this.sndMax < this.writeEnd && this.sndMax - this.sndUna + this.mss <= this.receiveWindow) {
        length = Math.min(this.segmentSize(), this.writeEnd - this.sndMax);
        this.sndNxt = this.sndMax;
        this.sendSegment(this.sndMax, length);
        this.sndNxt = this.sndMax;
      } else {
        return;
      }
      pipe += length;
      if (this.prr !== null) this.prr.out += length;
    }
  }

  /**
   * RFC 6675 pipe, in bytes: outstanding bytes neither SACKed nor lost, plus retransmitted bytes
   * not yet SACKed or acknowledged.
   */
  private pipe(scoreboard: SackScoreboard, lossBound: number): number {
    const notLostFrom = Math.max(lossBound, this.sndUna);
    const inFlight = this.sndMax - notLostFrom - scoreboard.sackedIn(notLostFrom, this.sndMax);
    const retransmitted = this.highRxt > this.sndUna ? this.highRxt - this.sndUna - scoreboard.sackedIn(this.sndUna, this.highRxt) : 0;
    return inFlight + retransmitted;
  }

  /**
   * The payload of a full segment on the current route: the MSS, or less when the route changed to
   * a smaller MTU (a failover onto a tunnel or a provider circuit): TCP follows the path MTU at once,
   * as path MTU discovery would after one round trip (not modelled: the lost round trip).
   */
  private segmentSize(): number {
    this.path.current();
    const fits = this.path.mtu - this.header;
    return fits < this.mss ? fits : this.mss;
  }

  /** Where a retransmission starting at `seq` must stop: the next SACKed byte, or sndMax. */
  private nextBoundary(seq: number): number {
    return this.scoreboard === null ? this.sndMax : Math.min(this.sndMax, this.scoreboard.nextSackedAfter(seq));
  }

  private sendSegment(seq: number, length: number): void {
    if (seq < this.sndMax) this.countRetransmission();
    else if (this.timedSeq < 0) {
      this.timedSeq = seq;
      this.timedAt = this.network.sim.now;
    }
    this.emit(seq, length);
    if (seq + length > this.sndMax) this.sndMax = seq + length;
    if (!this.rto.armed) this.rto.setAfter(this.rtt.rto);
  }

  /**
   * Sending `seq` again restarts the timer only for the oldest outstanding segment (or when none
   * runs): RFC 6298 5.1 and 5.3 restart it on sending when it is stopped and on new
   * acknowledgements, and Linux re-arms it when it retransmits the head. Restarting it for every
   * hole SACK recovery repairs would postpone it for as long as new data keeps losing segments,
   * and a lost retransmission of the head would then never be sent again.
   */
  private retransmit(seq: number, length: number): void {
    this.countRetransmission();
    this.emit(seq, length);
    if (seq === this.sndUna || !this.rto.armed) this.rto.setAfter(this.rtt.rto);
  }

  private countRetransmission(): void {
    this.timedSeq = -1; // Karn: no sample may come from retransmitted data
    if (this.network.sim.now >= this.network.sim.warmup) this.stats.retransmits++;
  }

  private emit(seq: number, length: number): void {
    this.emitWire(seq, length, this.header + Math.ceil(length / this.path.compression));
  }

  /** A segment of `length` payload bytes from `seq`, `wire` bytes on the wire (a SYN has no payload). */
  private emitWire(seq: number, length: number, wire: number): void {
    const sim = this.network.sim;
    const route = this.path.current();
    const pool = this.network.pool;
    const packet = pool.stamp(pool.take(), this.flow.index, seq, wire, this.path.dscp, this.path.tag, length);
    pool.setExchangeEnds(packet, this.requestEnd, this.responseEnd);
    this.lastSentAt = sim.now;
    if (sim.now >= sim.warmup) this.flow.countSent(wire, this.path.exposure);
    send(packet, route);
  }

  private setCwnd(cwnd: number): void {
    this.stats.cwnd.set(this.stats.cwnd.current + cwnd - this.cwnd, this.network.sim.now);
    this.cwnd = cwnd;
  }

  private endSlowStart(): void {
    if (!this.inSlowStart) return;
    this.inSlowStart = false;
    if (Number.isNaN(this.stats.slowStartEnd)) this.stats.slowStartEnd = this.network.sim.now;
  }
}
