import type { EventHandler } from '../core/event-list.js';
import type { Simulator } from '../core/simulator.js';
import type { Nanos } from '../core/time.js';
import type { TcpStats } from '../stats/tcp-stats.js';
import type { TcpHalf } from '../transport/tcp/tcp-connection.js';
import type { DeliveryListener } from '../transport/tcp/tcp-receiver.js';
import type { Sampler } from './distribution.js';

/**
 * A client sends a request, the server answers once the whole request has arrived, and the client
 * waits a think time after the whole response before the next request, over one persistent
 * connection (two TCP halves). Each exchange's completion time, from sending the request to
 * receiving the last response byte, is recorded.
 */
export class RequestResponse implements EventHandler {
  private requestEnd = 0;
  private responseEnd = 0;
  private requestSentAt: Nanos = 0;
  private sent = 0;
  private awaitingResponse = false;

  constructor(
    private readonly sim: Simulator,
    private readonly client: TcpHalf,
    private readonly server: TcpHalf,
    private readonly stats: TcpStats,
    private readonly requests: Sampler,
    private readonly responses: Sampler,
    private readonly think: Sampler,
    private readonly count: number,
    private readonly start: Nanos,
    private readonly stop: Nanos,
  ) {
    const atServer: DeliveryListener = { onDelivered: (total) => this.requestArrived(total) };
    const atClient: DeliveryListener = { onDelivered: (total) => this.responseArrived(total) };
    client.receiver.listener = atServer;
    server.receiver.listener = atClient;
  }

  begin(): void {
    this.sim.at(this.start, this, 0);
  }

  /** Time to send the next request. */
  onEvent(): void {
    if (this.sim.now >= this.stop || this.sent >= this.count) return;
    this.sent++;
    const bytes = wholeBytes(this.requests.next());
    this.requestEnd += bytes;
    this.responseEnd += wholeBytes(this.responses.next());
    this.requestSentAt = this.sim.now;
    this.awaitingResponse = true;
    this.client.sender.write(bytes);
  }

  private requestArrived(total: number): void {
    const unanswered = this.responseEnd - this.server.sender.written;
    if (total >= this.requestEnd && unanswered > 0) this.server.sender.write(unanswered);
  }

  private responseArrived(total: number): void {
    if (!this.awaitingResponse || total < this.responseEnd) return;
    this.awaitingResponse = false;
    if (this.sim.now >= this.sim.warmup) this.stats.completion.record(this.sim.now - this.requestSentAt);
    this.sim.after(Math.round(this.think.next()), this, 0);
  }
}

const wholeBytes = (x: number): number => Math.max(1, Math.round(x));
