import type { Nanos } from '../core/time.js';
import type { TcpHalf } from '../transport/tcp/tcp-connection.js';

/**
 * Request/response over one persistent connection (two TCP halves): the client sends a request;
 * once all of it has arrived the server answers; the exchange is done when the whole response has
 * arrived. Exchanges follow one another on the connection.
 */
export class Exchange {
  private requestEnd = 0;
  private responseEnd = 0;
  private startedAt: Nanos = 0;
  private busy = false;

  constructor(
    private readonly client: TcpHalf,
    private readonly server: TcpHalf,
    /** Called when the whole response has arrived, with when the exchange started. */
    private readonly done: (startedAt: Nanos) => void,
  ) {
    client.receiver.listener = { onDelivered: (total, requestEnd, responseEnd) => this.requestArrived(total, requestEnd, responseEnd) };
    server.receiver.listener = { onDelivered: (total) => this.responseArrived(total) };
  }

  /** Send a request of `request` bytes, to be answered with `response` bytes; `startedAt` is what `done` gets back. */
  start(startedAt: Nanos, request: number, response: number): void {
    this.startedAt = startedAt;
    this.busy = true;
    this.requestEnd += request;
    this.responseEnd += response;
    const sender = this.client.sender;
    sender.requestEnd = this.requestEnd;
    sender.responseEnd = this.responseEnd;
    sender.write(request);
  }

  /** The server answers from what the request's data says (in a partitioned run the client's side lives elsewhere). */
  private requestArrived(total: number, requestEnd: number, responseEnd: number): void {
    const unanswered = responseEnd - this.server.sender.written;
    if (total >= requestEnd && unanswered > 0) this.server.sender.write(unanswered);
  }

  private responseArrived(total: number): void {
    if (!this.busy || total < this.responseEnd) return;
    this.busy = false;
    this.done(this.startedAt);
  }
}

/** Sizes are whole bytes, at least one. */
export const wholeBytes = (x: number): number => Math.max(1, Math.round(x));
