import type { EventHandler } from '../core/event-list.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import type { TcpStats } from '../probes/tcp-stats.js';
import type { TcpHalf } from '../transport/tcp/tcp-connection.js';
import type { DeliveryListener } from '../transport/tcp/tcp-receiver.js';

const START = 0;
const STOP = 1;

/**
 * Hands `size` bytes (Infinity: unlimited) to a TCP sender at `start`; a sized transfer's
 * completion time runs from start until its last byte is delivered to the receiving application.
 * An unlimited transfer stops offering new data at `stop`.
 */
export class BulkTransfer implements EventHandler, DeliveryListener {
  private done = false;

  constructor(
    private readonly sim: Simulator,
    private readonly tcp: TcpHalf,
    private readonly stats: TcpStats,
    private readonly size: number,
    private readonly start: Nanos,
    private readonly stop: Nanos,
  ) {
    tcp.receiver.listener = this;
  }

  begin(): void {
    this.sim.at(this.start, this, START);
    if (this.size === Infinity) this.sim.at(this.stop, this, STOP);
  }

  onEvent(tag: number): void {
    if (tag === START) this.tcp.sender.write(this.size);
    else this.tcp.sender.finishWriting();
  }

  onDelivered(total: number): void {
    if (this.done || total < this.size) return;
    this.done = true;
    if (this.sim.now >= this.sim.warmup) this.stats.completion.record(this.sim.now - this.start);
  }
}
