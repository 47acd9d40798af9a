import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import { NS_PER_S } from '../core/time.js';
import type { PacketSizeModel } from './packet-size.js';
import { Source, type PacketEmitter, type SourceTiming } from './source.js';

/**
 * Constant bit rate: each packet is followed by a gap of size x 8 / rate. Send times are kept in
 * full precision and rounded only when scheduled, so the long-run rate is exact.
 */
export class CbrSource extends Source {
  private nextTime: number;
  private readonly nsPerByte: number;

  constructor(sim: Simulator, emitter: PacketEmitter, sizes: PacketSizeModel, timing: SourceTiming, rateBps: number) {
    super(sim, emitter, sizes, timing);
    this.nextTime = timing.start;
    this.nsPerByte = (8 * NS_PER_S) / rateBps;
  }

  protected nextSendTime(lastSize: number): Nanos {
    this.nextTime += lastSize * this.nsPerByte;
    return Math.round(this.nextTime);
  }
}
