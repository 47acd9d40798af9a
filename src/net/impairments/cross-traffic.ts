import type { EventHandler } from '../../core/event-list.js';
import type { Simulator } from '../../core/simulator.js';
import { NS_PER_S, type Nanos } from '../../core/time.js';
import type { Sampler } from '../../core/distribution.js';
import type { FlowStats } from '../flow-stats.js';
import type { Link } from '../link.js';
import type { Network } from '../network.js';
import { send, type PacketId, type PacketSink } from '../packet.js';

const HOUR = 3600 * NS_PER_S;

/** Hourly load multipliers: the rate at time t is the mean rate x hourly[(startHour + t/1h) mod 24]. */
export interface DailyProfile {
  hourly: readonly number[];
  startHour: number;
}

/**
 * One background on/off source crossing a single link: while on it sends at its peak rate, then
 * falls silent. Many of them with heavy-tailed periods add up to self-similar traffic, so queueing
 * delay and loss on a best-effort path rise and fall in bursts at every time scale.
 */
export class CrossTrafficSource implements EventHandler, PacketSink {
  private nextTime = 0;
  private onEnds = 0;
  private readonly nsPerByte: number;
  private readonly route: readonly PacketSink[];

  constructor(
    private readonly sim: Simulator,
    private readonly network: Network,
    private readonly flow: FlowStats,
    link: Link,
    peakRateBps: number,
    private readonly packetSize: number,
    private readonly on: Sampler,
    private readonly off: Sampler,
    /** Where in the cycle the source starts: a uniform draw makes the sources independent from t = 0. */
    phase: number,
    private readonly profile: DailyProfile | undefined,
  ) {
    this.nsPerByte = (8 * NS_PER_S) / peakRateBps;
    this.route = [link, this];
    // Start in the on state with probability E[on] / (E[on] + E[off]) (stationary start).
    const duty = on.mean / (on.mean + off.mean);
    if (phase < duty) this.onEnds = on.next();
    else {
      this.nextTime = off.next();
      this.onEnds = this.nextTime + on.next();
    }
  }

  begin(): void {
    this.sim.at(Math.round(this.nextTime), this, 0);
  }

  onEvent(): void {
    const now = this.sim.now;
    const pool = this.network.pool;
    const route = this.route;
    send(pool.stamp(pool.take(), this.flow.index, 0, this.packetSize, 0, 0), route);
    this.nextTime += this.packetSize * this.nsPerByte / this.scale(now);
    while (this.nextTime >= this.onEnds) {
      // Carry the part of the gap that overran the on period into the next one, so that the
      // source sends exactly at its peak rate for the total on time (no half packet per period).
      const overrun = this.nextTime - this.onEnds;
      const onStarts = this.onEnds + this.off.next();
      this.onEnds = onStarts + this.on.next();
      this.nextTime = onStarts + overrun;
    }
    this.sim.at(Math.max(now, Math.round(this.nextTime)), this, 0);
  }

  /** The far end of the link: background packets are only counted by the links they cross. */
  receive(packet: PacketId): void {
    this.network.pool.release(packet);
  }

  private scale(now: Nanos): number {
    if (this.profile === undefined) return 1;
    const hour = (this.profile.startHour + Math.floor(now / HOUR)) % 24;
    return Math.max(this.profile.hourly[hour]!, 1e-3);
  }
}
