import type { EventHandler } from '../core/event-list.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import { FixedSize, type PacketSizeModel } from './packet-size.js';

/** Where a source hands each packet it decides to send (a UDP sender, for instance). */
export interface PacketEmitter {
  send(size: number): void;
}

export interface SourceTiming {
  start: Nanos;
  stop: Nanos;
}

/**
 * A packet source: decides when to send and how big. Subclasses give the gap to the next packet;
 * there is one pending event per source.
 */
export abstract class Source implements EventHandler {
  /** Copied out of `timing` and `sizes`: a packet then touches fewer objects (it matters with thousands of flows). */
  private readonly stop: Nanos;
  private readonly fixedSize: number;

  constructor(
    protected readonly sim: Simulator,
    protected readonly emitter: PacketEmitter,
    protected readonly sizes: PacketSizeModel,
    protected readonly timing: SourceTiming,
  ) {
    this.stop = timing.stop;
    this.fixedSize = sizes instanceof FixedSize ? sizes.mean : 0;
  }

  begin(): void {
    if (this.timing.start < this.stop) this.sim.at(this.timing.start, this, 0);
  }

  onEvent(): void {
    const size = this.fixedSize > 0 ? this.fixedSize : this.sizes.next();
    this.emitter.send(size);
    const next = this.nextSendTime(size);
    if (next < this.stop) this.sim.at(next, this, 0);
  }

  /** Absolute time of the next packet, given the size of the one just sent. */
  protected abstract nextSendTime(lastSize: number): Nanos;
}
