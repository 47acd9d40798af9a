import type { EventHandler } from '../core/event-list.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import type { TcpStats } from '../probes/tcp-stats.js';
import type { TcpHalf } from '../transport/tcp/tcp-connection.js';
import type { Sampler } from '../core/distribution.js';
import { Exchange, wholeBytes } from './exchange.js';

/**
 * A client sends a request, the server answers once the whole request has arrived, and the client
 * waits a think time after the whole response before the next request, over one persistent
 * connection (two TCP halves). Each exchange's completion time, from sending the request to
 * receiving the last response byte, is recorded.
 */
export class RequestResponse implements EventHandler {
  private sent = 0;
  private readonly exchange: Exchange;

  constructor(
    private readonly sim: Simulator,
    client: TcpHalf,
    server: TcpHalf,
    private readonly stats: TcpStats,
    private readonly requests: Sampler,
    private readonly responses: Sampler,
    private readonly think: Sampler,
    private readonly count: number,
    private readonly start: Nanos,
    private readonly stop: Nanos,
  ) {
    this.exchange = new Exchange(client, server, (startedAt) => this.answered(startedAt));
  }

  begin(): void {
    this.sim.at(this.start, this, 0);
  }

  /** Time to send the next request. */
  onEvent(): void {
    if (this.sim.now >= this.stop || this.sent >= this.count) return;
    this.sent++;
    const request = wholeBytes(this.requests.next());
    this.exchange.start(this.sim.now, request, wholeBytes(this.responses.next()));
  }

  private answered(startedAt: Nanos): void {
    if (this.sim.now >= this.sim.warmup) this.stats.completion.record(this.sim.now - startedAt);
    this.sim.after(Math.round(this.think.next()), this, 0);
  }
}
