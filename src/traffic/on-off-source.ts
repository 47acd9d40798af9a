import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import { NS_PER_S } from '../core/time.js';
import type { Sampler } from './distribution.js';
import type { PacketSizeModel } from './packet-size.js';
import { Source, type PacketEmitter, type SourceTiming } from './source.js';

/**
 * Alternates on and off periods; while on it sends at the peak rate like a CBR source. The long-run
 * mean rate is peak x on / (on + off). The first on period begins at the start time.
 */
export class OnOffSource extends Source {
  private nextTime: number;
  private onEnds: number;
  private readonly nsPerByte: number;

  constructor(
    sim: Simulator,
    emitter: PacketEmitter,
    sizes: PacketSizeModel,
    timing: SourceTiming,
    peakRateBps: number,
    private readonly on: Sampler,
    private readonly off: Sampler,
  ) {
    super(sim, emitter, sizes, timing);
    this.nsPerByte = (8 * NS_PER_S) / peakRateBps;
    this.nextTime = timing.start;
    this.onEnds = timing.start + on.next();
  }

  protected nextSendTime(lastSize: number): Nanos {
    this.nextTime += lastSize * this.nsPerByte;
    while (this.nextTime >= this.onEnds) {
      // Carry the part of the gap that overran the on period into the next one, so that the
      // source sends exactly at its peak rate for the total on time (no half packet per period).
      const overrun = this.nextTime - this.onEnds;
      const onStarts = this.onEnds + this.off.next();
      this.onEnds = onStarts + this.on.next();
      this.nextTime = onStarts + overrun;
    }
    return Math.round(this.nextTime);
  }
}
