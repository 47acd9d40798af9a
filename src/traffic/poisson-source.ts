import type { RandomStream } from '../core/random.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import { NS_PER_S } from '../core/time.js';
import type { PacketSizeModel } from './packet-size.js';
import { Source, type PacketEmitter, type SourceTiming } from './source.js';

/** Poisson arrivals whose mean bit rate is `rateBps` (packet rate = rate / (8 x mean size)). */
export class PoissonSource extends Source {
  private nextTime: number;
  private readonly meanGapNs: number;

  constructor(
    sim: Simulator,
    emitter: PacketEmitter,
    sizes: PacketSizeModel,
    timing: SourceTiming,
    rateBps: number,
    private readonly random: RandomStream,
  ) {
    super(sim, emitter, sizes, timing);
    this.nextTime = timing.start;
    this.meanGapNs = (sizes.mean * 8 * NS_PER_S) / rateBps;
  }

  protected nextSendTime(): Nanos {
    this.nextTime += this.random.exponential(this.meanGapNs);
    return Math.round(this.nextTime);
  }
}
